import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type TrendPoint = NonNullable<VendorTrends['series'][string]>[number];

export type VendorTrends = ApiResponse<'getVendorTrends'>;

export type TrendWeeks = 12 | 26 | 52;

export function getVendorTrends(vendorId: number, weeks: TrendWeeks, endWeek: string | null, signal?: AbortSignal) {
  return apiFetch<VendorTrends>(`/api/vendors/${vendorId}/trends`, { query: { weeks, endWeek }, signal });
}

export const vendorTrendsQueryOptions = (vendorId: number, weeks: TrendWeeks, endWeek: string | null) =>
  queryOptions({
    queryKey: ['vendors', vendorId, 'trends', weeks, endWeek],
    queryFn: ({ signal }) => getVendorTrends(vendorId, weeks, endWeek, signal),
    placeholderData: keepPreviousData,
  });

export function useVendorTrends(vendorId: number, weeks: TrendWeeks, endWeek: string | null) {
  return useQuery(vendorTrendsQueryOptions(vendorId, weeks, endWeek));
}
