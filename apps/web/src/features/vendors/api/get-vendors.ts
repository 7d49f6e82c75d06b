import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type Vendor = ApiResponse<'listVendors'>['items'][number];

export function getVendors(signal?: AbortSignal) {
  return apiFetch<ApiResponse<'listVendors'>>('/api/vendors', { signal });
}

export const vendorsQueryOptions = () =>
  queryOptions({ queryKey: ['vendors'], queryFn: ({ signal }) => getVendors(signal), select: (data) => data.items });

export function useVendors() {
  return useQuery(vendorsQueryOptions());
}
