/**
 * The metric catalogue (docs/definitions.md "Metric definitions"): key, label, unit, good direction, attribution week,
 * and which additive parts give numerator and denominator. Medians come from the cases, not from parts. The
 * quality metrics (docs/quality.md "Metrics") are built from the parts of the reviews made in the week.
 */
import type { Parts, PartKey } from './parts.ts';

export const METRIC_KEYS = [
  'volume',
  'csat',
  'service_level',
  'aht',
  'frt',
  'fcr',
  'resolution_time',
  'reopen_rate',
  'escalation_rate',
  'abandon_rate',
  'quality_score',
  'fatal_error_rate',
  'calibration_gap',
  'dispute_rate',
  'dispute_acceptance_rate',
  'avoidable_escalation_rate',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

/** The metrics read from the cases (case_facts): the case drill-down, credits and week-to-date read only these. */
export const CASE_METRIC_KEYS = METRIC_KEYS.slice(0, METRIC_KEYS.indexOf('abandon_rate') + 1) as readonly MetricKey[];
/** The metrics read from the quality reviews; their drill-down is the reviews behind the figure. */
export const QUALITY_METRIC_KEYS = METRIC_KEYS.slice(METRIC_KEYS.indexOf('quality_score')) as readonly MetricKey[];

/** '%' = a rate shown in percent; 'points' = a 0..100 review score (or a difference of two). */
export type Unit = '%' | 's' | 'count' | 'points';
export type Direction = 'higher' | 'lower' | 'none';
/** The week a figure counts in: the case's arrival, completion or survey, or the week the review was made. */
export type Attribution = 'arrival' | 'completion' | 'survey' | 'review';

export interface MetricDefinition {
  key: MetricKey;
  label: string;
  unit: Unit;
  direction: Direction;
  attribution: Attribution;
  /** Parts summed into the numerator and the denominator; for medians, the count of cases in the distribution. */
  numerator: readonly PartKey[];
  denominator: readonly PartKey[];
  /**
   * 'ratio' = numerator ÷ denominator (× 100 for %); 'count' = numerator; 'median' = percentile_cont 0.5 of the
   * cases; 'mean' = Σ values ÷ n of the reviews (numerator the sum, denominator n), with Σ values² in `squares`.
   */
  kind: 'ratio' | 'count' | 'median' | 'mean';
  /** For 'mean': the part holding Σ value², from which the mean's interval is computed. */
  squares?: PartKey;
}

const d = (definition: MetricDefinition) => definition;

export const METRICS: readonly MetricDefinition[] = [
  d({
    key: 'volume',
    label: 'Volume',
    unit: 'count',
    direction: 'none',
    attribution: 'arrival',
    numerator: ['volume'],
    denominator: ['volume'],
    kind: 'count',
  }),
  d({
    key: 'csat',
    label: 'CSAT',
    unit: '%',
    direction: 'higher',
    attribution: 'survey',
    numerator: ['csatSatisfied'],
    denominator: ['csatResponses'],
    kind: 'ratio',
  }),
  // One service level over live and async contacts: (answered within + responded within) ÷ (offered + due).
  d({
    key: 'service_level',
    label: 'Service level',
    unit: '%',
    direction: 'higher',
    attribution: 'arrival',
    numerator: ['liveAnsweredWithin', 'asyncMet'],
    denominator: ['liveOffered', 'asyncDue'],
    kind: 'ratio',
  }),
  d({
    key: 'aht',
    label: 'Handling time',
    unit: 's',
    direction: 'lower',
    attribution: 'completion',
    numerator: ['handleSecondsSum'],
    denominator: ['handleCount'],
    kind: 'ratio',
  }),
  d({
    key: 'frt',
    label: 'First response time',
    unit: 's',
    direction: 'lower',
    attribution: 'arrival',
    numerator: ['frtSecondsSum'],
    denominator: ['frtCount'],
    kind: 'median',
  }),
  d({
    key: 'fcr',
    label: 'First contact resolution',
    unit: '%',
    direction: 'higher',
    attribution: 'completion',
    numerator: ['fcrResolved'],
    denominator: ['solved'],
    kind: 'ratio',
  }),
  d({
    key: 'resolution_time',
    label: 'Resolution time',
    unit: 's',
    direction: 'lower',
    attribution: 'completion',
    numerator: ['resolutionSecondsSum'],
    denominator: ['resolutionCount'],
    kind: 'median',
  }),
  d({
    key: 'reopen_rate',
    label: 'Reopen rate',
    unit: '%',
    direction: 'lower',
    attribution: 'completion',
    numerator: ['reopened'],
    denominator: ['solved'],
    kind: 'ratio',
  }),
  d({
    key: 'escalation_rate',
    label: 'Escalation rate',
    unit: '%',
    direction: 'lower',
    attribution: 'arrival',
    numerator: ['escalated'],
    denominator: ['volume'],
    kind: 'ratio',
  }),
  d({
    key: 'abandon_rate',
    label: 'Abandon rate',
    unit: '%',
    direction: 'lower',
    attribution: 'arrival',
    numerator: ['liveAbandoned'],
    denominator: ['liveOffered'],
    kind: 'ratio',
  }),
  // Quality: internal reviews only (the vendor's own QA is compared in the calibration gap), by review week.
  d({
    key: 'quality_score',
    label: 'Quality score',
    unit: 'points',
    direction: 'higher',
    attribution: 'review',
    numerator: ['qualityScoreSum'],
    denominator: ['qualityScored'],
    kind: 'mean',
    squares: 'qualityScoreSquares',
  }),
  d({
    key: 'fatal_error_rate',
    label: 'Fatal-error rate',
    unit: '%',
    direction: 'lower',
    attribution: 'review',
    numerator: ['qualityFatal'],
    denominator: ['qualityReviews'],
    kind: 'ratio',
  }),
  // Signed (internal − vendor): good near zero in either direction, which no higher/lower target can state.
  d({
    key: 'calibration_gap',
    label: 'Calibration gap',
    unit: 'points',
    direction: 'none',
    attribution: 'review',
    numerator: ['calibrationGapSum'],
    denominator: ['calibrationPairs'],
    kind: 'mean',
    squares: 'calibrationGapSquares',
  }),
  d({
    key: 'dispute_rate',
    label: 'Dispute rate',
    unit: '%',
    direction: 'lower',
    attribution: 'review',
    numerator: ['qualityDisputed'],
    denominator: ['qualityReviews'],
    kind: 'ratio',
  }),
  d({
    key: 'dispute_acceptance_rate',
    label: 'Dispute acceptance rate',
    unit: '%',
    direction: 'lower',
    attribution: 'review',
    numerator: ['qualityDisputesAccepted'],
    denominator: ['qualityDisputesDecided'],
    kind: 'ratio',
  }),
  d({
    key: 'avoidable_escalation_rate',
    label: 'Avoidable-escalation rate',
    unit: '%',
    direction: 'lower',
    attribution: 'review',
    numerator: ['escalationsAvoidable'],
    denominator: ['escalationReviews'],
    kind: 'ratio',
  }),
];

export function metricDefinition(key: MetricKey): MetricDefinition {
  const found = METRICS.find((m) => m.key === key);
  if (!found) throw new RangeError(`Unknown metric ${key}`);
  return found;
}

export interface Distribution {
  n: number;
  median: number | null;
  p90: number | null;
  mean: number | null;
  /** The median's 95 % order-statistic interval [x(r), x(n−r+1)]; null/absent when n < 6 or not read. */
  medianLow?: number | null;
  medianHigh?: number | null;
}

export interface MetricValue {
  /** null when undefined (never NaN or Infinity); `reason` then says why. */
  value: number | null;
  reason: string | null;
  numerator: number;
  denominator: number;
  /** The count the minimum-sample rule is applied to. */
  sample: number;
}

const sum = (parts: Parts, keys: readonly PartKey[]) => keys.reduce((total, key) => total + parts[key], 0);

const emptyReasons: Record<MetricKey, string> = {
  volume: 'no cases',
  csat: 'no CSAT responses in this week',
  service_level: 'no offered live contacts and no async cases due',
  aht: 'no solved cases with a handle time',
  frt: 'no cases with a first response',
  fcr: 'no solved cases',
  resolution_time: 'no solved cases',
  reopen_rate: 'no solved cases',
  escalation_rate: 'no cases created',
  abandon_rate: 'no offered live contacts',
  quality_score: 'no internal reviews scored',
  fatal_error_rate: 'no internal reviews made in this week',
  calibration_gap: 'no internal review of a case the vendor’s QA also reviewed',
  dispute_rate: 'no internal reviews made in this week',
  dispute_acceptance_rate: 'no decided disputes of this week’s reviews',
  avoidable_escalation_rate: 'no escalation reviews made in this week',
};

/** A metric's value from summed parts (and the distribution for medians). Never NaN/Infinity. */
/**
 * The value a week has for comparing and charting: a count of 0 is a week without cases, so no value
 * (a gap on a chart, no week-over-week change); every other value is itself.
 */
export function observedValue(key: MetricKey, value: number | null): number | null {
  return metricDefinition(key).kind === 'count' && value === 0 ? null : value;
}

export function metricValue(key: MetricKey, parts: Parts, distribution?: Distribution | null): MetricValue {
  const definition = metricDefinition(key);
  const numerator = sum(parts, definition.numerator);
  const denominator = sum(parts, definition.denominator);
  if (definition.kind === 'count') return { value: numerator, reason: null, numerator, denominator, sample: numerator };
  if (denominator === 0) return { value: null, reason: emptyReasons[key], numerator, denominator, sample: 0 };
  if (definition.kind === 'median') {
    const median = distribution?.median ?? null;
    return {
      value: median,
      reason: median === null ? emptyReasons[key] : null,
      numerator,
      denominator,
      sample: denominator,
    };
  }
  if (definition.kind === 'mean')
    return { value: numerator / denominator, reason: null, numerator, denominator, sample: denominator };
  const ratio = numerator / denominator;
  return {
    value: definition.unit === '%' ? ratio * 100 : ratio,
    reason: null,
    numerator,
    denominator,
    sample: denominator,
  };
}
