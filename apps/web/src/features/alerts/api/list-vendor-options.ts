import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

/** Vendor names for the rule form's picker and the rules table. */
export const alertVendorOptionsQueryOptions = () =>
  queryOptions({
    queryKey: ['vendors'],
    queryFn: ({ signal }) => apiFetch<{ items: { id: number; name: string }[] }>('/api/vendors', { signal }),
    select: (data) => data.items,
  });

export function useAlertVendorOptions() {
  return useQuery(alertVendorOptionsQueryOptions());
}
