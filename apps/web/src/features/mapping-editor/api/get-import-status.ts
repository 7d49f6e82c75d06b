import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

/** The import the editor started, whose counts it shows while it runs (GET /api/imports/:id). */
export type ImportStatus = ApiResponse<'getImport'>;

const POLL_INTERVAL_MS = 500;
const running = (status: ImportStatus['status'] | undefined) => status === 'queued' || status === 'running';

export const importStatusQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ['imports', 'detail', id],
    queryFn: ({ signal }) => apiFetch<ImportStatus>(`/api/imports/${id}`, { signal }),
    refetchInterval: (query) => (query.state.data && !running(query.state.data.status) ? false : POLL_INTERVAL_MS),
    staleTime: 0,
  });

/** Polls every 500 ms until the import has ended. */
export function useImportStatus(id: number | null) {
  return useQuery({ ...importStatusQueryOptions(id ?? 0), enabled: id !== null });
}
