import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export type PlanStatus = 'draft' | 'active' | 'achieved' | 'missed' | 'cancelled';
export type ItemStatus = 'open' | 'in_progress' | 'done';

export interface Plan {
  id: number;
  vendorId: number;
  vendorName: string;
  title: string;
  baselineWeek: string;
  baselineWeekStart: string;
  dueDate: string;
  ownerUserId: number;
  ownerName: string;
  status: PlanStatus;
  statusChangedAt: string;
  createdAt: string;
  updatedAt: string;
  metrics: { metric: string; baselineValue: number | null; targetValue: number }[];
  items: { total: number; open: number; inProgress: number; done: number; overdue: number };
  allowedTransitions: PlanStatus[];
}

export interface PlanSummary extends Plan {
  daysToDue: number;
  distance: number | null;
  latest: { metric: string; week: string | null; value: number | null }[];
}

export interface PlanFilters {
  status?: PlanStatus | 'all';
  vendorId?: number;
}

export function getPlans(filters: PlanFilters, signal?: AbortSignal) {
  return apiFetch<{ items: PlanSummary[] }>('/api/plans', { query: { ...filters }, signal });
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
