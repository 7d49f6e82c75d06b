/**
 * Metrics recompute. Generates cases with INSERT … SELECT generate_series (20 vendors, 52 weeks) into
 * a fresh database and prints: the full recompute (parts + medians, through the view `case_facts`), one
 * hand-written GROUP BY computing the same additive parts inline over the same table (the baseline, no view,
 * no medians), their ratio (goal ≤ 1.2, issue 25), and the recompute of one vendor-week after a 1,000-case insert
 * (goal ≤ 100 ms; median of five runs, each printed). Flags: --rows (default 5,000,000; smoke 10,000),
 * --runs (best of, default 2; smoke 1), --scale (instead: the full recompute at 100 k / 1 M / 5 M).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { createDb, type Db } from '../packages/db/src/database.ts';
import { migrateToLatest } from '../packages/db/src/migrate.ts';
import { recompute } from '../packages/db/src/metrics/recompute.ts';
import { median } from './lib/median.ts';
import { numberArg } from './lib/flags.ts';
import type { Bench, BenchRow } from './lib/types.ts';

export const VENDORS = 20;
const FIRST_WEEK = '2025-11-24';
export const INCREMENT_CASES = 1_000;
const INSERT_CHUNK = 500_000;
const RATIO_GOAL = 1.2;
export const VENDOR_WEEK_GOAL_MS = 100;
export const VENDOR_WEEK_RUNS = 5;

/** Cases numbered from..to (exclusive), deterministic per number: the shapes every rule needs to evaluate. */
interface Shape {
  week?: string;
  days?: number;
  vendorId?: number;
}

export async function generateCases(db: Db, from: number, to: number, shape: Shape = {}) {
  const { week = FIRST_WEEK, days = 364, vendorId } = shape;
  for (let start = from; start < to; start += INSERT_CHUNK) {
    const end = Math.min(to, start + INSERT_CHUNK);
    await sql`
      INSERT INTO cases (source, external_id, vendor_id, site, queue, channel, tier, customer_id, created_at,
        first_response_at, solved_at, reopen_count, handle_seconds, wait_seconds, answered, abandoned, csat_score,
        csat_scale, csat_at, escalated, first_contact_resolved)
      SELECT 'generic', 'b' || g.i, coalesce(${vendorId ?? null}::bigint, 1 + g.i % ${VENDORS}),
        (ARRAY['Manila', 'Cebu', 'Bogota'])[1 + g.i % 3], (ARRAY['Buyer', 'Seller', 'Creator'])[1 + (g.i / 7) % 3],
        x.channel, 1 + (g.i / 11) % 2,
        'k' || (hashint4(g.i) & 2147483647) % greatest(${to} / 4, 1), x.created,
        CASE WHEN x.r1 < 0.9 THEN x.created + make_interval(secs => CASE WHEN x.live THEN x.r2 * 90 ELSE x.r2 * 172800 END) END,
        CASE WHEN x.r1 < 0.85 AND NOT (x.live AND x.r3 < 0.08) THEN x.created + make_interval(secs => 600 + x.r3 * 432000) END,
        CASE WHEN x.r2 < 0.1 THEN 1 ELSE 0 END, (60 + x.r3 * 900)::int,
        CASE WHEN x.live THEN (x.r2 * 90)::int END,
        CASE WHEN x.live THEN x.r3 >= 0.08 END, CASE WHEN x.live THEN x.r3 < 0.08 END,
        CASE WHEN x.r4 < 0.3 THEN CASE WHEN g.i % 2 = 0 THEN 1 + (x.r5 * 5)::int % 5 ELSE 1 + (x.r5 * 2)::int % 2 END END,
        CASE WHEN x.r4 < 0.3 THEN CASE WHEN g.i % 2 = 0 THEN 5 ELSE 2 END END,
        CASE WHEN x.r4 < 0.2 THEN x.created + make_interval(secs => 432000 + x.r5 * 86400) END,
        x.r5 < 0.05, CASE WHEN g.i % 10 = 0 THEN x.r2 < 0.7 END
      FROM generate_series(${start}::int, ${end - 1}::int) g(i)
      CROSS JOIN LATERAL (
        SELECT (ARRAY['voice', 'chat', 'email', 'web', 'social'])[1 + g.i % 5] AS channel, g.i % 5 < 2 AS live,
          ${week}::timestamptz + make_interval(secs => (hashint4(g.i * 7) & 2147483647)::double precision / 2147483647 * ${days} * 86400) AS created,
          (hashint4(g.i * 3) & 2147483647)::double precision / 2147483647 AS r1,
          (hashint4(g.i * 5) & 2147483647)::double precision / 2147483647 AS r2,
          (hashint4(g.i * 11) & 2147483647)::double precision / 2147483647 AS r3,
          (hashint4(g.i * 13) & 2147483647)::double precision / 2147483647 AS r4,
          (hashint4(g.i * 17) & 2147483647)::double precision / 2147483647 AS r5
      ) x`.execute(db);
  }
  await sql`ANALYZE cases`.execute(db);
}

/** Vendors 1…VENDORS, named `Vendor n`: the ids generateCases attributes its cases to (in a fresh database). */
export async function insertVendors(db: Db) {
  await db
    .insertInto('vendors')
    .values(Array.from({ length: VENDORS }, (_, i) => ({ name: `Vendor ${i + 1}` })))
    .execute();
}

/** The baseline: the same additive parts written inline over `cases`, no view, no medians. */
export async function baselineGroupBy(db: Db) {
  await sql`DROP TABLE IF EXISTS baseline_parts`.execute(db);
  await sql`
    CREATE UNLOGGED TABLE baseline_parts AS
    SELECT c.vendor_id, a.week, c.queue, c.channel, c.tier, c.site, sum(a.volume) AS volume, sum(a.escalated) AS escalated,
      sum(a.live_offered) AS live_offered, sum(a.live_within) AS live_answered_within, sum(a.live_abandoned) AS live_abandoned,
      sum(a.async_due) AS async_due, sum(a.async_met) AS async_met, sum(a.frt_count) AS frt_count, sum(a.frt_sum) AS frt_seconds_sum,
      sum(a.solved) AS solved, sum(a.handle_count) AS handle_count, sum(a.handle_sum) AS handle_seconds_sum,
      sum(a.fcr) AS fcr_resolved, sum(a.reopened) AS reopened, sum(a.res_sum) AS resolution_seconds_sum,
      sum(a.csat_n) AS csat_responses, sum(a.csat_ok) AS csat_satisfied
    FROM cases c CROSS JOIN organisation_settings s
    CROSS JOIN LATERAL (SELECT c.channel IN ('voice', 'chat') AS live, c.channel IN ('email', 'web', 'social') AS async,
      coalesce(c.wait_seconds::double precision, extract(epoch FROM c.first_response_at - c.created_at)::double precision) AS wait,
      CASE c.channel WHEN 'voice' THEN s.sl_threshold_voice_seconds ELSE s.sl_threshold_chat_seconds END AS threshold) l
    CROSS JOIN LATERAL (SELECT l.live AND c.abandoned IS TRUE AND coalesce(c.wait_seconds >= s.short_abandon_seconds, true) AS abandoned,
      l.live AND c.abandoned IS NOT TRUE AND coalesce(c.answered, c.first_response_at IS NOT NULL) AS answered) o
    CROSS JOIN LATERAL (VALUES
      (scorecard_week(c.created_at, s.reporting_time_zone), 1, (c.escalated IS TRUE)::int, (o.answered OR o.abandoned)::int,
       coalesce(o.answered AND l.wait <= l.threshold, false)::int, o.abandoned::int,
       (l.async AND (c.first_response_at IS NOT NULL OR now() - c.created_at > make_interval(secs => s.async_sla_seconds)))::int,
       coalesce(l.async AND c.first_response_at - c.created_at <= make_interval(secs => s.async_sla_seconds), false)::int,
       (c.first_response_at IS NOT NULL)::int, coalesce(extract(epoch FROM c.first_response_at - c.created_at)::double precision, 0),
       0, 0, 0::bigint, 0, 0, 0::double precision, 0, 0),
      (scorecard_week(c.solved_at, s.reporting_time_zone), 0, 0, 0, 0, 0, 0, 0, 0, 0::double precision, 1,
       (c.handle_seconds IS NOT NULL)::int, coalesce(c.handle_seconds, 0)::bigint,
       coalesce(c.first_contact_resolved, coalesce(c.reopen_count, 0) = 0 AND NOT EXISTS (
         SELECT 1 FROM cases r WHERE r.customer_id = c.customer_id AND r.queue IS NOT DISTINCT FROM c.queue
           AND r.created_at > c.created_at AND r.created_at <= c.solved_at + make_interval(secs => s.repeat_window_seconds)))::int,
       (coalesce(c.reopen_count, 0) > 0)::int, extract(epoch FROM c.solved_at - c.created_at)::double precision, 0, 0),
      (CASE WHEN c.csat_score IS NOT NULL THEN scorecard_week(coalesce(c.csat_at, c.solved_at), s.reporting_time_zone) END,
       0, 0, 0, 0, 0, 0, 0, 0, 0::double precision, 0, 0, 0::bigint, 0, 0, 0::double precision, 1,
       (CASE c.csat_scale WHEN 2 THEN c.csat_score = 2 ELSE c.csat_score >= s.satisfied_score END)::int)
    ) a(week, volume, escalated, live_offered, live_within, live_abandoned, async_due, async_met, frt_count, frt_sum,
        solved, handle_count, handle_sum, fcr, reopened, res_sum, csat_n, csat_ok)
    WHERE c.vendor_id IS NOT NULL AND a.week IS NOT NULL
    GROUP BY c.vendor_id, a.week, c.queue, c.channel, c.tier, c.site`.execute(db);
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** The recompute of one vendor-week, VENDOR_WEEK_RUNS times (idempotent, so it can be timed again): each run's ms. */
export async function timeVendorWeek(db: Db, vendorId: number, week: string) {
  const runs: number[] = [];
  for (let run = 0; run < VENDOR_WEEK_RUNS; run++) {
    runs.push(await timed(() => recompute(db, { kind: 'vendor-weeks', vendorWeeks: [{ vendorId, week }] })));
  }
  return { runs, medianMs: median(runs) };
}

/** The baseline and ours must agree, or the comparison means nothing. */
async function assertSameTotals(db: Db) {
  const totals = (table: string) =>
    sql<
      Record<string, number>
    >`SELECT sum(volume) v, sum(live_answered_within) l, sum(async_met) a, sum(fcr_resolved) f,
      sum(csat_satisfied) c, sum(handle_seconds_sum) h FROM ${sql.table(table)}`.execute(db);
  const [ours, base] = await Promise.all([totals('weekly_parts'), totals('baseline_parts')]);
  if (JSON.stringify(ours.rows[0]) !== JSON.stringify(base.rows[0])) {
    throw new Error(
      `baseline and recompute disagree: ${JSON.stringify(base.rows[0])} vs ${JSON.stringify(ours.rows[0])}`,
    );
  }
}

const bench: Bench = {
  name: 'recompute',
  description: 'full recompute vs a hand-written GROUP BY, and one vendor-week after a 1,000-case insert',
  async run(ctx) {
    const rows = numberArg(ctx.args, 'rows', ctx.smoke ? 10_000 : 5_000_000);
    const runs = numberArg(ctx.args, 'runs', ctx.smoke ? 1 : 2);
    const name = `scorecard_bench_recompute_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: ctx.adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(ctx.adminUrl);
    url.pathname = `/${name}`;
    const { db, pool } = createDb({ url: url.toString(), maxConnections: 2, applicationName: 'bench-recompute' });
    // Dropping the database WITH (FORCE) ends idle pooled connections: expected, not a failure.
    pool.on('error', (error) => ctx.log(`pool: ${error.message}`));
    try {
      await migrateToLatest(db);
      await insertVendors(db);
      const results: BenchRow[] = [];

      if (ctx.args.scale !== undefined) {
        let have = 0;
        for (const size of ctx.smoke ? [10_000, 20_000] : [100_000, 1_000_000, 5_000_000]) {
          ctx.log(`scale: generating up to ${size.toLocaleString()} cases`);
          await generateCases(db, have, size);
          have = size;
          const ms = await timed(() => recompute(db, { kind: 'all' }));
          results.push({ figure: `full recompute, ${size.toLocaleString()} cases`, ours: ms / 1000, unit: 's' });
        }
        return results;
      }

      ctx.log(`generating ${rows.toLocaleString()} cases`);
      ctx.log(`generated in ${((await timed(() => generateCases(db, 0, rows))) / 1000).toFixed(1)} s`);
      // Alternated and best-of-N: on a shared machine the load changes between two long queries.
      let fullMs = Infinity;
      let baselineMs = Infinity;
      for (let run = 1; run <= runs; run++) {
        ctx.log(`full recompute (run ${run} of ${runs})`);
        fullMs = Math.min(fullMs, await timed(() => recompute(db, { kind: 'all' })));
        ctx.log(`baseline GROUP BY (run ${run} of ${runs})`);
        baselineMs = Math.min(baselineMs, await timed(() => baselineGroupBy(db)));
      }
      await assertSameTotals(db);

      // A 1,000-case import into one vendor-week, then the recompute of exactly that vendor-week. (The import
      // also names the weeks of earlier cases whose FCR the new ones decide; each is one more such recompute.)
      const week = '2026-06-01';
      ctx.log(`inserting ${INCREMENT_CASES} cases into one vendor-week`);
      await generateCases(db, rows, rows + INCREMENT_CASES, { week, days: 7, vendorId: 1 });
      // The median of five runs (the first printed too).
      const { runs: vendorWeekRuns, medianMs: vendorWeekMs } = await timeVendorWeek(db, 1, week);
      ctx.log(`one vendor-week: ${vendorWeekRuns.map((ms) => Math.round(ms)).join(', ')} ms`);

      results.push(
        {
          figure: `full recompute (parts + medians), ${rows.toLocaleString()} cases`,
          ours: fullMs / 1000,
          baseline: baselineMs / 1000,
          unit: 's',
          ratio: fullMs / baselineMs,
          goal: `≤ ${RATIO_GOAL}`,
          pass: fullMs / baselineMs <= RATIO_GOAL,
        },
        {
          figure: 'one vendor-week after a 1,000-case insert (median of 5)',
          ours: vendorWeekMs,
          unit: 'ms',
          goal: `≤ ${VENDOR_WEEK_GOAL_MS} ms`,
          pass: vendorWeekMs <= VENDOR_WEEK_GOAL_MS,
        },
      );
      return results;
    } finally {
      await db.destroy();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  },
};

export default bench;
