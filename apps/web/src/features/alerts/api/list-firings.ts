import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type Firing = ApiResponse<'listAlertFirings'>['items'][number];

/** The figures a metric alert recorded when it fired (see docs/alerts.md); a plan alert records its forecast. */
export type MetricFigures = Extract<Firing['figures'], { projection: unknown }>;

export const firingsQueryOptions = () =>
  queryOptions({
    queryKey: ['alerts', 'firings'],
    queryFn: ({ signal }) =>
      apiFetch<ApiResponse<'listAlertFirings'>>('/api/alerts/firings', { query: { limit: 100 }, signal }),
    refetchInterval: 15_000,
  });

export function useFirings() {
  return useQuery(firingsQueryOptions());
}
