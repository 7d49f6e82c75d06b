import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { PlanDetail } from './get-plan.ts';

export interface PlanChanges {
  title?: string;
  dueDate?: string;
  ownerUserId?: number;
  targets?: { metric: string; targetValue: number }[];
}

export function updatePlan({ id, ...changes }: PlanChanges & { id: number }) {
  return apiFetch<PlanDetail>(`/api/plans/${id}`, { method: 'PATCH', body: changes });
}

export function useUpdatePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePlan,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['plans'] }),
  });
}
