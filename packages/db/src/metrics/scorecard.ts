/**
 * Data access of the scorecard assembly (packages/domain/src/metrics/scorecard.ts): reads the parts, medians,
 * targets and contract terms of a week and its trend weeks, and returns one row per vendor. Shared by the API's
 * GET /api/scorecards and the weekly report email.
 */
import type { MetricKey } from '@scorecard/domain/metrics/catalogue';
import {
  indexDistributions,
  indexParts,
  scorecardRows,
  TREND_WEEKS,
  type CaseMix,
  type ScorecardRow,
} from '@scorecard/domain/metrics/scorecard';
import { emptyParts, PART_KEYS, partColumn, type Parts } from '@scorecard/domain/metrics/parts';
import { poolStrata } from '@scorecard/domain/stats/standardise';
import { sql } from 'kysely';
import type { Target } from '@scorecard/domain/metrics/targets';
import { addWeeks, weekRange, type WeekStart } from '@scorecard/domain/weeks';
import type { Db } from '../database.ts';
import { computeDistributions, readParts, readStoredDistributions } from './read.ts';
import { termsResolver } from '../terms/formulas.ts';
import { listedVendorsOf } from '../vendors/archive.ts';

export interface ScorecardOptions {
  queue?: string;
  channel?: string;
  /** Read this vendor's data (and global targets plus its own) only; undefined reads every vendor. */
  vendorId?: number;
  /** Also read every vendor's queue × channel × tier mix of the week and compute the adjusted figures. */
  caseMix?: boolean;
}

/** Targets in force for every vendor, or (with `vendorId`) the global ones and that vendor's own only. */
export async function loadTargets(db: Db, vendorId?: number): Promise<Target[]> {
  let query = db
    .selectFrom('targets')
    .select(['id', 'metric', 'value', 'vendor_id', 'channel', 'queue', 'effective_from']);
  if (vendorId !== undefined)
    query = query.where((eb) => eb.or([eb('vendor_id', 'is', null), eb('vendor_id', '=', vendorId)]));
  const rows = await query.orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    metric: r.metric as MetricKey,
    value: r.value,
    vendorId: r.vendor_id,
    channel: r.channel,
    queue: r.queue,
    effectiveFrom: r.effective_from,
  }));
}

/**
 * One row per vendor listed in `week` with data in the trend weeks ending with it (unranked, in vendor id
 * order); with `options.vendorId`, exactly that vendor's row, empty cells included, archived or not. A vendor
 * archived before or in `week` is not listed (packages/domain/src/vendors/archive.ts): neither its row nor its
 * case mix takes part, so the other vendors' ranks and adjusted figures are those of the vendors listed.
 */
export async function loadScorecardRows(
  db: Db,
  week: WeekStart,
  options: ScorecardOptions = {},
): Promise<ScorecardRow[]> {
  const weeks = weekRange(addWeeks(week, -(TREND_WEEKS - 1)), week);
  const from = weeks[0]!;
  const filter = { vendorId: options.vendorId, queue: options.queue, channel: options.channel };
  const filtered = options.queue !== undefined || options.channel !== undefined;
  const [resolve, targets, partRows, distributionRows, allMix, listed] = await Promise.all([
    termsResolver(db),
    loadTargets(db, options.vendorId),
    readParts(db, filter, from, week),
    filtered ? computeDistributions(db, filter, from, week) : readStoredDistributions(db, options.vendorId, from, week),
    options.caseMix ? readCaseMix(db, week, filter) : undefined,
    options.vendorId === undefined ? listedVendorsOf(db, week) : () => true,
  ]);
  const mix = allMix && listedOnly(allMix, listed);
  const context = { targets, channel: options.channel ?? null, queue: options.queue ?? null };
  const vendorIds =
    options.vendorId !== undefined ? [options.vendorId] : [...new Set(partRows.map((r) => r.vendorId))].filter(listed);
  // Minimum sample and weights per vendor-week: the filter's queue/channel terms, as termsForVendors states them.
  const termsOf = (vendorId: number, w: string) =>
    resolve(vendorId, w, { queue: options.queue, channel: options.channel });
  return scorecardRows(
    vendorIds,
    weeks,
    indexParts(partRows),
    indexDistributions(distributionRows),
    context,
    termsOf,
    mix,
  );
}

function listedOnly(mix: CaseMix, listed: (vendorId: number) => boolean): CaseMix {
  const byVendor = new Map([...mix.byVendor].filter(([vendorId]) => listed(vendorId)));
  return byVendor.size === mix.byVendor.size ? mix : { byVendor, reference: poolStrata([...byVendor.values()]) };
}

const sums = sql.join(
  PART_KEYS.map((key) => sql`sum(${sql.ref(partColumn(key))})::double precision AS ${sql.ref(key)}`),
);

/** Parts per vendor × queue × channel × tier of one week (sites summed), within the view's filter. */
export async function readCaseMix(
  db: Db,
  week: WeekStart,
  filter: { vendorId?: number; queue?: string; channel?: string },
): Promise<CaseMix> {
  const conditions = [sql`week = ${week}::date`];
  if (filter.vendorId !== undefined) conditions.push(sql`vendor_id = ${filter.vendorId}`);
  if (filter.queue !== undefined) conditions.push(sql`queue = ${filter.queue}`);
  if (filter.channel !== undefined) conditions.push(sql`channel = ${filter.channel}`);
  const result = await sql<Record<string, unknown>>`
    SELECT vendor_id, concat_ws('|', coalesce(queue, '-'), coalesce(channel, '-'), coalesce(tier::text, '-')) AS stratum, ${sums}
    FROM weekly_parts WHERE ${sql.join(conditions, sql` AND `)}
    GROUP BY vendor_id, queue, channel, tier`.execute(db);
  const byVendor = new Map<number, Map<string, Parts>>();
  for (const row of result.rows) {
    const parts = emptyParts();
    for (const key of PART_KEYS) parts[key] = Number(row[key]);
    const vendorId = Number(row.vendor_id);
    const strata = byVendor.get(vendorId) ?? new Map<string, Parts>();
    byVendor.set(vendorId, strata.set(String(row.stratum), parts));
  }
  return { byVendor, reference: poolStrata([...byVendor.values()]) };
}
