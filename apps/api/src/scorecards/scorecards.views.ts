/**
 * The three read models of the metrics API: the weekly scorecard of every vendor, one vendor's trend, and one
 * vendor-week broken down by queue, channel, tier or site.
 */
import type { Db } from '@scorecard/db/database';
import { computeDistributions, readParts, readStoredDistributions, type BreakdownBy } from '@scorecard/db/metrics/read';
import { readMetricSettings } from '@scorecard/db/metrics/settings';
import { METRICS, type MetricKey } from '@scorecard/domain/metrics/catalogue';
import { rankByComposite, weekOverWeekChange } from '@scorecard/domain/metrics/targets';
import { addWeeks, weekLabel, weekRange } from '@scorecard/domain/weeks';
import { availableWeeks } from '@scorecard/db/metrics/read';
import {
  composite,
  indexDistributions,
  indexParts,
  loadTargets,
  metricCells,
  vendorNames,
  type MetricCell,
} from './scorecards.service.ts';

const TREND_WEEKS = 4;

export interface ScorecardFilter {
  queue?: string;
  channel?: string;
}

/**
 * Every vendor's scorecard for `week`. Ranks are computed over all vendors; a vendor user (`scopeVendorId`)
 * receives its own row only, with its rank, and none of the other vendors' numbers.
 */
export async function buildScorecard(db: Db, scopeVendorId: number | undefined, week: string, filter: ScorecardFilter) {
  const [settings, targets] = await Promise.all([readMetricSettings(db), loadTargets(db)]);
  const weeks = weekRange(addWeeks(week, -(TREND_WEEKS - 1)), week);
  const from = weeks[0]!;
  const filtered = filter.queue !== undefined || filter.channel !== undefined;
  // Unscoped on purpose: the rank needs every vendor's composite; only the caller's rows leave this function.
  const [partRows, distributionRows, weeksWithData] = await Promise.all([
    readParts(db, filter, from, week),
    filtered ? computeDistributions(db, filter, from, week) : readStoredDistributions(db, undefined, from, week),
    availableWeeks(db, scopeVendorId),
  ]);
  const parts = indexParts(partRows);
  const distributions = indexDistributions(distributionRows);
  const context = { targets, minSample: settings.minSample, channel: filter.channel ?? null, queue: filter.queue ?? null };
  const vendorIds = [...new Set(partRows.map((r) => r.vendorId))];

  const rows = vendorIds.map((vendorId) => {
    const byWeek = weeks.map((w) => metricCells(vendorId, w, null, parts, distributions, context));
    const current = byWeek[byWeek.length - 1]!;
    const previous = byWeek[byWeek.length - 2]!;
    const metrics = {} as Record<MetricKey, MetricCell & { previous: number | null; change: number | null; trend: (number | null)[] }>;
    for (const m of METRICS) {
      metrics[m.key] = {
        ...current[m.key],
        previous: previous[m.key].value,
        change: weekOverWeekChange(current[m.key].value, previous[m.key].value),
        trend: byWeek.map((cells) => cells[m.key].value),
      };
    }
    return { vendorId, composite: composite(current, settings.compositeWeights), metrics };
  });
  const ranks = rankByComposite(rows);
  const visible = rows.filter((r) => scopeVendorId === undefined || r.vendorId === scopeVendorId);
  const names = await vendorNames(db, visible.map((r) => r.vendorId));
  return {
    week: weekLabel(week),
    weekStart: week,
    availableWeeks: weeksWithData.map(weekLabel),
    metrics: METRICS.map(({ key, label, unit, direction }) => ({ key, label, unit, direction })),
    vendors: visible
      .map((r) => ({ vendorId: r.vendorId, vendorName: names.get(r.vendorId) ?? '', rank: ranks.get(r) ?? null, composite: r.composite, metrics: r.metrics }))
      .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.vendorName.localeCompare(b.vendorName)),
  };
}

/** One vendor's weekly series per metric, `count` weeks ending with `endWeek`. */
export async function buildTrends(db: Db, vendorId: number, vendorName: string, endWeek: string, count: number) {
  const [settings, targets] = await Promise.all([readMetricSettings(db), loadTargets(db)]);
  const weeks = weekRange(addWeeks(endWeek, -(count - 1)), endWeek);
  const [partRows, distributionRows] = await Promise.all([
    readParts(db, { vendorId }, weeks[0]!, endWeek),
    readStoredDistributions(db, vendorId, weeks[0]!, endWeek),
  ]);
  const parts = indexParts(partRows);
  const distributions = indexDistributions(distributionRows);
  const context = { targets, minSample: settings.minSample };
  const series = Object.fromEntries(METRICS.map((m) => [m.key, [] as unknown[]])) as Record<MetricKey, unknown[]>;
  for (const week of weeks) {
    const cells = metricCells(vendorId, week, null, parts, distributions, context);
    for (const m of METRICS) {
      const cell = cells[m.key];
      series[m.key].push({ week: weekLabel(week), weekStart: week, value: cell.value, target: cell.target, status: cell.status, sample: cell.sample });
    }
  }
  return { vendorId, vendorName, weeks: weeks.map(weekLabel), series };
}

/** One vendor-week by queue, channel, tier or site: parts per group, medians from the cases of each group. */
export async function buildBreakdown(db: Db, vendorId: number, vendorName: string, week: string, by: BreakdownBy) {
  const [settings, targets] = await Promise.all([readMetricSettings(db), loadTargets(db)]);
  const [partRows, distributionRows] = await Promise.all([
    readParts(db, { vendorId }, week, week, by),
    computeDistributions(db, { vendorId }, week, week, by),
  ]);
  const parts = indexParts(partRows);
  const distributions = indexDistributions(distributionRows);
  const groups = [...new Set(partRows.map((r) => r.group))].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  return {
    vendorId,
    vendorName,
    week: weekLabel(week),
    by,
    rows: groups.map((group) => ({
      key: group,
      metrics: metricCells(vendorId, week, group, parts, distributions, {
        targets,
        minSample: settings.minSample,
        channel: by === 'channel' ? group : null,
        queue: by === 'queue' ? group : null,
      }),
    })),
  };
}
