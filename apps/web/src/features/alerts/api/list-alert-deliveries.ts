import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type AlertDelivery = ApiResponse<'listAlertDeliveries'>['items'][number];

export const alertDeliveriesQueryOptions = () =>
  queryOptions({
    queryKey: ['alerts', 'deliveries'],
    queryFn: ({ signal }) =>
      apiFetch<ApiResponse<'listAlertDeliveries'>>('/api/alerts/deliveries', { query: { limit: 100 }, signal }),
    // Deliveries settle within seconds, or retry with back-off: keep the list live while one is open.
    refetchInterval: (query) =>
      query.state.data?.items.some((d) => d.status !== 'delivered' && d.status !== 'failed') ? 3_000 : false,
  });

export function useAlertDeliveries() {
  return useQuery(alertDeliveriesQueryOptions());
}
