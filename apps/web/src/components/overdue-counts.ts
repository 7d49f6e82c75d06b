import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../lib/api-client.ts';

/** Overdue action items per vendor (the caller's scope); one request serves every row of a page. */
export const overdueCountsQueryOptions = () =>
  queryOptions({
    queryKey: ['plans', 'overdue-counts'],
    queryFn: ({ signal }) =>
      apiFetch<{ items: { vendorId: number; overdueItems: number }[] }>('/api/plans/overdue-counts', { signal }),
    select: (data) => new Map(data.items.map((c) => [c.vendorId, c.overdueItems])),
    staleTime: 60_000,
  });

export function useOverdueCounts() {
  return useQuery(overdueCountsQueryOptions());
}
