import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

/** The terms in force for a vendor at a week, and every metric's formula in words. */
export interface VendorTerms {
  vendorId: number;
  week: string;
  calendarName: string | null;
  calendarText: string | null;
  terms: Record<string, unknown> & { frtBasis: string; asyncSlBasis: string; resolutionBasis: string };
  specificRows: { queue: string | null; channel: string | null; effectiveFrom: string }[];
  formulas: Record<string, string>;
  /** The minimum sample a status needs and the composite's weights, in words. */
  statusRule?: string;
  compositeFormula?: string;
}

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
