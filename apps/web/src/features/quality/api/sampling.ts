import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiBody, ApiResponse } from '../../../lib/api-types.ts';

export type SamplingPlan = ApiResponse<'getSamplingPlan'>;
export type NewSamplingPlan = ApiBody<'createSamplingPlan'>;
export type Assignment = ApiResponse<'listMyQualityAssignments'>[number];
export type Reviewer = ApiResponse<'listQualityReviewers'>[number];

export function useSamplingPlans() {
  return useQuery({
    queryKey: ['quality', 'sampling-plans'],
    queryFn: ({ signal }) => apiFetch<ApiResponse<'listSamplingPlans'>>('/api/quality/sampling-plans', { signal }),
  });
}

export function useSamplingPlan(id: number) {
  return useQuery({
    queryKey: ['quality', 'sampling-plans', id],
    queryFn: ({ signal }) => apiFetch<SamplingPlan>(`/api/quality/sampling-plans/${id}`, { signal }),
  });
}

export function useCreateSamplingPlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewSamplingPlan) =>
      apiFetch<SamplingPlan>('/api/quality/sampling-plans', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['quality'] }),
  });
}

export function useAssignments() {
  return useQuery({
    queryKey: ['quality', 'assignments'],
    queryFn: ({ signal }) => apiFetch<ApiResponse<'listMyQualityAssignments'>>('/api/quality/assignments', { signal }),
  });
}

export function useReviewers(enabled: boolean) {
  return useQuery({
    queryKey: ['quality', 'reviewers'],
    queryFn: ({ signal }) => apiFetch<ApiResponse<'listQualityReviewers'>>('/api/quality/reviewers', { signal }),
    enabled,
  });
}
