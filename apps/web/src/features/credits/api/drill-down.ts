/**
 * What stands behind a statement: a line's cases (the counted ones, or every case attributed to the month with
 * its why) and the terms in force for the statement's month.
 */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, apiUrl } from '../../../lib/api-client.ts';
import type { ApiQuery, ApiResponse } from '../../../lib/api-types.ts';

export type LineCases = ApiResponse<'listStatementLineCases'>;
export type LineCase = LineCases['items'][number];
export type LineCasesQuery = ApiQuery<'listStatementLineCases'>;
export type StatementTerms = ApiResponse<'getStatementTerms'>;

export const lineCasesQueryOptions = (id: number, query: LineCasesQuery) =>
  queryOptions({
    queryKey: ['credits', 'statements', id, 'cases', query],
    queryFn: ({ signal }) =>
      apiFetch<LineCases>(`/api/credits/statements/${id}/cases`, { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });

export function useLineCases(id: number, query: LineCasesQuery) {
  return useQuery(lineCasesQueryOptions(id, query));
}

/** The CSV of the same cases (every page, in the same order). */
export const lineCasesCsvUrl = (id: number, query: Omit<LineCasesQuery, 'limit' | 'offset'>) =>
  apiUrl(`/api/credits/statements/${id}/cases.csv`, { ...query });

export const statementTermsQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ['credits', 'statements', id, 'terms'],
    queryFn: ({ signal }) => apiFetch<StatementTerms>(`/api/credits/statements/${id}/terms`, { signal }),
  });

export function useStatementTerms(id: number) {
  return useQuery(statementTermsQueryOptions(id));
}
