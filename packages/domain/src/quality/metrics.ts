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

/** One row behind a quality figure (the view `quality_contributions`): an internal review or an escalation review. */
export interface QualityContribution {
  kind: 'review' | 'escalation';
  score: number | null;
  fatal: boolean;
  disputeStatus: string | null;
  vendorScore: number | null;
  gap: number | null;
  verdict: string | null;
}

export type QualityFigureKey =
  | 'quality_score'
  | 'fatal_error_rate'
  | 'calibration_gap'
  | 'dispute_rate'
  | 'dispute_acceptance_rate'
  | 'avoidable_escalation_rate';

/**
 * How one row counts in a quality figure, as the drill-down shows it: whether it is in the figure's
 * denominator (`contributes`), its outcome, and why in words. Escalation reviews count only in the
 * avoidable-escalation rate; internal reviews in every other figure.
 */
export function explainQualityContribution(
  metric: QualityFigureKey,
  row: QualityContribution,
): { contributes: boolean; outcome: string; why: string } {
  const out = (contributes: boolean, outcome: string, why: string) => ({ contributes, outcome, why });
  if (metric === 'avoidable_escalation_rate') {
    if (row.kind !== 'escalation') return out(false, 'left_out', 'not an escalation review');
    return row.verdict === 'avoidable'
      ? out(true, 'avoidable', 'marked avoidable')
      : out(true, 'valid', 'marked a valid escalation');
  }
  if (row.kind !== 'review') return out(false, 'left_out', 'an escalation review, not a QA review');
  const score = row.score === null ? null : row.score.toFixed(1);
  switch (metric) {
    case 'quality_score':
      return score === null
        ? out(false, 'left_out', 'no criterion counted (all N/A and left out): no score')
        : out(true, 'scored', `scored ${score}${row.fatal ? ' (fatal)' : ''}`);
    case 'fatal_error_rate':
      return row.fatal
        ? out(true, 'fatal', 'a critical criterion failed')
        : out(true, 'not_fatal', 'no critical criterion failed');
    case 'calibration_gap':
      return row.gap === null || row.vendorScore === null
        ? out(false, 'left_out', 'the vendor’s QA has not scored this case')
        : out(true, 'paired', `internal ${score} − vendor ${row.vendorScore.toFixed(1)} = ${row.gap.toFixed(1)}`);
    case 'dispute_rate':
      return row.disputeStatus === null
        ? out(true, 'not_disputed', 'not disputed')
        : out(true, 'disputed', `disputed (${row.disputeStatus.replace('_', ' ')})`);
    case 'dispute_acceptance_rate':
      if (row.disputeStatus === null) return out(false, 'left_out', 'not disputed');
      if (row.disputeStatus === 'open') return out(false, 'left_out', 'dispute not decided yet');
      return row.disputeStatus === 'rejected'
        ? out(true, 'rejected', 'dispute rejected')
        : out(true, 'accepted', `dispute ${row.disputeStatus.replace('_', ' ')}`);
  }
}
