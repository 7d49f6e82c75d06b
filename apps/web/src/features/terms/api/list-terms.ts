import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

/** One dated terms row; null fields inherit (channel → queue → vendor → organisation). */
export interface TermsRow {
  id: number;
  vendorId: number;
  queue: string | null;
  channel: string | null;
  effectiveFrom: string;
  note: string | null;
  createdAt: string;
  [field: string]: unknown;
}

export function listTerms(vendorId: number | null, signal?: AbortSignal) {
  return apiFetch<{ items: TermsRow[] }>('/api/terms', { query: { vendorId }, signal });
}

export const termsQueryOptions = (vendorId: number | null) =>
  queryOptions({ queryKey: ['terms', 'list', vendorId], queryFn: ({ signal }) => listTerms(vendorId, signal) });

export function useTerms(vendorId: number | null) {
  return useQuery(termsQueryOptions(vendorId));
}
