import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

/** Vendors the caller may see (a vendor user: its own), to name statements and pick a vendor. */
export const creditVendorsQueryOptions = () =>
  queryOptions({
    queryKey: ['vendors', 'credits'],
    queryFn: ({ signal }) => apiFetch<ApiResponse<'listVendors'>>('/api/vendors', { signal }),
  });

export function useCreditVendors() {
  return useQuery(creditVendorsQueryOptions());
}
