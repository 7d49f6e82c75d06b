import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiBody, ApiResponse } from '../../../lib/api-types.ts';

export type WeeklyQuality = ApiResponse<'getWeeklyQuality'>;
export type VendorQuality = WeeklyQuality['vendors'][number];
export type Calibration = ApiResponse<'getQualityCalibration'>;
export type KnowledgeGaps = ApiResponse<'getKnowledgeGaps'>;
export type KnowledgeGap = KnowledgeGaps['gaps'][number];
export type EscalatedCase = ApiResponse<'listEscalationReviews'>[number];
export type EscalationVerdict = ApiBody<'reviewEscalation'>;

export function useWeeklyQuality(week: string, vendorId: number | null) {
  return useQuery({
    queryKey: ['quality', 'weekly', week, vendorId],
    queryFn: ({ signal }) => apiFetch<WeeklyQuality>('/api/quality/weekly', { query: { week, vendorId }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCalibration(week: string, vendorId: number | null) {
  return useQuery({
    queryKey: ['quality', 'calibration', week, vendorId],
    queryFn: ({ signal }) => apiFetch<Calibration>('/api/quality/calibration', { query: { week, vendorId }, signal }),
    enabled: vendorId !== null,
  });
}

/** One page of the ranking (`limit` rows from `offset`) and the total it is a page of. */
export function useKnowledgeGaps(week: string | null, vendorId: number | null, offset: number, limit: number) {
  return useQuery({
    queryKey: ['quality', 'knowledge-gaps', week, vendorId, offset, limit],
    queryFn: ({ signal }) =>
      apiFetch<KnowledgeGaps>('/api/quality/knowledge-gaps', { query: { week, vendorId, offset, limit }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useEscalations(week: string, vendorId: number | null) {
  return useQuery({
    queryKey: ['quality', 'escalations', week, vendorId],
    queryFn: ({ signal }) =>
      apiFetch<ApiResponse<'listEscalationReviews'>>('/api/quality/escalations', { query: { week, vendorId }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useReviewEscalation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ caseId, body }: { caseId: number; body: EscalationVerdict }) =>
      apiFetch<unknown>(`/api/quality/escalations/${caseId}`, { method: 'PUT', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['quality'] }),
  });
}

export function useAcknowledgeEscalation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (caseId: number) =>
      apiFetch<unknown>(`/api/quality/escalations/${caseId}/acknowledgement`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['quality'] }),
  });
}
