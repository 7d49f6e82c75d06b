import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

/** Vendor names for the new-plan form's picker (only id and name are needed here). */
export const vendorOptionsQueryOptions = () =>
  queryOptions({
    queryKey: ['vendors'],
    queryFn: ({ signal }) => apiFetch<{ items: { id: number; name: string }[] }>('/api/vendors', { signal }),
    select: (data) => data.items,
  });

export function useVendorOptions() {
  return useQuery(vendorOptionsQueryOptions());
}
