import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

/** One standardised metric of GET /api/vendors/:id/mix: the gap to the other vendors pooled, split. */
export type MixMetric = NonNullable<VendorMix['metrics'][string]>;

export type VendorMix = ApiResponse<'getVendorMixDecomposition'>;

export function getVendorMix(vendorId: number, week: string | null, signal?: AbortSignal) {
  return apiFetch<VendorMix>(`/api/vendors/${vendorId}/mix`, { query: { week }, signal });
}

export const vendorMixQueryOptions = (vendorId: number, week: string | null) =>
  queryOptions({
    queryKey: ['vendors', vendorId, 'mix', week],
    queryFn: ({ signal }) => getVendorMix(vendorId, week, signal),
  });

/** Disabled for vendor users: the API answers 404 (the others' pooled rate is other vendors' data). */
export function useVendorMix(vendorId: number, week: string | null, enabled: boolean) {
  return useQuery({ ...vendorMixQueryOptions(vendorId, week), enabled });
}
