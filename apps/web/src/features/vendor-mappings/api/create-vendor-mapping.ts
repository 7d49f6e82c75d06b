import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiBody, ApiResponse } from '../../../lib/api-types.ts';

/** The source comes from an unmapped key as stored on its cases (a plain string); the API checks it. */
export type MappingInput = Omit<ApiBody<'createVendorMapping'>, 'source'> & { source: string };

export type MappingCreated = ApiResponse<'createVendorMapping', 201>;

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
