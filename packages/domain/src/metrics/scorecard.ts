/**
 * Scorecard assembly, pure: from summed parts and medians to metric cells (value, target, status, detail),
 * and per vendor the week's cells with week-over-week change and composite. The API's
 * scorecards and the weekly report email both use it (data access: packages/db/src/metrics/scorecard.ts),
 * so the dashboard and the email cannot disagree.
 */
import {
  METRICS,
  metricDefinition,
  metricValue,
  observedValue,
  type Distribution,
  type MetricKey,
} from './catalogue.ts';
import { emptyParts, type Parts } from './parts.ts';
import { compositeScore, metricStatus, selectTarget, weekOverWeekChange, type Status, type Target } from './targets.ts';
import { STANDARDISED_METRICS, standardise, type Strata } from '../stats/standardise.ts';
import {
  CONFIDENCE_LEVEL,
  ORDER_STATISTICS,
  proportionVersusTarget,
  SCORE_TEST,
  TWO_PROPORTION,
  twoProportionTest,
  WILSON,
  wilsonInterval,
  type TestResult,
  Z_95,
} from '../stats/intervals.ts';
import { GAP_BOUNDS, MEAN_INTERVAL, meanScoreInterval, SCORE_BOUNDS } from '../quality/metrics.ts';

/** Weeks a scorecard reads, its own week last: a vendor with parts in any of them has a row (docs/metrics.md). */
export const TREND_WEEKS = 4;

export interface MetricCell {
  value: number | null;
  reason: string | null;
  numerator: number;
  denominator: number;
  sample: number;
  target: number | null;
  status: Status;
  detail: Record<string, number | null>;
  /** 95 % interval of `value`: Wilson for rates, order statistics for medians; null for counts, AHT, n = 0. */
  interval: CellInterval | null;
}

export interface CellInterval {
  low: number;
  high: number;
  level: number;
  method: string;
}
export interface Significance {
  significant: boolean;
  pValue: number;
  method: string;
}
export interface AdjustedCell {
  value: number | null;
  /** The vendor's case-mix-adjusted composite (the same for every metric of the row). */
  composite: number | null;
  uncoveredShare: number | null;
}

export interface ScorecardCell extends MetricCell {
  previous: number | null;
  change: number | null;
  /** Is the week-over-week change / the distance to the target more than noise? null where untested. */
  significance: { change: Significance | null; target: Significance | null };
  /** null when the caller gave no strata (the report email). */
  adjusted: AdjustedCell | null;
}

export interface ScorecardRow {
  vendorId: number;
  composite: number | null;
  adjustedComposite: number | null;
  metrics: Record<MetricKey, ScorecardCell>;
}

/** Parts per queue × channel × tier of the scorecard's week: each vendor's, and the reference (all vendors). */
export interface CaseMix {
  byVendor: ReadonlyMap<number, Strata>;
  reference: Strata;
}

export interface CellContext {
  targets: readonly Target[];
  minSample: number;
  channel?: string | null;
  queue?: string | null;
}

/**
 * What a vendor-week's statuses and composite follow: the contract terms in force for that vendor and week
 * (docs/terms.md), else the organisation's settings. The caller resolves them once per vendor-week.
 */
export interface ScoringTerms {
  minSample: number;
  compositeWeights: Partial<Record<MetricKey, number>>;
}

/** Parts of one vendor-week (or one group of it), as the readers return them. */
export interface PartsRow {
  vendorId: number;
  week: string;
  group: string | null;
  parts: Parts;
}
export interface DistributionRow {
  vendorId: number;
  week: string;
  group: string | null;
  metric: string;
  distribution: Distribution;
}

const DISTRIBUTION_METRICS: readonly MetricKey[] = ['frt', 'resolution_time'];

export function partsKey(vendorId: number, week: string, group: string | null = null) {
  return `${vendorId}|${week}|${group ?? ''}`;
}

export function indexParts(rows: readonly PartsRow[]): Map<string, Parts> {
  return new Map(rows.map((r) => [partsKey(r.vendorId, r.week, r.group), r.parts]));
}

export function indexDistributions(rows: readonly DistributionRow[]): Map<string, Distribution> {
  return new Map(rows.map((r) => [`${partsKey(r.vendorId, r.week, r.group)}|${r.metric}`, r.distribution]));
}

/** Every metric of one vendor-week (or one group of it): never NaN/Infinity, null with a reason instead. */
export function metricCells(
  vendorId: number,
  week: string,
  group: string | null,
  parts: Map<string, Parts>,
  distributions: Map<string, Distribution>,
  context: CellContext,
): Record<MetricKey, MetricCell> {
  const key = partsKey(vendorId, week, group);
  const weekParts = parts.get(key) ?? emptyParts();
  const cells = {} as Record<MetricKey, MetricCell>;
  for (const definition of METRICS) {
    const distribution = DISTRIBUTION_METRICS.includes(definition.key)
      ? (distributions.get(`${key}|${definition.key}`) ?? null)
      : null;
    const measured = metricValue(definition.key, weekParts, distribution);
    const target =
      definition.direction === 'none'
        ? null
        : selectTarget(context.targets, {
            metric: definition.key,
            vendorId,
            week,
            channel: context.channel,
            queue: context.queue,
          });
    cells[definition.key] = {
      ...measured,
      target: target?.value ?? null,
      status: metricStatus(
        definition.direction,
        measured.value,
        target?.value ?? null,
        measured.sample,
        context.minSample,
      ),
      detail: detailOf(definition.key, weekParts, distribution),
      interval: cellInterval(definition.key, measured, distribution, weekParts),
    };
  }
  return cells;
}

function detailOf(key: MetricKey, parts: Parts, distribution: Distribution | null): Record<string, number | null> {
  if (key === 'csat') {
    return {
      responses: parts.csatResponses,
      responseRate: parts.solved === 0 ? null : parts.csatResponses / parts.solved,
    };
  }
  if (key === 'frt' || key === 'resolution_time') {
    return { n: distribution?.n ?? 0, mean: distribution?.mean ?? null, p90: distribution?.p90 ?? null };
  }
  if (key === 'quality_score') {
    return { reviews: parts.qualityReviews, fatal: parts.qualityFatal, disputed: parts.qualityDisputed };
  }
  if (key === 'service_level') {
    return {
      liveOffered: parts.liveOffered,
      liveAnsweredWithin: parts.liveAnsweredWithin,
      asyncDue: parts.asyncDue,
      asyncMet: parts.asyncMet,
    };
  }
  return {};
}

export function composite(
  cells: Record<MetricKey, MetricCell>,
  weights: Partial<Record<MetricKey, number>>,
): number | null {
  return compositeScore(
    METRICS.map((m) => ({
      metric: m.key,
      value: cells[m.key].value,
      target: cells[m.key].target,
      status: cells[m.key].status,
    })),
    weights,
  );
}

/**
 * One scorecard row per vendor for the last of `weeks` (oldest first): the week's cells, the change against
 * the week before, and the composite; a vendor with parts in any of `weeks` has a row. Each vendor-week's statuses use the minimum
 * sample of `termsOf(vendor, week)`; the composite and the adjusted composite use the shown week's weights.
 */
export function scorecardRows(
  vendorIds: readonly number[],
  weeks: readonly string[],
  parts: Map<string, Parts>,
  distributions: Map<string, Distribution>,
  context: Omit<CellContext, 'minSample'>,
  termsOf: (vendorId: number, week: string) => ScoringTerms,
  mix?: CaseMix,
): ScorecardRow[] {
  return vendorIds.map((vendorId) => {
    const termsByWeek = weeks.map((w) => termsOf(vendorId, w));
    const byWeek = weeks.map((w, i) =>
      metricCells(vendorId, w, null, parts, distributions, { ...context, minSample: termsByWeek[i]!.minSample }),
    );
    const current = byWeek[byWeek.length - 1]!;
    const previous = byWeek[byWeek.length - 2];
    const terms = termsByWeek[termsByWeek.length - 1]!;
    const adjusted = mix
      ? adjustedCells(current, mix.byVendor.get(vendorId) ?? new Map(), mix.reference, terms.minSample)
      : null;
    const adjustedComposite = adjusted ? composite(adjusted.cells, terms.compositeWeights) : null;
    const metrics = {} as Record<MetricKey, ScorecardCell>;
    for (const m of METRICS) {
      const cell = current[m.key];
      const counted = previous?.[m.key] ?? null;
      // A week without cases is no previous value (observedValue): no change against it.
      const emptyWeek = counted?.value != null && observedValue(m.key, counted.value) === null;
      const before = emptyWeek ? null : counted;
      metrics[m.key] = {
        ...cell,
        previous: before?.value ?? null,
        change: weekOverWeekChange(cell.value, before?.value ?? null),
        significance: {
          change: before ? changeSignificance(m.key, cell, before) : null,
          target: targetSignificance(m.key, cell),
        },
        adjusted: adjusted
          ? {
              value: adjusted.cells[m.key].value,
              composite: adjustedComposite,
              uncoveredShare: adjusted.uncovered[m.key],
            }
          : null,
      };
    }
    return { vendorId, composite: composite(current, terms.compositeWeights), adjustedComposite, metrics };
  });
}

const isRate = (key: MetricKey) => metricDefinition(key).kind === 'ratio' && metricDefinition(key).unit === '%';

/**
 * Wilson interval (in %) for every rate; the stored order-statistic interval (in seconds) for the medians;
 * the normal interval of a mean for the review means (quality score, calibration gap; n ≥ 2); none for volume
 * and AHT (a mean of a skewed time with no variance stored).
 */
function cellInterval(
  key: MetricKey,
  measured: { numerator: number; denominator: number },
  distribution: Distribution | null,
  parts: Parts,
): CellInterval | null {
  const definition = metricDefinition(key);
  const method = intervalMethod(key);
  if (method === MEAN_INTERVAL && definition.kind === 'mean' && definition.squares) {
    const bounds = key === 'calibration_gap' ? GAP_BOUNDS : SCORE_BOUNDS;
    const interval = meanScoreInterval(
      measured.denominator,
      measured.numerator,
      parts[definition.squares],
      Z_95,
      bounds,
    );
    return interval && { ...interval, level: CONFIDENCE_LEVEL, method: MEAN_INTERVAL };
  }
  if (method === ORDER_STATISTICS) {
    const low = distribution?.medianLow ?? null;
    const high = distribution?.medianHigh ?? null;
    return low === null || high === null ? null : { low, high, level: CONFIDENCE_LEVEL, method };
  }
  if (method !== WILSON) return null;
  const interval = wilsonInterval(measured.numerator, measured.denominator);
  return interval && { low: interval.low * 100, high: interval.high * 100, level: CONFIDENCE_LEVEL, method: WILSON };
}

/**
 * The method of a metric's 95 % interval, the same for every vendor-week (docs/metrics.md "Intervals"); null
 * for the metrics that have none. A cell may still have no interval (n = 0, too few cases for a median).
 */
export function intervalMethod(key: MetricKey): string | null {
  const definition = metricDefinition(key);
  if (definition.kind === 'mean' && definition.squares) return MEAN_INTERVAL;
  if (DISTRIBUTION_METRICS.includes(key)) return ORDER_STATISTICS;
  return isRate(key) ? WILSON : null;
}

/** The test of a metric's week-over-week change (rates only), or null for metrics whose change is not tested. */
export function changeTest(key: MetricKey): string | null {
  return isRate(key) ? TWO_PROPORTION : null;
}

const named = (result: TestResult | null, method: string): Significance | null =>
  result && { significant: result.significant, pValue: result.pValue, method };

/** Two-proportion test of a rate's week-over-week change; null for other metrics or an empty week. */
export function changeSignificance(key: MetricKey, cell: MetricCell, before: MetricCell): Significance | null {
  const method = changeTest(key);
  if (method === null) return null;
  return named(twoProportionTest(cell.numerator, cell.denominator, before.numerator, before.denominator), method);
}

/** The test of a rate against its target, or null for metrics not tested against theirs. */
export function targetTest(key: MetricKey): string | null {
  return isRate(key) ? SCORE_TEST : null;
}

function targetSignificance(key: MetricKey, cell: MetricCell): Significance | null {
  const method = targetTest(key);
  if (method === null || cell.target === null) return null;
  return named(proportionVersusTarget(cell.numerator, cell.denominator, cell.target / 100), method);
}

/**
 * The week's cells with every standardised metric replaced by its adjusted value (status re-derived from
 * the same target and sample); medians and volume keep their raw value, so the adjusted composite differs
 * from the raw one only by the case mix of the rates and AHT.
 */
function adjustedCells(current: Record<MetricKey, MetricCell>, own: Strata, reference: Strata, minSample: number) {
  const cells = { ...current };
  const uncovered = {} as Record<MetricKey, number | null>;
  for (const m of METRICS) {
    uncovered[m.key] = null;
    if (!STANDARDISED_METRICS.includes(m.key)) continue;
    const adjusted = standardise(m.key, own, reference);
    const cell = current[m.key];
    uncovered[m.key] = adjusted.uncoveredShare;
    cells[m.key] = {
      ...cell,
      value: adjusted.value,
      status: metricStatus(m.direction, adjusted.value, cell.target, cell.sample, minSample),
    };
  }
  return { cells, uncovered };
}
