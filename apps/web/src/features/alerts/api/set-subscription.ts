import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export function setSubscription({ ruleId, subscribed }: { ruleId: number; subscribed: boolean }) {
  return apiFetch<ApiResponse<'setAlertSubscription'>>(`/api/alerts/rules/${ruleId}/subscription`, {
    method: 'PUT',
    body: { subscribed },
  });
}

export function useSetSubscription() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setSubscription,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['alerts', 'rules'] }),
  });
}
