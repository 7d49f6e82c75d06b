import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export interface Vendor {
  id: number;
  name: string;
  timeZone: string;
  reportRecipients: string[];
}

export function getVendors(signal?: AbortSignal): Promise<{ items: Vendor[] }> {
  return apiFetch<{ items: Vendor[] }>('/api/vendors', { signal });
}

export const vendorsQueryOptions = () =>
  queryOptions({ queryKey: ['vendors'], queryFn: ({ signal }) => getVendors(signal), select: (data) => data.items });

export function useVendors() {
  return useQuery(vendorsQueryOptions());
}
