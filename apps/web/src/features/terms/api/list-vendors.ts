import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

/** Vendors the caller may see (a vendor user: its own), for the terms page's picker. */
export function listVendors(signal?: AbortSignal) {
  return apiFetch<{ items: { id: number; name: string }[] }>('/api/vendors', { signal });
}

export const termsVendorsQueryOptions = () =>
  queryOptions({ queryKey: ['vendors', 'terms-picker'], queryFn: ({ signal }) => listVendors(signal) });

export function useTermsVendors() {
  return useQuery(termsVendorsQueryOptions());
}
