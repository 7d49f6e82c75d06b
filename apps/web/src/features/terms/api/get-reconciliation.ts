import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type ReconciliationItem = Reconciliation['items'][number];

export type Reconciliation = ApiResponse<'getReconciliation'>;

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
