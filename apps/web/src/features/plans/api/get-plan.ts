import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type PlanItem = PlanDetail['items'][number];

export type Meeting = PlanDetail['meetings'][number];

export type PlanEvent = PlanDetail['history'][number];

export type PlanDetail = ApiResponse<'getPlan'>;

export function getPlan(id: number, signal?: AbortSignal) {
  return apiFetch<PlanDetail>(`/api/plans/${id}`, { signal });
}

export const planQueryKey = (id: number) => ['plans', 'detail', id] as const;

export const planQueryOptions = (id: number) =>
  queryOptions({ queryKey: planQueryKey(id), queryFn: ({ signal }) => getPlan(id, signal) });

export function usePlan(id: number) {
  return useQuery(planQueryOptions(id));
}
