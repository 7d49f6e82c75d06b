/**
 * The three read models of the metrics API: the weekly scorecard of every vendor, one vendor's trend, and one
 * vendor-week broken down by queue, channel, tier or site.
 */
import type { Db } from '@scorecard/db/database';
import {
  availableWeeks,
  computeDistributions,
  readParts,
  readStoredDistributions,
  type BreakdownBy,
} from '@scorecard/db/metrics/read';
import { loadScorecardRows, loadTargets, readCaseMix } from '@scorecard/db/metrics/scorecard';
import { termsResolver } from '@scorecard/db/terms/formulas';
import { vendorNames } from '@scorecard/db/vendors/vendors';
import { METRICS, type MetricKey } from '@scorecard/domain/metrics/catalogue';
import {
  changeSignificance,
  indexDistributions,
  indexParts,
  metricCells,
  type MetricCell,
} from '@scorecard/domain/metrics/scorecard';
import { rankByComposite } from '@scorecard/domain/metrics/targets';
import { decomposeGap, poolStrata, STANDARDISED_METRICS, standardise } from '@scorecard/domain/stats/standardise';
import { addWeeks, weekLabel, weekRange } from '@scorecard/domain/weeks';
import { responseCell } from './scorecard-response.ts';

export interface ScorecardFilter {
  queue?: string;
  channel?: string;
  rankBy?: 'raw' | 'adjusted';
}

/**
 * Every vendor's scorecard for `week`, its cells as the response states them (scorecard-response.ts). Ranks
 * are computed over all vendors; a vendor user (`scopeVendorId`) receives its own row only, with its rank, and
 * none of the other vendors' numbers.
 */
export async function buildScorecard(db: Db, scopeVendorId: number | undefined, week: string, filter: ScorecardFilter) {
  // Unscoped on purpose: the rank needs every vendor's composite; only the caller's rows leave this function.
  const rankBy = filter.rankBy ?? 'raw';
  const [rows, weeksWithData] = await Promise.all([
    loadScorecardRows(db, week, { queue: filter.queue, channel: filter.channel, caseMix: true }),
    availableWeeks(db, scopeVendorId),
  ]);
  const ranks = rankByComposite(
    rows.map((r) => ({ row: r, composite: rankBy === 'raw' ? r.composite : r.adjustedComposite })),
  );
  const rankOf = new Map([...ranks].map(([ranked, rank]) => [ranked.row, rank]));
  const visible = rows.filter((r) => scopeVendorId === undefined || r.vendorId === scopeVendorId);
  const names = await vendorNames(
    db,
    visible.map((r) => r.vendorId),
  );
  return {
    week: weekLabel(week),
    rankBy,
    weekStart: week,
    availableWeeks: weeksWithData.map(weekLabel),
    vendors: visible
      .map((r) => ({
        vendorId: r.vendorId,
        vendorName: names.get(r.vendorId) ?? '',
        rank: rankOf.get(r) ?? null,
        composite: r.composite,
        adjustedComposite: r.adjustedComposite,
        metrics: Object.fromEntries(Object.entries(r.metrics).map(([key, cell]) => [key, responseCell(cell)])),
      }))
      .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.vendorName.localeCompare(b.vendorName)),
  };
}

/**
 * One vendor's weekly series per metric, `count` weeks ending with `endWeek`; each point with its 95 %
 * interval and the significance of its change against the week before (read too, so the first point has one).
 * Each week's status follows the minimum sample of the vendor's terms in force that week.
 */
export async function buildTrends(db: Db, vendorId: number, vendorName: string, endWeek: string, count: number) {
  const [resolve, targets] = await Promise.all([termsResolver(db), loadTargets(db)]);
  const weeks = weekRange(addWeeks(endWeek, -(count - 1)), endWeek);
  const before = addWeeks(weeks[0]!, -1);
  const [partRows, distributionRows] = await Promise.all([
    readParts(db, { vendorId }, before, endWeek),
    readStoredDistributions(db, vendorId, before, endWeek),
  ]);
  const parts = indexParts(partRows);
  const distributions = indexDistributions(distributionRows);
  const context = (week: string) => ({ targets, minSample: resolve(vendorId, week).minSample });
  const series = Object.fromEntries(METRICS.map((m) => [m.key, [] as unknown[]])) as Record<MetricKey, unknown[]>;
  let previous: Record<MetricKey, MetricCell> = metricCells(
    vendorId,
    before,
    null,
    parts,
    distributions,
    context(before),
  );
  for (const week of weeks) {
    const cells = metricCells(vendorId, week, null, parts, distributions, context(week));
    for (const m of METRICS) {
      const cell = cells[m.key];
      series[m.key].push({
        week: weekLabel(week),
        weekStart: week,
        value: cell.value,
        target: cell.target,
        status: cell.status,
        sample: cell.sample,
        interval: cell.interval,
        changeSignificance: changeSignificance(m.key, cell, previous[m.key]),
      });
    }
    previous = cells;
  }
  return { vendorId, vendorName, weeks: weeks.map(weekLabel), series };
}

/**
 * One vendor-week by queue, channel, tier or site: parts per group, medians from the cases of each group. A
 * queue or channel row takes that queue's or channel's terms (minimum sample), as its targets; tier and site
 * rows the vendor-wide ones.
 */
export async function buildBreakdown(db: Db, vendorId: number, vendorName: string, week: string, by: BreakdownBy) {
  const [resolve, targets] = await Promise.all([termsResolver(db), loadTargets(db)]);
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
    rows: groups.map((group) => {
      const filter = { channel: by === 'channel' ? group : null, queue: by === 'queue' ? group : null };
      return {
        key: group,
        metrics: metricCells(vendorId, week, group, parts, distributions, {
          targets,
          minSample: resolve(vendorId, week, filter).minSample,
          ...filter,
        }),
      };
    }),
  };
}

/**
 * How much of one vendor's gap to the other vendors (pooled) in `week` comes from its case mix and how much
 * from its performance in like work, per standardised metric, with its adjusted value beside it.
 */
export async function buildMixDecomposition(db: Db, vendorId: number, vendorName: string, week: string) {
  const mix = await readCaseMix(db, week, {});
  const own = mix.byVendor.get(vendorId) ?? new Map();
  const others = poolStrata([...mix.byVendor].filter(([id]) => id !== vendorId).map(([, strata]) => strata));
  const metrics = Object.fromEntries(
    STANDARDISED_METRICS.map((key) => {
      const adjusted = standardise(key, own, mix.reference);
      return [
        key,
        { ...decomposeGap(key, own, others), adjusted: adjusted.value, uncoveredShare: adjusted.uncoveredShare },
      ];
    }),
  );
  return { vendorId, vendorName, week: weekLabel(week), metrics };
}
