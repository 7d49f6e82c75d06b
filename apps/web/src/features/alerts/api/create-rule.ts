import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';
import type { AlertRuleInput } from './list-rules.ts';

export function createRule(input: AlertRuleInput) {
  return apiFetch<ApiResponse<'createAlertRule', 201>>('/api/alerts/rules', {
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
