/** This month's projected credit exposure of one vendor (staff): the statement the projected figures would give. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type CreditExposure = ApiResponse<'getCreditExposure'>;
export type ExposureScenario = CreditExposure['projected'];

export const exposureQueryOptions = (vendorId: number) =>
  queryOptions({
    queryKey: ['credits', 'exposure', vendorId],
    queryFn: ({ signal }) => apiFetch<CreditExposure>('/api/credits/exposure', { query: { vendorId }, signal }),
    // A 409 (no money terms this month) is an answer, not a failure to retry.
    retry: false,
  });

/** This month's projection; a 409 (no money terms in force this month) is the page's "no terms" answer. */
export function useCreditExposure(vendorId: number) {
  return useQuery(exposureQueryOptions(vendorId));
}
