import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { PlanDetail } from './get-plan.ts';

export interface NewPlan {
  vendorId: number;
  title?: string;
  baselineWeek: string;
  dueDate: string;
  ownerUserId: number;
  status: 'draft' | 'active';
  metrics: { metric: string; targetValue: number; baselineValue?: number | null }[];
}

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
