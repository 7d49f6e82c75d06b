import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiBody } from '../../../lib/api-types.ts';
import type { Vendor } from './get-vendors.ts';

export type VendorInput = ApiBody<'createVendor'>;

export function createVendor(input: VendorInput): Promise<Vendor> {
  return apiFetch<Vendor>('/api/vendors', { method: 'POST', body: input });
}

export function useCreateVendor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createVendor,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['vendors'] }),
  });
}
