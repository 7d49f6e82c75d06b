import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export function resendReport(deliveryId: number) {
  return apiFetch<{ id: number; status: 'queued'; jobId: string }>(`/api/reports/${deliveryId}/resend`, {
    method: 'POST',
  });
}

export function useResendReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resendReport,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reports', 'deliveries'] }),
  });
}
