import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type ImportSummary = ApiResponse<'listImports'>['items'][number];

export type ImportDetail = ApiResponse<'getImport'>;

export type ImportStatus = ImportDetail['status'];

export const POLL_INTERVAL_MS = 500;

export function isFinished(status: ImportStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'duplicate';
}

export function getImport(id: number, signal?: AbortSignal): Promise<ImportDetail> {
  return apiFetch<ImportDetail>(`/api/imports/${id}`, { signal });
}

/** Polls every 500 ms while the worker runs the import, and stops when it has ended. */
export const importQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ['imports', 'detail', id],
    queryFn: ({ signal }) => getImport(id, signal),
    refetchInterval: (query) => (query.state.data && isFinished(query.state.data.status) ? false : POLL_INTERVAL_MS),
    staleTime: 0,
  });

export function useImport(id: number | null) {
  return useQuery({ ...importQueryOptions(id ?? 0), enabled: id !== null });
}
