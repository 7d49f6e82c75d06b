import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiBody, ApiResponse } from '../../../lib/api-types.ts';

export type QualitySettings = ApiResponse<'getQualitySettings'>;
export type QualitySettingsPatch = ApiBody<'updateQualitySettings'>;

export function useQualitySettings() {
  return useQuery({
    queryKey: ['quality', 'settings'],
    queryFn: ({ signal }) => apiFetch<QualitySettings>('/api/settings/quality', { signal }),
  });
}

export function useUpdateQualitySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: QualitySettingsPatch) =>
      apiFetch<QualitySettings>('/api/settings/quality', { method: 'PUT', body }),
    // Disputable-until dates and reviewer names on the quality pages follow the settings.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['quality'] }),
  });
}
