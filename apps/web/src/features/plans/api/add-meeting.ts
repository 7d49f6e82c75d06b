import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiBody } from '../../../lib/api-types.ts';

export type NewMeeting = ApiBody<'addPlanMeeting'>;

export function addMeeting({ planId, ...meeting }: NewMeeting & { planId: number }) {
  return apiFetch<unknown>(`/api/plans/${planId}/meetings`, { method: 'POST', body: meeting });
}

export function useAddMeeting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addMeeting,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['plans'] }),
  });
}
