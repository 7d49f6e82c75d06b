import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ReportSchedule } from './list-schedules.ts';

export function updateSchedule({ vendorId, cron, enabled }: { vendorId: number; cron: string; enabled: boolean }) {
  return apiFetch<ReportSchedule>(`/api/vendors/${vendorId}/report-schedule`, {
    method: 'PUT',
    body: { cron, enabled },
  });
}

export function useUpdateSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSchedule,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reports', 'schedules'] }),
  });
}
