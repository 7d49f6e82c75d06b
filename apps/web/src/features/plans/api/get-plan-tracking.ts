import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type TrackingPoint = PlanTracking['metrics'][number]['series'][number];

export type PlanTracking = ApiResponse<'getPlanTracking'>;

export const planTrackingQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ['plans', 'tracking', id],
    queryFn: ({ signal }) => apiFetch<PlanTracking>(`/api/plans/${id}/tracking`, { signal }),
  });

export function usePlanTracking(id: number) {
  return useQuery(planTrackingQueryOptions(id));
}
