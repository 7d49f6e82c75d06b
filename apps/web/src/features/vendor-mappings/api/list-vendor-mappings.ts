import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type VendorMapping = ApiResponse<'listVendorMappings'>['items'][number];

export function listVendorMappings(signal?: AbortSignal) {
  return apiFetch<ApiResponse<'listVendorMappings'>>('/api/vendor-mappings', { signal });
}

export const vendorMappingsQueryOptions = () =>
  queryOptions({
    queryKey: ['vendor-mappings', 'list'],
    queryFn: ({ signal }) => listVendorMappings(signal),
    select: (d) => d.items,
  });

export function useVendorMappings() {
  return useQuery(vendorMappingsQueryOptions());
}
