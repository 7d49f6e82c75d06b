/**
 * docs/definitions.md "Targets, status and composite score": target selection, status, composite, rank, change, trend.
 */
import type { WeekStart } from '../weeks.ts';
import { metricDefinition, type Direction, type MetricKey } from './catalogue.ts';

export interface Target {
  id: number;
  metric: MetricKey;
  value: number;
  vendorId: number | null;
  channel: string | null;
  queue: string | null;
  effectiveFrom: WeekStart;
}

/** The view a target is looked up for: a vendor's week, optionally filtered to one channel or queue. */
export interface TargetView {
  metric: MetricKey;
  vendorId: number;
  week: WeekStart;
  channel?: string | null;
  queue?: string | null;
}

function specificity(target: Target): number {
  const segment = target.channel !== null || target.queue !== null;
  if (target.vendorId !== null) return segment ? 3 : 2;
  return segment ? 1 : 0;
}

/**
 * The most specific target in force: vendor + channel/queue > vendor > channel/queue > global; within one
 * level, the latest effective_from ≤ week. A channel/queue target applies only to a view of that channel/queue.
 */
export function selectTarget(targets: readonly Target[], view: TargetView): Target | null {
  let best: Target | null = null;
  for (const t of targets) {
    if (t.metric !== view.metric || t.effectiveFrom > view.week) continue;
    if (t.vendorId !== null && t.vendorId !== view.vendorId) continue;
    if (t.channel !== null && t.channel !== (view.channel ?? null)) continue;
    if (t.queue !== null && t.queue !== (view.queue ?? null)) continue;
    if (
      best === null ||
      specificity(t) > specificity(best) ||
      (specificity(t) === specificity(best) && t.effectiveFrom > best.effectiveFrom)
    ) {
      best = t;
    }
  }
  return best;
}

export const STATUSES = ['met', 'at_risk', 'missed', 'low_sample', 'no_target', 'no_data'] as const;
export type Status = (typeof STATUSES)[number];
export const AT_RISK_BAND = 0.05;
// Values are rebuilt from sums in floating point; a value equal to a boundary must not fall off it by 1 ulp.
const EPSILON = 1e-9;

/**
 * docs/definitions.md status: met at or better than the target; at risk when worse but within 5 % (higher: ≥ 0.95 × target,
 * lower: ≤ 1.05 × target); missed otherwise; low sample when the sample is under the minimum (no status).
 */
export function metricStatus(
  direction: Direction,
  value: number | null,
  target: number | null,
  sample: number,
  minSample: number,
): Status {
  if (value === null) return 'no_data';
  if (target === null || direction === 'none') return 'no_target';
  if (sample < minSample) return 'low_sample';
  const tolerance = EPSILON * Math.max(1, Math.abs(target));
  if (direction === 'higher') {
    if (value >= target - tolerance) return 'met';
    return value >= (1 - AT_RISK_BAND) * target - tolerance ? 'at_risk' : 'missed';
  }
  if (value <= target + tolerance) return 'met';
  return value <= (1 + AT_RISK_BAND) * target + tolerance ? 'at_risk' : 'missed';
}

export const ATTAINMENT_CAP = 1.2;

/**
 * Attainment = actual ÷ target (higher) or target ÷ actual (lower), capped at 1.2. A zero divisor means the
 * figure cannot be beaten (capped) unless both are zero (exactly on target: 1).
 */
export function attainment(direction: 'higher' | 'lower', value: number, target: number): number {
  const [top, bottom] = direction === 'higher' ? [value, target] : [target, value];
  if (bottom === 0) return top === 0 ? 1 : ATTAINMENT_CAP;
  return Math.min(top / bottom, ATTAINMENT_CAP);
}

export interface CompositeInput {
  metric: MetricKey;
  value: number | null;
  target: number | null;
  status: Status;
}

/**
 * docs/definitions.md composite 0–100: weighted mean of attainment × 100 ÷ 1.2 over metrics with a target and a status of
 * attainment (met, at risk, missed) and a positive weight; null when no metric qualifies.
 */
export function compositeScore(
  inputs: readonly CompositeInput[],
  weights: Partial<Record<MetricKey, number>>,
): number | null {
  let weighted = 0;
  let totalWeight = 0;
  for (const input of inputs) {
    const weight = weights[input.metric] ?? 0;
    const direction = metricDefinition(input.metric).direction;
    if (weight <= 0 || direction === 'none' || input.value === null || input.target === null) continue;
    if (input.status !== 'met' && input.status !== 'at_risk' && input.status !== 'missed') continue;
    weighted += weight * ((attainment(direction, input.value, input.target) * 100) / ATTAINMENT_CAP);
    totalWeight += weight;
  }
  return totalWeight === 0 ? null : weighted / totalWeight;
}

/** Competition ranking by composite, best first (1, 2, 2, 4); vendors without a composite get no rank. */
export function rankByComposite<T extends { composite: number | null }>(rows: readonly T[]): Map<T, number | null> {
  const ranks = new Map<T, number | null>();
  const scored = rows.filter((r) => r.composite !== null).sort((a, b) => b.composite! - a.composite!);
  scored.forEach((row, index) => {
    const previous = scored[index - 1];
    ranks.set(row, previous && previous.composite === row.composite ? ranks.get(previous)! : index + 1);
  });
  for (const row of rows) if (!ranks.has(row)) ranks.set(row, null);
  return ranks;
}

/** Week-over-week change: current − previous (percentage points for % metrics); null when either is missing. */
export function weekOverWeekChange(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : current - previous;
}
