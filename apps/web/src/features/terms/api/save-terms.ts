import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type TermsInput = { vendorId: number; effectiveFrom: string } & Record<
  string,
  string | number | null | Record<string, number>
>;

/** Saves a dated terms row; the API enqueues the recompute of the vendor's weeks from the effective week. */
export function saveTerms(input: TermsInput) {
  return apiFetch<ApiResponse<'saveTerms', 201>>('/api/terms', {
    method: 'POST',
    body: input,
  });
}

export function useSaveTerms() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveTerms,
    // Terms change numbers and formulas everywhere for that vendor.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
