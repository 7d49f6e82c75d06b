/** The metric catalogue, shared with the API (packages/domain is pure): labels, units, good direction. */
import { METRICS, type MetricDefinition } from '@scorecard/domain/metrics/catalogue';

export type MetricInfo = Pick<MetricDefinition, 'key' | 'label' | 'unit' | 'direction'>;

export const METRIC_INFO: readonly MetricInfo[] = METRICS.map(({ key, label, unit, direction }) => ({
  key,
  label,
  unit,
  direction,
}));

export function metricInfo(key: string): MetricInfo | undefined {
  return METRIC_INFO.find((m) => m.key === key);
}
