import { METRICS, type MetricDefinition } from '@scorecard/domain/metrics/catalogue';
import { metricInfo } from '../../../lib/metrics.ts';
import type { TargetInput } from '../api/create-target.ts';

/**
 * Targets are entered in the unit people think in (%, points, minutes, hours) and sent in the API's (%, points,
 * seconds). Names and units come from the metric catalogue; only the entry unit of a duration is chosen here.
 */
export interface TargetMetric {
  key: TargetInput['metric'];
  label: string;
  input: 'percent' | 'points' | 'minutes' | 'hours';
}

// A resolution takes hours, a reply or a handle minutes.
const DURATION_INPUT: Partial<Record<string, 'minutes' | 'hours'>> = { resolution_time: 'hours' };
const INPUT_WORD = { percent: '%', points: 'points', minutes: 'minutes', hours: 'hours' } as const;

function entryUnit(m: MetricDefinition): TargetMetric['input'] {
  if (m.unit === 's') return DURATION_INPUT[m.key] ?? 'minutes';
  return m.unit === 'points' ? 'points' : 'percent';
}

// The metrics the API takes a target for: those with a good direction (apps/api/src/targets/targets.routes.ts).
export const TARGET_METRICS: TargetMetric[] = METRICS.filter((m) => m.direction !== 'none').map((m) => {
  const input = entryUnit(m);
  return { key: m.key as TargetInput['metric'], label: `${m.label} (${INPUT_WORD[input]})`, input };
});

const FACTOR = { percent: 1, points: 1, minutes: 60, hours: 3600 } as const;

export function toApiValue(metric: string, entered: number): number {
  const m = TARGET_METRICS.find((t) => t.key === metric);
  return entered * FACTOR[m?.input ?? 'percent'];
}

export function metricLabel(metric: string): string {
  return metricInfo(metric)?.label ?? metric;
}

export function unitOf(metric: string): '%' | 's' | 'points' {
  const unit = metricInfo(metric)?.unit;
  return unit === 's' || unit === 'points' ? unit : '%';
}
