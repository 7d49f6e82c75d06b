/** This month's projected credit exposure of one vendor (staff): the statement the projected figures would give. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

type ExposureAnswer = ApiResponse<'getCreditExposure'>;
/** The projection, where money terms are in force this month. */
export type CreditExposure = Extract<ExposureAnswer, { termsInForce: true }>;
export type ExposureScenario = CreditExposure['projected'];

export const exposureQueryOptions = (vendorId: number) =>
  queryOptions({
    queryKey: ['credits', 'exposure', vendorId],
    queryFn: ({ signal }) => apiFetch<ExposureAnswer>('/api/credits/exposure', { query: { vendorId }, signal }),
  });

/** This month's projection, or that no money terms are in force this month (`termsInForce: false`). */
export function useCreditExposure(vendorId: number) {
  return useQuery(exposureQueryOptions(vendorId));
}
