import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type PlanPrefill = ApiResponse<'prefillPlan'>;

export interface PrefillParams {
  vendorId: number;
  metric: string;
  week: string;
}

/** The scorecard cell a plan is opened from: its value becomes the baseline, its target the plan's target. */
export const planPrefillQueryOptions = (params: PrefillParams | null) =>
  queryOptions({
    queryKey: ['plans', 'prefill', params?.vendorId ?? null, params?.metric ?? null, params?.week ?? null],
    queryFn: ({ signal }) => apiFetch<PlanPrefill>('/api/plans/prefill', { query: { ...params }, signal }),
    enabled: params !== null,
  });

export function usePlanPrefill(params: PrefillParams | null) {
  return useQuery(planPrefillQueryOptions(params));
}
