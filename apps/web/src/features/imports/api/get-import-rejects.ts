import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type ImportReject = ApiResponse<'listImportRejects'>['items'][number];

export function getImportRejects(id: number, limit: number, offset: number, signal?: AbortSignal) {
  return apiFetch<ApiResponse<'listImportRejects'>>(`/api/imports/${id}/rejects`, {
    query: { limit, offset },
    signal,
  });
}

export function importRejectsCsvUrl(id: number): string {
  return `/api/imports/${id}/rejects.csv`;
}

export const importRejectsQueryOptions = (id: number, limit: number, offset: number) =>
  queryOptions({
    queryKey: ['imports', 'rejects', id, limit, offset],
    queryFn: ({ signal }) => getImportRejects(id, limit, offset, signal),
    placeholderData: keepPreviousData,
  });

export function useImportRejects(id: number, limit: number, offset: number) {
  return useQuery(importRejectsQueryOptions(id, limit, offset));
}
