/** Money terms per vendor, dated by month (finance): the rows in force and their history, and saving one. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiBody, ApiResponse } from '../../../lib/api-types.ts';

export type CreditTerms = ApiResponse<'listCreditTerms'>['items'][number];
export type CreditTermsInput = ApiBody<'putCreditTerms'>;
export type ServiceLevelInput = CreditTermsInput['levels'][number];

export const creditTermsQueryOptions = () =>
  queryOptions({
    queryKey: ['credits', 'terms'],
    queryFn: ({ signal }) => apiFetch<ApiResponse<'listCreditTerms'>>('/api/credits/terms', { signal }),
  });

export function useCreditTerms() {
  return useQuery(creditTermsQueryOptions());
}

export function useSaveCreditTerms() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreditTermsInput) =>
      apiFetch<ApiResponse<'putCreditTerms'>>('/api/credits/terms', { method: 'PUT', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['credits', 'terms'] }),
  });
}

/** Whether ops see amounts (admin). */
export function useCreditSettings(enabled: boolean) {
  return useQuery({
    queryKey: ['credits', 'settings'],
    queryFn: ({ signal }) => apiFetch<ApiResponse<'getCreditSettings'>>('/api/credits/settings', { signal }),
    enabled,
  });
}

export function useSaveCreditSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'putCreditSettings'>) =>
      apiFetch<ApiResponse<'putCreditSettings'>>('/api/credits/settings', { method: 'PUT', body }),
    onSuccess: (settings) => queryClient.setQueryData(['credits', 'settings'], settings),
  });
}
