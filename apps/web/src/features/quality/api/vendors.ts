import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

/** Vendor names for the filters and pickers (a vendor user is answered its own vendor only). */
export function useVendorOptions() {
  return useQuery({
    queryKey: ['vendors'],
    queryFn: ({ signal }) => apiFetch<ApiResponse<'listVendors'>>('/api/vendors', { signal }),
    select: (data) => data.items.map((v) => ({ id: v.id, name: v.name })),
  });
}
