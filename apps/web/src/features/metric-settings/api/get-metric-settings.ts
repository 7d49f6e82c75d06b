import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

/**
 * Organisation settings behind the metrics: thresholds in seconds, sample minimum, composite weights, and
 * whether vendor users see their rank (shareRankWithVendors).
 */
export type MetricSettings = Record<string, string | number | boolean | Record<string, number>>;

export function getMetricSettings(signal?: AbortSignal) {
  return apiFetch<MetricSettings>('/api/settings/metrics', { signal });
}

export const metricSettingsQueryOptions = () =>
  queryOptions({ queryKey: ['settings', 'metrics'], queryFn: ({ signal }) => getMetricSettings(signal) });

export function useMetricSettings() {
  return useQuery(metricSettingsQueryOptions());
}
