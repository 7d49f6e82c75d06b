import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiBody, ApiQuery, ApiResponse } from '../../../lib/api-types.ts';

export type Review = ApiResponse<'listQualityReviews'>[number];
export type ReviewDetail = ApiResponse<'getQualityReview'>;
export type Dispute = ApiResponse<'listQualityDisputes'>[number];
export type ReviewFilters = ApiQuery<'listQualityReviews'>;
export type NewReview = ApiBody<'createQualityReview'>;
export type NewDispute = ApiBody<'disputeQualityReview'>;
export type Decision = ApiBody<'decideQualityDispute'>;
export type CaseFacts = ApiResponse<'getQualityCaseFacts'>;

export const reviewsQueryOptions = (filters: ReviewFilters) =>
  queryOptions({
    queryKey: ['quality', 'reviews', 'list', filters],
    queryFn: ({ signal }) =>
      apiFetch<ApiResponse<'listQualityReviews'>>('/api/quality/reviews', { query: { ...filters }, signal }),
  });

export function useReviews(filters: ReviewFilters, enabled = true) {
  return useQuery({ ...reviewsQueryOptions(filters), enabled });
}

export function useReview(id: number) {
  return useQuery({
    queryKey: ['quality', 'reviews', id],
    queryFn: ({ signal }) => apiFetch<ReviewDetail>(`/api/quality/reviews/${id}`, { signal }),
  });
}

export function useCaseFacts(caseId: number) {
  return useQuery({
    queryKey: ['quality', 'cases', caseId],
    queryFn: ({ signal }) => apiFetch<CaseFacts>(`/api/quality/cases/${caseId}`, { signal }),
  });
}

export function useDisputes(status: 'open' | 'decided' | null) {
  return useQuery({
    queryKey: ['quality', 'disputes', status],
    queryFn: ({ signal }) =>
      apiFetch<ApiResponse<'listQualityDisputes'>>('/api/quality/disputes', { query: { status }, signal }),
  });
}

/** A review, a dispute or a decision moves scores, figures, assignments and gaps: refresh all of quality. */
function useQualityMutation<Input>(send: (input: Input) => Promise<ReviewDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['quality'] }),
  });
}

export function useCreateReview() {
  return useQualityMutation((body: NewReview) =>
    apiFetch<ReviewDetail>('/api/quality/reviews', { method: 'POST', body }),
  );
}

export function useDisputeReview(reviewId: number) {
  return useQualityMutation((body: NewDispute) =>
    apiFetch<ReviewDetail>(`/api/quality/reviews/${reviewId}/disputes`, { method: 'POST', body }),
  );
}

export function useDecideDispute(disputeId: number) {
  return useQualityMutation((body: Decision) =>
    apiFetch<ReviewDetail>(`/api/quality/disputes/${disputeId}/decision`, { method: 'POST', body }),
  );
}
