import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Status } from '../../../components/StatusBadge.tsx';
import { apiFetch } from '../../../lib/api-client.ts';

export const BREAKDOWN_DIMENSIONS = ['queue', 'channel', 'tier', 'site'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export interface BreakdownCell {
  value: number | null;
  sample?: number | null;
  status?: Status;
  reason?: string | null;
}

export interface BreakdownRow {
  /** The dimension's value (a queue name, a channel…); null where the cases carry none. */
  key: string | null;
  metrics: Record<string, BreakdownCell | undefined>;
}

export interface VendorBreakdown {
  vendorId: number;
  vendorName: string;
  week: string;
  by: BreakdownDimension;
  rows: BreakdownRow[];
}

export function getVendorBreakdown(
  vendorId: number,
  week: string | null,
  by: BreakdownDimension,
  signal?: AbortSignal,
) {
  return apiFetch<VendorBreakdown>(`/api/vendors/${vendorId}/breakdown`, { query: { week, by }, signal });
}

export const vendorBreakdownQueryOptions = (vendorId: number, week: string | null, by: BreakdownDimension) =>
  queryOptions({
    queryKey: ['vendors', vendorId, 'breakdown', week, by],
    queryFn: ({ signal }) => getVendorBreakdown(vendorId, week, by, signal),
    placeholderData: keepPreviousData,
  });

export function useVendorBreakdown(vendorId: number, week: string | null, by: BreakdownDimension) {
  return useQuery(vendorBreakdownQueryOptions(vendorId, week, by));
}
