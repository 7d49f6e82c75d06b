import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiBody, ApiResponse } from '../../../lib/api-types.ts';

export type AlertRuleInput = ApiBody<'createAlertRule'>;
export type AlertRule = ApiResponse<'listAlertRules'>['items'][number];
export type Condition = AlertRule['condition'];

export const rulesQueryOptions = () =>
  queryOptions({
    queryKey: ['alerts', 'rules'],
    queryFn: ({ signal }) => apiFetch<ApiResponse<'listAlertRules'>>('/api/alerts/rules', { signal }),
  });

export function useAlertRules() {
  return useQuery(rulesQueryOptions());
}
