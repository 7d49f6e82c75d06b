import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiBody, ApiResponse } from '../../../lib/api-types.ts';

export type NewItem = ApiBody<'addPlanItem'> & { planId: number };

/** POST /api/plans/:id/items: one action item outside a review meeting (admin and ops). */
export function addItem({ planId, ...item }: NewItem) {
  return apiFetch<ApiResponse<'addPlanItem', 201>>(`/api/plans/${planId}/items`, { method: 'POST', body: item });
}

export function useAddItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addItem,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['plans'] }),
  });
}
