import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type PlanStatus = Plan['status'];
export type ItemStatus = ApiResponse<'getPlan'>['items'][number]['status'];

export type Plan = ApiResponse<'getPlan'>['plan'];

export type PlanSummary = ApiResponse<'listPlans'>['items'][number];

export interface PlanFilters {
  status?: PlanStatus | 'all';
  vendorId?: number;
}

export function getPlans(filters: PlanFilters, signal?: AbortSignal) {
  return apiFetch<ApiResponse<'listPlans'>>('/api/plans', { query: { ...filters }, signal });
}

export const plansQueryOptions = (filters: PlanFilters) =>
  queryOptions({
    queryKey: ['plans', 'list', filters.status ?? 'active', filters.vendorId ?? null],
    queryFn: ({ signal }) => getPlans(filters, signal),
    select: (data) => data.items,
  });

export function usePlans(filters: PlanFilters) {
  return useQuery(plansQueryOptions(filters));
}
