import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type PlanForecast = ApiResponse<'getPlanForecast'>;

export const planForecastQueryOptions = (planId: number) =>
  queryOptions({
    queryKey: ['plans', 'forecast', planId],
    queryFn: ({ signal }) => apiFetch<PlanForecast>(`/api/plans/${planId}/forecast`, { signal }),
  });

export function usePlanForecast(planId: number) {
  return useQuery(planForecastQueryOptions(planId));
}
