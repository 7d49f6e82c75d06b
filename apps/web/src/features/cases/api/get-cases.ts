import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, apiUrl } from '../../../lib/api-client.ts';

export interface CaseFilters {
  vendorId: string | null;
  week: string | null;
  metric: string | null;
  queue: string | null;
  channel: string | null;
  sort: string | null;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** A case behind a number, with the fields that decided its contribution (`why` says it in words). */
export interface CaseItem {
  id: number;
  externalId: string;
  source?: string;
  vendorName?: string | null;
  queue: string | null;
  channel: string;
  tier?: number | null;
  site?: string | null;
  createdAt: string;
  solvedAt?: string | null;
  contributes?: boolean;
  outcome?: string | null;
  why?: string | null;
  [field: string]: unknown;
}

export interface CasePage {
  /** The week listed: the one asked for, else the newest complete week with data. */
  week: string;
  items: CaseItem[];
  total: number;
  /** The contract terms the number was computed under, in words (one vendor selected). */
  formula?: string;
}

function toQuery(filters: CaseFilters) {
  return { ...filters };
}

export function getCases(filters: CaseFilters, signal?: AbortSignal): Promise<CasePage> {
  return apiFetch<CasePage>('/api/cases', { query: toQuery(filters), signal });
}

/** The same filters as the table: the API streams the CSV (formula cells neutralised there). */
export function casesCsvUrl(filters: CaseFilters): string {
  const { limit: _limit, offset: _offset, ...rest } = filters;
  return apiUrl('/api/cases.csv', rest);
}

export const casesQueryOptions = (filters: CaseFilters) =>
  queryOptions({
    queryKey: ['cases', filters],
    queryFn: ({ signal }) => getCases(filters, signal),
    placeholderData: keepPreviousData,
  });

export function useCases(filters: CaseFilters) {
  return useQuery(casesQueryOptions(filters));
}
