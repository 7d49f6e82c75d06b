import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export function deleteVendorMapping(id: number) {
  return apiFetch<{ id: number; casesMoved: number; recomputeVendorWeeks: number }>(`/api/vendor-mappings/${id}`, {
    method: 'DELETE',
  });
}

export function useDeleteVendorMapping() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteVendorMapping, onSuccess: () => queryClient.invalidateQueries() });
}
