import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { VendorMapping } from './list-vendor-mappings.ts';

export interface MappingInput {
  source: string;
  field: string;
  value: string;
  vendorId: number;
}

export type MappingCreated = VendorMapping & { casesMoved: number; recomputeVendorWeeks: number };

export function createVendorMapping(input: MappingInput): Promise<MappingCreated> {
  return apiFetch<MappingCreated>('/api/vendor-mappings', { method: 'POST', body: input });
}

export function useCreateVendorMapping() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createVendorMapping,
    // Cases move to the vendor and its weeks are recomputed: every number may change.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
