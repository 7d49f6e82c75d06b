import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export function deleteTarget(id: number): Promise<void> {
  return apiFetch<void>(`/api/targets/${id}`, { method: 'DELETE' });
}

export function useDeleteTarget() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteTarget, onSuccess: () => queryClient.invalidateQueries() });
}
