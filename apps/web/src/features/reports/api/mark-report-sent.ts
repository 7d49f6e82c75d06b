import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { Delivery } from './list-deliveries.ts';

/** Settles an `unknown` delivery once a person found its Message-ID at the mail server. */
export function markReportSent(deliveryId: number) {
  return apiFetch<Delivery>(`/api/reports/${deliveryId}/mark-sent`, { method: 'POST' });
}

export function useMarkReportSent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markReportSent,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reports', 'deliveries'] }),
  });
}
