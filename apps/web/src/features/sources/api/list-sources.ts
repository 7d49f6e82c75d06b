import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

/** GET /api/sources: never carries a secret, only whether one is stored. */
export type ImportSource = ApiResponse<'listSources'>[number];
export type SourceKind = ImportSource['kind'];

export const SOURCES_POLL_MS = 2_000;

export function listSources(signal?: AbortSignal) {
  return apiFetch<ApiResponse<'listSources'>>('/api/sources', { signal });
}

export const sourcesQueryOptions = () =>
  queryOptions({
    queryKey: ['sources', 'list'],
    queryFn: ({ signal }) => listSources(signal),
    // Scheduled pulls happen without anyone on the page: health and last run refresh on their own.
    refetchInterval: SOURCES_POLL_MS * 5,
  });

export function useSources() {
  return useQuery(sourcesQueryOptions());
}
