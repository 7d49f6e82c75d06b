import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export interface ReconciliationItem {
  caseId: number;
  externalId: string;
  createdAt: string;
  eventAt: string | null;
  clock: string;
  oursMinutes: number | null;
  theirsMinutes: number | null;
  differenceMinutes: number | null;
  matches: boolean;
  rule: string;
}

export interface Reconciliation {
  vendorId: number;
  week: string;
  metric: string;
  formula: string;
  toleranceMinutes: number;
  compared: number;
  mismatched: number;
  items: ReconciliationItem[];
  total: number;
}

export interface ReconciliationQuery {
  vendorId: number;
  week: string | null;
  metric: 'frt' | 'resolution_time';
  tolerance: number;
  offset: number;
}

export function getReconciliation(q: ReconciliationQuery, signal?: AbortSignal) {
  return apiFetch<Reconciliation>('/api/reconciliation', { query: { ...q, limit: 50 }, signal });
}

export const reconciliationQueryOptions = (q: ReconciliationQuery) =>
  queryOptions({ queryKey: ['reconciliation', q], queryFn: ({ signal }) => getReconciliation(q, signal) });

export function useReconciliation(q: ReconciliationQuery | null) {
  return useQuery({
    ...reconciliationQueryOptions(q ?? { vendorId: 0, week: null, metric: 'frt', tolerance: 1, offset: 0 }),
    enabled: q !== null,
  });
}
