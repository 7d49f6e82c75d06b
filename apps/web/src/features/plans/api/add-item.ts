import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export interface NewItem {
  planId: number;
  description: string;
  ownerUserId: number;
  dueDate: string;
}

/** POST /api/plans/:id/items: one action item outside a review meeting (admin and ops). */
export function addItem({ planId, ...item }: NewItem) {
  return apiFetch<unknown>(`/api/plans/${planId}/items`, { method: 'POST', body: item });
}

export function useAddItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addItem,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['plans'] }),
  });
}
