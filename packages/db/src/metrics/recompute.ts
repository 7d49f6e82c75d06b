/**
 * Rebuilds weekly_parts and weekly_distributions for a scope of vendor-weeks from the view `case_facts`
 * (migrations/0002_metrics.sql), set-based: one INSERT … SELECT … GROUP BY per table. Deleting and
 * re-inserting exactly the scope makes a recompute idempotent: running it twice changes nothing. The scope's
 * weekly_quality_parts are rebuilt too (`refresh_weekly_quality_parts`, migrations/0024), so a case's changed
 * queue, channel, tier or site reaches the reviews' figures of the recomputed weeks.
 *
 * A `vendor-weeks` scope is rebuilt exactly as given. The caller names every vendor-week a change affects,
 * including the completion weeks of earlier cases whose FCR a new or changed case decides (a repeat contact:
 * same customer and queue, any vendor, within the window); the import does (packages/db/src/imports/commit.ts).
 * Widening here from every case of the week instead would pull in dozens of unrelated vendor-weeks.
 */
import { sql, type RawBuilder, type Transaction } from 'kysely';
import { mergeAdjacentRanges } from '@scorecard/domain/metrics/time-ranges';
import type { Db, DB } from '../database.ts';

export type RecomputeScope =
  | { kind: 'all' }
  | { kind: 'since'; week: string }
  | { kind: 'vendor-weeks'; vendorWeeks: readonly { vendorId: number; week: string }[] };

export interface RecomputeResult {
  partRows: number;
  distributionRows: number;
}

// Above this many ranges, the case lookup is one join instead of index range conditions per range.
const MAX_BRANCHED_RANGES = 64;

// Concurrent recomputes of overlapping scopes would both delete and then collide on insert: serialise them.
const RECOMPUTE_LOCK = sql`pg_advisory_xact_lock(hashtext('scorecard:recompute'))`;
// The lock every quality-parts rebuild takes (migrations/0024). Taken here before any write: a review's
// trigger takes it before it bumps the serving generation, so taking it later would deadlock with one.
const QUALITY_PARTS_LOCK = sql`pg_advisory_xact_lock(hashtext('scorecard:quality-parts'))`;

/** One transaction per call. */
export async function recompute(db: Db, scope: RecomputeScope): Promise<RecomputeResult> {
  return db.transaction().execute((trx) => recomputeInTransaction(trx, scope));
}

export async function recomputeInTransaction(trx: Transaction<DB>, scope: RecomputeScope): Promise<RecomputeResult> {
  await sql`SELECT ${RECOMPUTE_LOCK}, ${QUALITY_PARTS_LOCK}`.execute(trx);
  // The view's estimated cost triggers JIT, which compiled for ~0.8 s on vendor-week queries that run in tens of
  // ms. Off for every scope: the full recompute's time is per-case index probes and aggregation.
  await sql`SET LOCAL jit = off`.execute(trx);
  const filters = await scopeFilters(trx, scope);
  await sql`DELETE FROM weekly_parts p WHERE ${filters.stored('p')}`.execute(trx);
  await sql`DELETE FROM weekly_distributions p WHERE ${filters.stored('p')}`.execute(trx);

  // One statement: the scope's per-case facts are computed once (the view's per-case joins and lookups are
  // most of the work) and feed both tables. Parts: additive, per vendor × week × queue × channel × tier × site.
  // Distributions: medians and p90 from the cases (percentile_cont), FRT by arrival week, resolution time by
  // completion week. The median's 95 % interval is [x(r), x(n−r+1)] (migrations/0009): percentile_disc(f)
  // returns x(ceil(f·n)), so f = (r − ½)/n picks x(r) exactly despite rounding. f must be constant per group,
  // hence n as a window count that is also grouped by.
  const result = await sql<{ part_rows: string; distribution_rows: string }>`
    WITH facts AS MATERIALIZED (
      SELECT f.vendor_id, f.queue, f.channel, f.tier, f.site, f.arrival_week, f.completion_week, f.survey_week,
        f.volume, f.escalated, f.live_offered, f.live_answered_within, f.live_abandoned, f.async_due, f.async_met,
        f.frt_seconds, f.solved, f.handle_seconds, f.fcr_resolved, f.reopened, f.resolution_seconds,
        f.csat_responded, f.csat_satisfied
      FROM case_facts f
      WHERE ${filters.cases('f')}
    ),
    parts AS (
      INSERT INTO weekly_parts (vendor_id, week, queue, channel, tier, site, volume, escalated, live_offered,
        live_answered_within, live_abandoned, async_due, async_met, frt_count, frt_seconds_sum, solved, handle_count,
        handle_seconds_sum, fcr_resolved, reopened, resolution_count, resolution_seconds_sum, csat_responses, csat_satisfied)
      SELECT f.vendor_id, a.week, f.queue, f.channel, f.tier, f.site,
        sum(a.volume), sum(a.escalated), sum(a.live_offered), sum(a.live_answered_within), sum(a.live_abandoned),
        sum(a.async_due), sum(a.async_met), sum(a.frt_count), sum(a.frt_seconds_sum), sum(a.solved),
        sum(a.handle_count), sum(a.handle_seconds_sum), sum(a.fcr_resolved), sum(a.reopened),
        sum(a.resolution_count), sum(a.resolution_seconds_sum), sum(a.csat_responses), sum(a.csat_satisfied)
      FROM facts f
      CROSS JOIN LATERAL (VALUES
        (f.arrival_week, f.volume, f.escalated, f.live_offered, f.live_answered_within, f.live_abandoned,
         f.async_due, f.async_met, (f.frt_seconds IS NOT NULL)::int, coalesce(f.frt_seconds, 0),
         0, 0, 0::bigint, 0, 0, 0, 0::double precision, 0, 0),
        (f.completion_week, 0, 0, 0, 0, 0, 0, 0, 0, 0::double precision,
         f.solved, (f.handle_seconds IS NOT NULL)::int, coalesce(f.handle_seconds, 0)::bigint, f.fcr_resolved,
         f.reopened, f.solved, coalesce(f.resolution_seconds, 0), 0, 0),
        (f.survey_week, 0, 0, 0, 0, 0, 0, 0, 0, 0::double precision,
         0, 0, 0::bigint, 0, 0, 0, 0::double precision, f.csat_responded, f.csat_satisfied)
      ) a(week, volume, escalated, live_offered, live_answered_within, live_abandoned, async_due, async_met,
          frt_count, frt_seconds_sum, solved, handle_count, handle_seconds_sum, fcr_resolved, reopened,
          resolution_count, resolution_seconds_sum, csat_responses, csat_satisfied)
      WHERE a.week IS NOT NULL
      GROUP BY f.vendor_id, a.week, f.queue, f.channel, f.tier, f.site
      HAVING ${filters.groups('f.vendor_id', 'a.week')}
      RETURNING 1
    ),
    distributions AS (
      INSERT INTO weekly_distributions (vendor_id, week, metric, n, median_seconds, p90_seconds, mean_seconds,
        median_low_seconds, median_high_seconds)
      SELECT s.vendor_id, s.week, s.metric, s.n,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY s.seconds),
        percentile_cont(0.9) WITHIN GROUP (ORDER BY s.seconds),
        avg(s.seconds),
        percentile_disc((median_ci_rank(s.n) - 0.5) / s.n) WITHIN GROUP (ORDER BY s.seconds),
        percentile_disc((s.n - median_ci_rank(s.n) + 0.5) / s.n) WITHIN GROUP (ORDER BY s.seconds)
      FROM (
        SELECT f.vendor_id, d.week, d.metric, d.seconds,
          count(*) OVER (PARTITION BY f.vendor_id, d.week, d.metric) AS n
        FROM facts f
        CROSS JOIN LATERAL (VALUES
          (f.arrival_week, 'frt', f.frt_seconds),
          (f.completion_week, 'resolution_time', f.resolution_seconds)
        ) d(week, metric, seconds)
        WHERE d.seconds IS NOT NULL AND d.week IS NOT NULL
      ) s
      GROUP BY s.vendor_id, s.week, s.metric, s.n
      HAVING ${filters.groups('s.vendor_id', 's.week')}
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM parts) AS part_rows, (SELECT count(*) FROM distributions) AS distribution_rows
  `.execute(trx);
  await refreshQualityParts(trx, scope);
  const counts = result.rows[0];
  return { partRows: Number(counts?.part_rows ?? 0), distributionRows: Number(counts?.distribution_rows ?? 0) };
}

/**
 * The scope's quality parts: every vendor-week with a review, an escalation review or stored quality parts
 * (those left by reviews since removed) in `all` / `since`; exactly the given vendor-weeks otherwise.
 */
async function refreshQualityParts(trx: Transaction<DB>, scope: RecomputeScope): Promise<void> {
  if (scope.kind === 'vendor-weeks') {
    await sql`SELECT refresh_weekly_quality_parts(${scope.vendorWeeks.map((v) => v.vendorId)}::bigint[],
      ${scope.vendorWeeks.map((v) => v.week)}::date[])`.execute(trx);
    return;
  }
  const since = scope.kind === 'since' ? sql`WHERE week >= ${scope.week}::date` : sql``;
  await sql`
    SELECT refresh_weekly_quality_parts(array_agg(vendor_id), array_agg(week))
    FROM (SELECT vendor_id, week FROM quality_reviews UNION SELECT vendor_id, week FROM quality_escalation_reviews
          UNION SELECT vendor_id, week FROM weekly_quality_parts) s ${since}
    HAVING count(*) > 0`.execute(trx);
}

interface ScopeFilters {
  /** Rows of weekly_parts / weekly_distributions (alias) inside the scope. */
  stored(alias: string): RawBuilder<unknown>;
  /** case_facts rows (alias) that may contribute to a vendor-week of the scope: a cheap, index-backed superset. */
  cases(alias: string): RawBuilder<unknown>;
  /**
   * (vendor, attribution week) groups inside the scope. Tested on the groups (HAVING), once per vendor-week,
   * not on every case row: per row it was a join rescanned for each case (half of a vendor-week's recompute).
   * Groups are keyed by vendor and week, so filtering them is the same as filtering their rows.
   */
  groups(vendorColumn: string, weekColumn: string): RawBuilder<unknown>;
}

async function scopeFilters(trx: Transaction<DB>, scope: RecomputeScope): Promise<ScopeFilters> {
  if (scope.kind === 'all') {
    return { stored: () => sql`true`, cases: () => sql`true`, groups: () => sql`true` };
  }
  if (scope.kind === 'since') {
    const since = sql`(${scope.week}::date::timestamp AT TIME ZONE (SELECT reporting_time_zone FROM organisation_settings))`;
    return {
      stored: (alias) => sql`${sql.ref(`${alias}.week`)} >= ${scope.week}::date`,
      cases: (alias) => {
        const column = (name: string) => sql.ref(`${alias}.${name}`);
        return sql`(${column('created_at')} >= ${since} OR ${column('solved_at')} >= ${since} OR ${column('csat_at')} >= ${since})`;
      },
      groups: (_vendor, week) => sql`${sql.ref(week)} >= ${scope.week}::date`,
    };
  }
  const bounded = await withBounds(trx, scope.vendorWeeks);
  const pairs = sql`unnest(${bounded.map((v) => v.vendorId)}::bigint[], ${bounded.map((v) => v.week)}::date[])`;
  // Cases that can fall in one of the vendor-weeks: created, solved or surveyed between its bounds, with the
  // consecutive weeks of a vendor merged into one range (an import touches runs of weeks: the same cases, far
  // fewer conditions). For a few ranges, conditions on the view's own case columns with the bounds as plain
  // parameters: PostgreSQL pushes them into the scan of `cases` (a BitmapOr over the vendor/time indexes) before
  // any per-case work. For many, one join against the list (a scan of the table is then the cheaper plan anyway).
  const ranges = mergeAdjacentRanges(bounded.map((v) => ({ key: v.vendorId, from: v.fromTs, to: v.toTs })));
  const caseFilter = (alias: string) => {
    const column = (name: string) => sql.ref(`${alias}.${name}`);
    if (ranges.length <= MAX_BRANCHED_RANGES) {
      return sql`(${sql.join(
        ranges.flatMap((r) =>
          ['created_at', 'solved_at', 'csat_at'].map(
            (name) =>
              sql`(${column('vendor_id')} = ${r.key} AND ${column(name)} >= ${r.from} AND ${column(name)} < ${r.to})`,
          ),
        ),
        sql` OR `,
      )})`;
    }
    return sql`${column('case_id')} IN (${sql.join(
      ['created_at', 'solved_at', 'csat_at'].map(
        (name) => sql`SELECT c.id FROM unnest(${ranges.map((r) => r.key)}::bigint[],
          ${ranges.map((r) => r.from)}::timestamptz[], ${ranges.map((r) => r.to)}::timestamptz[]) AS s(vendor_id, from_ts, to_ts)
          JOIN cases c ON c.vendor_id = s.vendor_id AND ${sql.ref(`c.${name}`)} >= s.from_ts AND ${sql.ref(`c.${name}`)} < s.to_ts`,
      ),
      sql` UNION ALL `,
    )})`;
  };
  return {
    stored: (alias) => sql`(${sql.ref(`${alias}.vendor_id`)}, ${sql.ref(`${alias}.week`)}) IN (SELECT * FROM ${pairs})`,
    cases: caseFilter,
    groups: (vendor, week) => sql`(${sql.ref(vendor)}, ${sql.ref(week)}) IN (SELECT * FROM ${pairs})`,
  };
}

/** The distinct vendor-weeks with the instants they start and end at in the reporting time zone. */
async function withBounds(
  trx: Transaction<DB>,
  vendorWeeks: readonly { vendorId: number; week: string }[],
): Promise<{ vendorId: number; week: string; fromTs: Date; toTs: Date }[]> {
  const result = await sql<{ vendor_id: number; week: string; from_ts: Date; to_ts: Date }>`
    SELECT DISTINCT u.vendor_id, u.week, (u.week::timestamp AT TIME ZONE o.reporting_time_zone) AS from_ts,
      ((u.week + 7)::timestamp AT TIME ZONE o.reporting_time_zone) AS to_ts
    FROM unnest(${vendorWeeks.map((v) => v.vendorId)}::bigint[], ${vendorWeeks.map((v) => v.week)}::date[]) AS u(vendor_id, week)
    CROSS JOIN organisation_settings o`.execute(trx);
  return result.rows.map((r) => ({ vendorId: Number(r.vendor_id), week: r.week, fromTs: r.from_ts, toTs: r.to_ts }));
}
