import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

/** The figures a metric alert recorded when it fired (see docs/alerts.md). */
export interface MetricFigures {
  value: number | null;
  target: number | null;
  sample: number;
  status: string;
  marking?: { daysCovered: number };
  projection?: {
    method: string;
    value: number | null;
    requiredRate?: number | null;
    requiredState?: string;
    note?: string;
  };
}

export type Firing = ApiResponse<'listAlertFirings'>['items'][number];

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
