import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export interface PlanForecast {
  planId: number;
  week: string;
  achievable: boolean;
  earliestWeek: string | null;
  dueWeek: string;
  currentStreak: number;
  weeksLeft: number;
  reason: string;
  trends: { metric: string; projectedAtDue: number | null; method: string; weeksUsed: number }[];
}

export const planForecastQueryOptions = (planId: number) =>
  queryOptions({
    queryKey: ['plans', 'forecast', planId],
    queryFn: ({ signal }) => apiFetch<PlanForecast>(`/api/plans/${planId}/forecast`, { signal }),
  });

export function usePlanForecast(planId: number) {
  return useQuery(planForecastQueryOptions(planId));
}
