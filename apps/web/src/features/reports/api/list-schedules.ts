import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export interface ReportSchedule {
  vendorId: number;
  vendorName: string;
  timeZone: string;
  cron: string;
  enabled: boolean;
  isDefault: boolean;
  recipients: string[];
  nextRunAt: string | null;
}

export function listSchedules(signal?: AbortSignal) {
  return apiFetch<{ items: ReportSchedule[] }>('/api/reports/schedules', { signal });
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
