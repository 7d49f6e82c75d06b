import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export type Condition = 'status' | 'projection' | 'required_rate' | 'plan_unachievable';

export interface AlertRuleInput {
  name: string;
  vendorId: number | null;
  metric: string | null;
  condition: Condition;
  threshold: number | null;
  minSample: number | null;
  emailTo: string[];
  webhookUrl: string | null;
  enabled: boolean;
}

export interface AlertRule extends AlertRuleInput {
  id: number;
  hasWebhook: boolean;
  subscribed: boolean;
  createdAt: string;
}

export const rulesQueryOptions = () =>
  queryOptions({
    queryKey: ['alerts', 'rules'],
    queryFn: ({ signal }) => apiFetch<{ items: AlertRule[] }>('/api/alerts/rules', { signal }),
  });

export function useAlertRules() {
  return useQuery(rulesQueryOptions());
}
