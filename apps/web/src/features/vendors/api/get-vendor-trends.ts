import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Status } from '../../../components/StatusBadge.tsx';
import { apiFetch } from '../../../lib/api-client.ts';

export interface TrendPoint {
  week: string;
  weekStart?: string;
  value: number | null;
  target: number | null;
  status: Status;
  sample: number | null;
  /** 95 % interval: Wilson for rates, order statistics for medians; null otherwise. */
  interval?: { low: number; high: number; level: number; method: string } | null;
  /** Rates: the two-proportion test of the change against the week before. */
  changeSignificance?: { significant: boolean; pValue: number; method: string } | null;
}

export interface VendorTrends {
  vendorId: number;
  vendorName: string;
  weeks: string[];
  /** metric key → one point per week, oldest first. */
  series: Record<string, TrendPoint[] | undefined>;
}

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
