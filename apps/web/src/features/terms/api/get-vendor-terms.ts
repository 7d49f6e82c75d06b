import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

/** The terms in force for a vendor at a week, and every metric's formula in words. */
export type VendorTerms = ApiResponse<'getVendorTerms'>;

export function getVendorTerms(vendorId: number, week: string | null, signal?: AbortSignal) {
  return apiFetch<VendorTerms>(`/api/vendors/${vendorId}/terms`, { query: { week }, signal });
}

export const vendorTermsQueryOptions = (vendorId: number, week: string | null) =>
  queryOptions({
    queryKey: ['terms', 'vendor', vendorId, week],
    queryFn: ({ signal }) => getVendorTerms(vendorId, week, signal),
  });

export function useVendorTerms(vendorId: number, week: string | null) {
  return useQuery(vendorTermsQueryOptions(vendorId, week));
}
