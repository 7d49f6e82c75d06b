/**
 * What each kind of alert rule looks at, pure: a week-to-date figure or a plan forecast in, a
 * severity out (guards.ts turns severities into firings). Rules and their thresholds: docs/alerts.md.
 */
import { metricDefinition, type MetricKey } from '../metrics/catalogue.ts';
import type { Status } from '../metrics/targets.ts';
import type { PlanForecast } from '../plans/forecast.ts';
import type { Projection } from '../projections/projection.ts';
import type { Severity } from './guards.ts';

export const CONDITION_KINDS = ['status', 'projection', 'required_rate', 'plan_unachievable'] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];

export interface MetricFigures {
  metric: MetricKey;
  /** The week-to-date status (against the scorecard target, minimum sample applied). */
  status: Status;
  projection: Projection;
}

const fromStatus = (status: Status): Severity =>
  status === 'missed' ? 'missed' : status === 'at_risk' ? 'at_risk' : 'ok';

/**
 * `threshold` (required_rate only) is in the metric's unit: for a higher-is-better metric the rule holds when
 * the rest must run at or above it; for a lower-is-better one, at or below it.
 */
export function metricSeverity(
  kind: Exclude<ConditionKind, 'plan_unachievable'>,
  figures: MetricFigures,
  threshold: number | null,
): Severity {
  const { projection } = figures;
  if (kind === 'status') return fromStatus(figures.status);
  if (kind === 'projection') {
    if (projection.method === 'trailing_rate' && projection.requiredState === 'already_lost') return 'already_lost';
    return fromStatus(projection.status);
  }
  if (projection.method !== 'trailing_rate') return 'ok';
  if (projection.requiredState === 'already_lost') return 'already_lost';
  if (projection.requiredState !== 'achievable' || projection.requiredRate === null || threshold === null) return 'ok';
  const direction = metricDefinition(figures.metric).direction;
  const beyond = direction === 'higher' ? projection.requiredRate >= threshold : projection.requiredRate <= threshold;
  return beyond ? 'at_risk' : 'ok';
}

export function planSeverity(forecast: PlanForecast): Severity {
  return forecast.achievable ? 'ok' : 'missed';
}
