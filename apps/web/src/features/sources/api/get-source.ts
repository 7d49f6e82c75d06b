import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';
import { SOURCES_POLL_MS } from './list-sources.ts';

export type SourceDetail = ApiResponse<'getSource'>;
export type SourceRun = SourceDetail['runs'][number];
export type SourceImport = SourceDetail['imports'][number];

export function getSource(id: number, signal?: AbortSignal) {
  return apiFetch<SourceDetail>(`/api/sources/${id}`, { signal });
}

const unfinished = (d: SourceDetail | undefined) =>
  Boolean(
    d &&
    (d.runs.some((r) => r.status === 'running') ||
      d.imports.some((i) => i.status === 'queued' || i.status === 'running')),
  );

export const sourceQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ['sources', 'detail', id],
    queryFn: ({ signal }) => getSource(id, signal),
    // While a pull or one of its imports is under way, its counts keep moving.
    refetchInterval: (query) => (unfinished(query.state.data) ? SOURCES_POLL_MS : false),
  });

export function useSource(id: number) {
  return useQuery(sourceQueryOptions(id));
}
