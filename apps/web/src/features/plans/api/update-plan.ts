import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiBody } from '../../../lib/api-types.ts';
import type { PlanDetail } from './get-plan.ts';

export type PlanChanges = ApiBody<'updatePlan'>;

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
