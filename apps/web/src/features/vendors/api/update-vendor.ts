import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { VendorInput } from './create-vendor.ts';
import type { Vendor } from './get-vendors.ts';

export function updateVendor({ id, ...changes }: Partial<VendorInput> & { id: number }): Promise<Vendor> {
  return apiFetch<Vendor>(`/api/vendors/${id}`, { method: 'PATCH', body: changes });
}

export function useUpdateVendor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateVendor,
    // A renamed vendor shows under its new name on every page.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
