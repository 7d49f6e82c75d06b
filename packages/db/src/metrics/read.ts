/**
 * Reads for scorecards, trends and breakdowns: parts summed from weekly_parts and weekly_quality_parts (never
 * averaged), medians from weekly_distributions, or, for a filtered view, computed from the cases with
 * percentile_cont.
 * `vendorId` restricts every read to one vendor (a vendor user's scope); undefined reads every vendor.
 */
import { emptyParts, PART_KEYS, partColumn, QUALITY_PART_KEYS, type Parts } from '@scorecard/domain/metrics/parts';
import type { Distribution } from '@scorecard/domain/metrics/catalogue';
import { sql, type RawBuilder } from 'kysely';
import { defaultWeek, lastCompleteWeek, type WeekStart } from '@scorecard/domain/weeks';
import type { Db } from '../database.ts';
import { readOrganisationSettings } from './settings.ts';

export interface PartsFilter {
  vendorId?: number;
  queue?: string;
  channel?: string;
}
export type BreakdownBy = 'queue' | 'channel' | 'tier' | 'site';

export interface GroupParts {
  vendorId: number;
  week: string;
  group: string | null;
  parts: Parts;
}
export interface GroupDistribution {
  vendorId: number;
  week: string;
  group: string | null;
  metric: 'frt' | 'resolution_time';
  distribution: Distribution;
}

const sumsOf = (keys: readonly (keyof Parts)[]) =>
  sql.join(keys.map((key) => sql`sum(${sql.ref(partColumn(key))})::double precision AS ${sql.ref(key)}`));
const sums = sumsOf(PART_KEYS);
const qualitySums = sumsOf(QUALITY_PART_KEYS);

function partsWhere(filter: PartsFilter, from: string, to: string): RawBuilder<unknown> {
  const conditions = [sql`week BETWEEN ${from}::date AND ${to}::date`];
  if (filter.vendorId !== undefined) conditions.push(sql`vendor_id = ${filter.vendorId}`);
  if (filter.queue !== undefined) conditions.push(sql`queue = ${filter.queue}`);
  if (filter.channel !== undefined) conditions.push(sql`channel = ${filter.channel}`);
  return sql.join(conditions, sql` AND `);
}

/**
 * Parts per vendor × week (× group when `by` is given) for weeks from..to (Mondays, inclusive): the cases'
 * parts and the quality reviews' parts of the same vendor, week and group, side by side in one `Parts`.
 */
export async function readParts(
  db: Db,
  filter: PartsFilter,
  from: string,
  to: string,
  by?: BreakdownBy,
): Promise<GroupParts[]> {
  const group = by ? sql.ref(by) : sql`NULL`;
  const [caseRows, qualityRows] = await Promise.all([
    sql<Record<string, unknown>>`
      SELECT vendor_id, week, ${group}::text AS "group", ${sums}
      FROM weekly_parts WHERE ${partsWhere(filter, from, to)}
      GROUP BY vendor_id, week, 3`.execute(db),
    sql<Record<string, unknown>>`
      SELECT vendor_id, week, ${group}::text AS "group", ${qualitySums}
      FROM weekly_quality_parts WHERE ${partsWhere(filter, from, to)}
      GROUP BY vendor_id, week, 3`.execute(db),
  ]);
  const byKey = new Map<string, GroupParts>();
  const add = (rows: Record<string, unknown>[], keys: readonly (keyof Parts)[]) => {
    for (const row of rows) {
      const key = `${String(row.vendor_id)}|${String(row.week)}|${String(row.group)}`;
      let entry = byKey.get(key);
      if (!entry) {
        const parts = emptyParts();
        entry = { vendorId: Number(row.vendor_id), week: String(row.week), group: row.group as string | null, parts };
        byKey.set(key, entry);
      }
      for (const part of keys) entry.parts[part] = Number(row[part]);
    }
  };
  add(caseRows.rows, PART_KEYS);
  add(qualityRows.rows, QUALITY_PART_KEYS);
  return [...byKey.values()].sort(
    (a, b) => a.vendorId - b.vendorId || a.week.localeCompare(b.week) || (a.group ?? '').localeCompare(b.group ?? ''),
  );
}

/** Stored medians per vendor-week (unfiltered views). */
export async function readStoredDistributions(
  db: Db,
  vendorId: number | undefined,
  from: string,
  to: string,
): Promise<GroupDistribution[]> {
  let query = db
    .selectFrom('weekly_distributions')
    .select([
      'vendor_id',
      'week',
      'metric',
      'n',
      'median_seconds',
      'p90_seconds',
      'mean_seconds',
      'median_low_seconds',
      'median_high_seconds',
    ])
    .where('week', '>=', from)
    .where('week', '<=', to);
  if (vendorId !== undefined) query = query.where('vendor_id', '=', vendorId);
  const rows = await query.execute();
  return rows.map((r) => ({
    vendorId: r.vendor_id,
    week: r.week,
    group: null,
    metric: r.metric as GroupDistribution['metric'],
    distribution: {
      n: r.n,
      median: r.median_seconds,
      p90: r.p90_seconds,
      mean: r.mean_seconds,
      medianLow: r.median_low_seconds,
      medianHigh: r.median_high_seconds,
    },
  }));
}

/**
 * Medians of a filtered or broken-down view, from the cases (percentile_cont over the cases of each group):
 * FRT by arrival week, resolution time by completion week.
 */
export async function computeDistributions(
  db: Db,
  filter: PartsFilter,
  from: string,
  to: string,
  by?: BreakdownBy,
): Promise<GroupDistribution[]> {
  const conditions = [sql`d.seconds IS NOT NULL`, sql`d.week BETWEEN ${from}::date AND ${to}::date`];
  if (filter.vendorId !== undefined) conditions.push(sql`f.vendor_id = ${filter.vendorId}`);
  if (filter.queue !== undefined) conditions.push(sql`f.queue = ${filter.queue}`);
  if (filter.channel !== undefined) conditions.push(sql`f.channel = ${filter.channel}`);
  const group = by ? sql.ref(`f.${by}`) : sql`NULL`;
  // Index-backed time window: a case attributed to from..to was created or solved between the bounds. The
  // median interval as in the recompute (packages/db/src/metrics/recompute.ts): n per group as a window count.
  const result = await sql<Record<string, unknown>>`
    WITH bounds AS (
      SELECT (${from}::date::timestamp AT TIME ZONE reporting_time_zone) AS from_ts,
             ((${to}::date + 7)::timestamp AT TIME ZONE reporting_time_zone) AS to_ts
      FROM organisation_settings
    ), facts AS (
      SELECT f.vendor_id, d.week, ${group}::text AS "group", d.metric, d.seconds,
        count(*) OVER (PARTITION BY f.vendor_id, d.week, ${group}::text, d.metric) AS n
      FROM bounds b
      JOIN case_facts f ON (f.created_at >= b.from_ts AND f.created_at < b.to_ts)
                        OR (f.solved_at >= b.from_ts AND f.solved_at < b.to_ts)
      CROSS JOIN LATERAL (VALUES (f.arrival_week, 'frt', f.frt_seconds),
                                 (f.completion_week, 'resolution_time', f.resolution_seconds)) d(week, metric, seconds)
      WHERE ${sql.join(conditions, sql` AND `)}
    )
    SELECT vendor_id, week, "group", metric, n,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90,
      avg(seconds) AS mean,
      percentile_disc((median_ci_rank(n) - 0.5) / n) WITHIN GROUP (ORDER BY seconds) AS median_low,
      percentile_disc((n - median_ci_rank(n) + 0.5) / n) WITHIN GROUP (ORDER BY seconds) AS median_high
    FROM facts
    GROUP BY vendor_id, week, "group", metric, n`.execute(db);
  return result.rows.map((row) => ({
    vendorId: Number(row.vendor_id),
    week: String(row.week),
    group: row.group as string | null,
    metric: row.metric as GroupDistribution['metric'],
    distribution: {
      n: Number(row.n),
      median: row.median as number | null,
      p90: row.p90 as number | null,
      mean: row.mean as number | null,
      medianLow: row.median_low as number | null,
      medianHigh: row.median_high as number | null,
    },
  }));
}

/**
 * Weeks that have data (newest first), within the vendor scope. One index probe per week (a loose index scan:
 * each step the next older week), not a DISTINCT over every row of weekly_parts, whose rows are a vendor ×
 * week × queue × channel × tier × site each: the first scorecard of a week must not read all the history's.
 */
export async function availableWeeks(db: Db, vendorId?: number): Promise<string[]> {
  const scope = vendorId === undefined ? sql`true` : sql`p.vendor_id = ${vendorId}`;
  const result = await sql<{ week: string }>`
    WITH RECURSIVE weeks AS (
      (SELECT p.week FROM weekly_parts p WHERE ${scope} ORDER BY p.week DESC LIMIT 1)
      UNION ALL
      SELECT (SELECT p.week FROM weekly_parts p WHERE ${scope} AND p.week < w.week ORDER BY p.week DESC LIMIT 1)
      FROM weeks w WHERE w.week IS NOT NULL
    )
    SELECT week FROM weeks WHERE week IS NOT NULL`.execute(db);
  return result.rows.map((r) => r.week);
}

/**
 * The week a read shows: the requested one; else the newest complete week with data (the vendor's, when given);
 * else the last complete week in the reporting zone (domain defaultWeek), never the partial current week.
 * `weeksOf` and `reportingTimeZone` let a caller pass cached reads.
 */
export async function requestedOrDefaultWeek(
  db: Db,
  week: WeekStart | undefined,
  vendorId?: number,
  weeksOf: (vendorId: number | undefined) => Promise<string[]> = (id) => availableWeeks(db, id),
  reportingTimeZone: () => Promise<string> = async () => (await readOrganisationSettings(db)).reportingTimeZone,
): Promise<WeekStart> {
  if (week !== undefined) return week;
  const [withData, zone] = await Promise.all([weeksOf(vendorId), reportingTimeZone()]);
  return defaultWeek(withData, lastCompleteWeek(new Date(), zone));
}
