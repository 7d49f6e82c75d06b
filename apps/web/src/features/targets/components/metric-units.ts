import type { TargetInput } from '../api/create-target.ts';

/** Targets are entered in the unit people think in (%, minutes, hours) and sent in the API's (%, seconds). */
export interface TargetMetric {
  key: TargetInput['metric'];
  label: string;
  input: 'percent' | 'seconds' | 'minutes' | 'hours';
}

export const TARGET_METRICS: TargetMetric[] = [
  { key: 'csat', label: 'CSAT %', input: 'percent' },
  { key: 'service_level', label: 'Service level %', input: 'percent' },
  { key: 'aht', label: 'Handling time (minutes)', input: 'minutes' },
  { key: 'frt', label: 'First response time (minutes)', input: 'minutes' },
  { key: 'fcr', label: 'FCR %', input: 'percent' },
  { key: 'resolution_time', label: 'Resolution time (hours)', input: 'hours' },
  { key: 'reopen_rate', label: 'Reopen rate %', input: 'percent' },
  { key: 'escalation_rate', label: 'Escalation rate %', input: 'percent' },
  { key: 'abandon_rate', label: 'Abandon rate %', input: 'percent' },
];

const FACTOR = { percent: 1, seconds: 1, minutes: 60, hours: 3600 } as const;

export function toApiValue(metric: string, entered: number): number {
  const m = TARGET_METRICS.find((t) => t.key === metric);
  return entered * FACTOR[m?.input ?? 'percent'];
}

export function metricLabel(metric: string): string {
  return TARGET_METRICS.find((t) => t.key === metric)?.label.replace(/ \(.*\)$/, '') ?? metric;
}

export function unitOf(metric: string): '%' | 's' {
  const input = TARGET_METRICS.find((t) => t.key === metric)?.input;
  return input === 'percent' || input === undefined ? '%' : 's';
}
