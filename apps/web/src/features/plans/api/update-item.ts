import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ItemStatus } from './get-plans.ts';

export interface ItemChanges {
  status?: ItemStatus;
  description?: string;
  ownerUserId?: number;
  dueDate?: string;
}

export function updateItem({ id, ...changes }: ItemChanges & { id: number }) {
  return apiFetch<unknown>(`/api/plan-items/${id}`, { method: 'PATCH', body: changes });
}

export function useUpdateItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateItem,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['plans'] }),
  });
}
