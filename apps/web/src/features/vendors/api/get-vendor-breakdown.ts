import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export const BREAKDOWN_DIMENSIONS = ['queue', 'channel', 'tier', 'site'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export type BreakdownCell = NonNullable<BreakdownRow['metrics'][string]>;

export type BreakdownRow = VendorBreakdown['rows'][number];

export type VendorBreakdown = ApiResponse<'getVendorBreakdown'>;

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
