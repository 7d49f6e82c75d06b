/**
 * Monthly statements: the list, one statement with its disputes, history and differences, and the steps of the
 * close. Amounts are null where the caller's role may not see them (`amountsShown`); the pages follow that.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, apiUrl } from '../../../lib/api-client.ts';
import type { ApiBody, ApiResponse } from '../../../lib/api-types.ts';

export type StatementSummary = ApiResponse<'listStatements'>['items'][number];
export type Statement = ApiResponse<'getStatement'>;
export type StatementLine = Statement['lines'][number];
export type DisputeInput = ApiBody<'disputeStatementLine'>;
export type StatementStatus = 'draft' | 'shared' | 'disputed' | 'final';

export const statementsQueryOptions = () =>
  queryOptions({
    queryKey: ['credits', 'statements'],
    queryFn: ({ signal }) => apiFetch<ApiResponse<'listStatements'>>('/api/credits/statements', { signal }),
  });

export function useStatements() {
  return useQuery(statementsQueryOptions());
}

export const statementQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ['credits', 'statements', id],
    queryFn: ({ signal }) => apiFetch<Statement>(`/api/credits/statements/${id}`, { signal }),
  });

export function useStatement(id: number) {
  return useQuery(statementQueryOptions(id));
}

export const statementCsvUrl = (id: number) => apiUrl(`/api/credits/statements/${id}/csv`);

/** Every step answers the statement as it now stands; the list and the page are refreshed from it. */
function useStatementStep<Input>(request: (input: Input) => Promise<Statement>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (statement) => {
      queryClient.setQueryData(statementQueryOptions(statement.id).queryKey, statement);
      return queryClient.invalidateQueries({ queryKey: ['credits', 'statements'], exact: true });
    },
  });
}

/** Computes (or recomputes) the draft of a vendor's month; a statement past draft answers 409. */
export function useComputeStatement() {
  return useStatementStep((body: ApiBody<'computeStatement'>) =>
    apiFetch<Statement>('/api/credits/statements', { method: 'POST', body }),
  );
}

export function useShareStatement() {
  return useStatementStep((id: number) =>
    apiFetch<Statement>(`/api/credits/statements/${id}/share`, { method: 'POST', body: {} }),
  );
}

export function useFinaliseStatement() {
  return useStatementStep((id: number) =>
    apiFetch<Statement>(`/api/credits/statements/${id}/finalise`, { method: 'POST', body: {} }),
  );
}

export function useDisputeLine() {
  return useStatementStep(({ id, ...body }: { id: number } & DisputeInput) =>
    apiFetch<Statement>(`/api/credits/statements/${id}/disputes`, { method: 'POST', body }),
  );
}

export function useDecideDispute() {
  return useStatementStep(
    ({ id, metric, ...body }: { id: number; metric: string } & ApiBody<'decideStatementDispute'>) =>
      apiFetch<Statement>(`/api/credits/statements/${id}/disputes/${encodeURIComponent(metric)}/decision`, {
        method: 'POST',
        body,
      }),
  );
}
