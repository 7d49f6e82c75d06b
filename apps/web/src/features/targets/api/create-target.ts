import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { Target } from './list-targets.ts';

export interface TargetInput {
  metric: string;
  value: number;
  vendorId: number | null;
  channel: string | null;
  queue: string | null;
  /** An ISO week label ('2026-W47'), as every week the API takes. */
  effectiveFrom: string;
}

export function createTarget(input: TargetInput): Promise<Target> {
  return apiFetch<Target>('/api/targets', { method: 'POST', body: input });
}

export function useCreateTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTarget,
    // Statuses and composites on every page depend on targets.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
