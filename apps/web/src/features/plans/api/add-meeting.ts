import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export interface NewMeeting {
  heldOn: string;
  attendees: string[];
  notes: string;
  items: { description: string; ownerUserId: number; dueDate: string }[];
}

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
