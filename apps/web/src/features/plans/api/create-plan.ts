import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiBody } from '../../../lib/api-types.ts';
import type { PlanDetail } from './get-plan.ts';

export type NewPlan = ApiBody<'createPlan'>;
/** The metrics a plan can track: those that take a target. */
export type PlanMetricKey = NewPlan['metrics'][number]['metric'];

export function createPlan(plan: NewPlan) {
  return apiFetch<PlanDetail>('/api/plans', { method: 'POST', body: plan });
}

export function useCreatePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPlan,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['plans'] }),
  });
}
