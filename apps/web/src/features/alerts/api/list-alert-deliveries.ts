import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export interface AlertDelivery {
  id: number;
  firingId: number;
  channel: 'email' | 'webhook';
  recipient: string;
  status: 'queued' | 'sending' | 'retrying' | 'delivered' | 'failed';
  attempts: number;
  response: string | null;
  error: string | null;
  createdAt: string;
  deliveredAt: string | null;
  failedAt: string | null;
}

export const alertDeliveriesQueryOptions = () =>
  queryOptions({
    queryKey: ['alerts', 'deliveries'],
    queryFn: ({ signal }) =>
      apiFetch<{ items: AlertDelivery[] }>('/api/alerts/deliveries', { query: { limit: 100 }, signal }),
    // Deliveries settle within seconds, or retry with back-off: keep the list live while one is open.
    refetchInterval: (query) =>
      query.state.data?.items.some((d) => d.status !== 'delivered' && d.status !== 'failed') ? 3_000 : false,
  });

export function useAlertDeliveries() {
  return useQuery(alertDeliveriesQueryOptions());
}
