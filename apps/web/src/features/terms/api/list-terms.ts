import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

/** One dated terms row; null fields inherit (channel → queue → vendor → organisation). */
export type TermsRow = ApiResponse<'listTerms'>['items'][number];

export function listTerms(vendorId: number | null, signal?: AbortSignal) {
  return apiFetch<ApiResponse<'listTerms'>>('/api/terms', { query: { vendorId }, signal });
}

export const termsQueryOptions = (vendorId: number | null) =>
  queryOptions({ queryKey: ['terms', 'list', vendorId], queryFn: ({ signal }) => listTerms(vendorId, signal) });

export function useTerms(vendorId: number | null) {
  return useQuery(termsQueryOptions(vendorId));
}
