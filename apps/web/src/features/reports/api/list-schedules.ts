import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type ReportSchedule = ApiResponse<'listReportSchedules'>['items'][number];

export function listSchedules(signal?: AbortSignal) {
  return apiFetch<ApiResponse<'listReportSchedules'>>('/api/reports/schedules', { signal });
}

export const schedulesQueryOptions = () =>
  queryOptions({
    queryKey: ['reports', 'schedules'],
    queryFn: ({ signal }) => listSchedules(signal),
    select: (d) => d.items,
  });

export function useSchedules() {
  return useQuery(schedulesQueryOptions());
}
