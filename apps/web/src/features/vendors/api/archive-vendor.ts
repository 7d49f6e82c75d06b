import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

/** Archive or restore: every page's vendor lists, scorecards and schedules change with it. */
export function setVendorArchived({ id, archived }: { id: number; archived: boolean }) {
  return apiFetch<ApiResponse<'archiveVendor'>>(`/api/vendors/${id}/${archived ? 'archive' : 'restore'}`, {
    method: 'POST',
  });
}

export function useSetVendorArchived() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: setVendorArchived, onSuccess: () => queryClient.invalidateQueries() });
}

/** Only a vendor without data can be deleted; the API answers 409 (archive instead) otherwise. */
export function deleteVendor(id: number) {
  return apiFetch<null>(`/api/vendors/${id}`, { method: 'DELETE' });
}

export function useDeleteVendor() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteVendor, onSuccess: () => queryClient.invalidateQueries() });
}
