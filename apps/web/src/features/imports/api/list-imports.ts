import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import { isFinished, POLL_INTERVAL_MS, type ImportSummary } from './get-import.ts';

export function listImports(limit: number, offset: number, signal?: AbortSignal) {
  return apiFetch<{ items: ImportSummary[]; total: number }>('/api/imports', { query: { limit, offset }, signal });
}

export const importsQueryOptions = (limit: number, offset: number) =>
  queryOptions({
    queryKey: ['imports', 'list', limit, offset],
    queryFn: ({ signal }) => listImports(limit, offset, signal),
    placeholderData: keepPreviousData,
    // While any listed import is still running the counts keep moving.
    refetchInterval: (query) =>
      query.state.data?.items.some((i) => !isFinished(i.status)) ? POLL_INTERVAL_MS * 2 : false,
  });

export function useImports(limit: number, offset: number) {
  return useQuery(importsQueryOptions(limit, offset));
}
