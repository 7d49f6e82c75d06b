import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, apiUrl } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

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
export type CaseItem = CasePage['items'][number];

export type CasePage = ApiResponse<'listMetricCases'>;

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
