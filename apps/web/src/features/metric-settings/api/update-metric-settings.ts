import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { MetricSettings } from './get-metric-settings.ts';

/** Answers the saved settings and the recompute it enqueued when a definition changed. */
export function updateMetricSettings(settings: MetricSettings) {
  return apiFetch<{ settings: MetricSettings; recompute: { jobId: string; status: 'queued' } | null }>(
    '/api/settings/metrics',
    {
      method: 'PUT',
      body: settings,
    },
  );
}

export function useUpdateMetricSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMetricSettings,
    // Thresholds change every number: drop everything cached.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
