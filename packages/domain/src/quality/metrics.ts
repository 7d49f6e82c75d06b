/**
 * The quality metrics' definitions (docs/quality.md "Metrics") and the interval of a mean score, pure.
 * The sums they are built from are SQL (packages/db/src/quality/weekly.ts).
 */
import { Z_95 } from '../stats/intervals.ts';

export const QUALITY_METRICS = [
  {
    key: 'quality_score',
    label: 'Quality score',
    unit: 'points',
    direction: 'higher',
    definition: 'mean score of the internal reviews made in the week',
  },
  {
    key: 'fatal_error_rate',
    label: 'Fatal-error rate',
    unit: '%',
    direction: 'lower',
    definition: 'internal reviews with a failed critical criterion ÷ internal reviews',
  },
  {
    key: 'calibration_gap',
    label: 'Calibration gap',
    unit: 'points',
    direction: 'none',
    definition:
      'mean of (internal score − the vendor QA score) over the week’s internal reviews of cases the vendor also reviewed',
  },
  {
    key: 'dispute_rate',
    label: 'Dispute rate',
    unit: '%',
    direction: 'lower',
    definition: 'internal reviews of the week disputed ÷ internal reviews of the week',
  },
  {
    key: 'dispute_acceptance_rate',
    label: 'Dispute acceptance rate',
    unit: '%',
    direction: 'lower',
    definition: 'disputes accepted or partly accepted ÷ disputes decided, of the week’s reviews',
  },
  {
    key: 'avoidable_escalation_rate',
    label: 'Avoidable-escalation rate',
    unit: '%',
    direction: 'lower',
    definition: 'escalation reviews marked avoidable ÷ escalation reviews made in the week',
  },
] as const;
export type QualityMetricKey = (typeof QUALITY_METRICS)[number]['key'];

export const MEAN_INTERVAL = 'normal interval of a mean, mean ± 1.96 × s ÷ √n, within 0..100';

/** The range a score lies in, and the range of a difference of two scores (the calibration gap). */
export const SCORE_BOUNDS = { low: 0, high: 100 } as const;
export const GAP_BOUNDS = { low: -100, high: 100 } as const;

/**
 * The 95 % interval of a mean score from n, Σx and Σx²: mean ± z·s/√n with the sample standard deviation,
 * clamped to `bounds` (0..100 for a score); null below two scores (no spread to measure).
 */
export function meanScoreInterval(
  n: number,
  sum: number,
  sumOfSquares: number,
  z = Z_95,
  bounds: { low: number; high: number } = SCORE_BOUNDS,
) {
  if (n < 2) return null;
  const mean = sum / n;
  const variance = Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1));
  const half = (z * Math.sqrt(variance)) / Math.sqrt(n);
  return { low: Math.max(bounds.low, mean - half), high: Math.min(bounds.high, mean + half) };
}

/** A ratio as a percentage, or null without a denominator. */
export function percent(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : (100 * numerator) / denominator;
}
