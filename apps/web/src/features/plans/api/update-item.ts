import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiBody } from '../../../lib/api-types.ts';

export type ItemChanges = ApiBody<'updatePlanItem'>;

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
