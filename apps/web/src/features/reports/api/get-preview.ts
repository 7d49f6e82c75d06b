import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type ReportPreview = ApiResponse<'previewReport'>;

export function getPreview(vendorId: number, week: string, signal?: AbortSignal) {
  return apiFetch<ReportPreview>('/api/reports/preview', { query: { vendorId, week }, signal });
}

export const previewQueryOptions = (vendorId: number | null, week: string | null) =>
  queryOptions({
    queryKey: ['reports', 'preview', vendorId, week],
    queryFn: ({ signal }) => getPreview(vendorId!, week!, signal),
    enabled: vendorId !== null && week !== null && /^\d{4}-W\d{2}$/.test(week),
  });

export function usePreview(vendorId: number | null, week: string | null) {
  return useQuery(previewQueryOptions(vendorId, week));
}
