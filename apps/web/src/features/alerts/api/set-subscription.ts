import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { AlertRule } from './list-rules.ts';

export function setSubscription({ ruleId, subscribed }: { ruleId: number; subscribed: boolean }) {
  return apiFetch<{ rule: AlertRule }>(`/api/alerts/rules/${ruleId}/subscription`, {
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
