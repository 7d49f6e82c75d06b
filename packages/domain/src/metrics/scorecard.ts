/**
 * Scorecard assembly, pure: from summed parts and medians to metric cells (value, target, status, detail),
 * and per vendor the week's cells with week-over-week change, 4-week trend and composite. The API's
 * scorecards and the weekly report email both use it (data access: packages/db/src/metrics/scorecard.ts),
 * so the dashboard and the email cannot disagree.
 */
import { METRICS, metricValue, type Distribution, type MetricKey } from './catalogue.ts';
import { emptyParts, type Parts } from './parts.ts';
import { compositeScore, metricStatus, selectTarget, weekOverWeekChange, type Status, type Target } from './targets.ts';

/** Weeks in a scorecard's trend, the scorecard's own week last. */
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
}

export interface ScorecardCell extends MetricCell {
  previous: number | null;
  change: number | null;
  trend: (number | null)[];
}

export interface ScorecardRow {
  vendorId: number;
  composite: number | null;
  metrics: Record<MetricKey, ScorecardCell>;
}

export interface CellContext {
  targets: readonly Target[];
  minSample: number;
  channel?: string | null;
  queue?: string | null;
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
        : selectTarget(context.targets, { metric: definition.key, vendorId, week, channel: context.channel, queue: context.queue });
    cells[definition.key] = {
      ...measured,
      target: target?.value ?? null,
      status: metricStatus(definition.direction, measured.value, target?.value ?? null, measured.sample, context.minSample),
      detail: detailOf(definition.key, weekParts, distribution),
    };
  }
  return cells;
}

function detailOf(key: MetricKey, parts: Parts, distribution: Distribution | null): Record<string, number | null> {
  if (key === 'csat') {
    return { responses: parts.csatResponses, responseRate: parts.solved === 0 ? null : parts.csatResponses / parts.solved };
  }
  if (key === 'frt' || key === 'resolution_time') {
    return { n: distribution?.n ?? 0, mean: distribution?.mean ?? null, p90: distribution?.p90 ?? null };
  }
  if (key === 'service_level') {
    return { liveOffered: parts.liveOffered, liveAnsweredWithin: parts.liveAnsweredWithin, asyncDue: parts.asyncDue, asyncMet: parts.asyncMet };
  }
  return {};
}

export function composite(cells: Record<MetricKey, MetricCell>, weights: Partial<Record<MetricKey, number>>): number | null {
  return compositeScore(
    METRICS.map((m) => ({ metric: m.key, value: cells[m.key].value, target: cells[m.key].target, status: cells[m.key].status })),
    weights,
  );
}

/**
 * One scorecard row per vendor for the last of `weeks` (oldest first): the week's cells, the change against
 * the week before, the trend over all `weeks`, and the composite.
 */
export function scorecardRows(
  vendorIds: readonly number[],
  weeks: readonly string[],
  parts: Map<string, Parts>,
  distributions: Map<string, Distribution>,
  context: CellContext,
  weights: Partial<Record<MetricKey, number>>,
): ScorecardRow[] {
  return vendorIds.map((vendorId) => {
    const byWeek = weeks.map((w) => metricCells(vendorId, w, null, parts, distributions, context));
    const current = byWeek[byWeek.length - 1]!;
    const previous = byWeek[byWeek.length - 2];
    const metrics = {} as Record<MetricKey, ScorecardCell>;
    for (const m of METRICS) {
      const before = previous?.[m.key].value ?? null;
      metrics[m.key] = {
        ...current[m.key],
        previous: before,
        change: weekOverWeekChange(current[m.key].value, before),
        trend: byWeek.map((cells) => cells[m.key].value),
      };
    }
    return { vendorId, composite: composite(current, weights), metrics };
  });
}
