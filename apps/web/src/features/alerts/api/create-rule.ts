import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { AlertRule, AlertRuleInput } from './list-rules.ts';

export function createRule(input: AlertRuleInput) {
  return apiFetch<{ rule: AlertRule; webhookSecret: string | null }>('/api/alerts/rules', {
    method: 'POST',
    body: input,
  });
}

export function useCreateRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createRule,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['alerts', 'rules'] }),
  });
}
