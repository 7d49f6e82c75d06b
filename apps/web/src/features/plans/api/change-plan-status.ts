import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { PlanDetail } from './get-plan.ts';
import type { PlanStatus } from './get-plans.ts';

export function changePlanStatus({ id, status, note }: { id: number; status: PlanStatus; note?: string }) {
  return apiFetch<PlanDetail>(`/api/plans/${id}/status`, {
    method: 'POST',
    body: { status, ...(note ? { note } : {}) },
  });
}

export function useChangePlanStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePlanStatus,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['plans'] }),
  });
}
