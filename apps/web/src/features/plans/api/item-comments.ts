import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type ItemDetail = ApiResponse<'getPlanItem'>;

export const itemQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ['plans', 'item', id],
    queryFn: ({ signal }) => apiFetch<ItemDetail>(`/api/plan-items/${id}`, { signal }),
  });

export function useItem(id: number, enabled: boolean) {
  return useQuery({ ...itemQueryOptions(id), enabled });
}

export function addComment({ itemId, body }: { itemId: number; body: string }) {
  return apiFetch<unknown>(`/api/plan-items/${itemId}/comments`, { method: 'POST', body: { body } });
}

export function useAddComment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addComment,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['plans'] }),
  });
}
