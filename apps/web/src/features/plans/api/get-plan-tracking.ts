import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { Unit } from '../../../lib/format.ts';

export interface TrackingPoint {
  week: string;
  weekStart: string;
  value: number | null;
  sample: number;
  status: 'met' | 'at_risk' | 'missed' | 'low_sample' | 'no_data';
}

export interface PlanTracking {
  planId: number;
  requiredWeeks: number;
  metrics: {
    metric: string;
    label: string;
    unit: Unit;
    direction: 'higher' | 'lower' | 'none';
    baselineValue: number | null;
    targetValue: number;
    series: TrackingPoint[];
  }[];
}

export const planTrackingQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ['plans', 'tracking', id],
    queryFn: ({ signal }) => apiFetch<PlanTracking>(`/api/plans/${id}/tracking`, { signal }),
  });

export function usePlanTracking(id: number) {
  return useQuery(planTrackingQueryOptions(id));
}
