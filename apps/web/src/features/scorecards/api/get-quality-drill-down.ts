import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

/** The reviews behind one quality figure of the scorecard (GET /api/quality/drill-down). */
export type QualityDrillDown = ApiResponse<'getQualityDrillDown'>;
export type QualityDrillDownItem = QualityDrillDown['items'][number];

export interface QualityDrillDownFilters {
  vendorId: string | null;
  week: string | null;
  metric: string | null;
  queue: string | null;
  channel: string | null;
}

export const qualityDrillDownQueryOptions = (filters: QualityDrillDownFilters) =>
  queryOptions({
    queryKey: ['quality-drill-down', filters],
    queryFn: ({ signal }) => apiFetch<QualityDrillDown>('/api/quality/drill-down', { query: { ...filters }, signal }),
    enabled: Boolean(filters.vendorId && filters.week && filters.metric),
    placeholderData: keepPreviousData,
  });

export function useQualityDrillDown(filters: QualityDrillDownFilters) {
  return useQuery(qualityDrillDownQueryOptions(filters));
}
