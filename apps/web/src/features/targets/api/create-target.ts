import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiBody } from '../../../lib/api-types.ts';
import type { Target } from './list-targets.ts';

export type TargetInput = ApiBody<'createTarget'>;

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
