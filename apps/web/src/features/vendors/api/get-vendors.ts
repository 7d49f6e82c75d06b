import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiQuery, ApiResponse } from '../../../lib/api-types.ts';

export type Vendor = ApiResponse<'listVendors'>['items'][number];
type VendorStatus = NonNullable<ApiQuery<'listVendors'>['status']>;

/** Active vendors by default: what every picker offers (archived vendors are listed on Settings only). */
export function getVendors(signal?: AbortSignal, status: VendorStatus = 'active') {
  return apiFetch<ApiResponse<'listVendors'>>('/api/vendors', { signal, query: { status } });
}

export const vendorsQueryOptions = () =>
  queryOptions({ queryKey: ['vendors'], queryFn: ({ signal }) => getVendors(signal), select: (data) => data.items });

export function useVendors() {
  return useQuery(vendorsQueryOptions());
}

export function useArchivedVendors() {
  return useQuery({
    queryKey: ['vendors', 'archived'],
    queryFn: ({ signal }) => getVendors(signal, 'archived'),
    select: (data) => data.items,
  });
}
