/**
 * Contract terms: the full recompute of N cases with every vendor on business-hours terms (FRT,
 * async service level and resolution time in business time, Mon–Fri 08:00–20:00 Asia/Manila with holidays)
 * against the same recompute in calendar time, in one run on the same cases. Goal: business ≤ 2 × calendar.
 * Flags: --rows (default 5,000,000; smoke 10,000), --runs (best of, alternated; default 2, smoke 1).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { createDb, type Db } from '../packages/db/src/database.ts';
import { migrateToLatest } from '../packages/db/src/migrate.ts';
import { recompute } from '../packages/db/src/metrics/recompute.ts';
import { saveCalendar } from '../packages/db/src/terms/calendars.ts';
import { numberArg } from './lib/flags.ts';
import type { Bench, BenchRow } from './lib/types.ts';
import { generateCases } from './recompute.bench.ts';

const VENDORS = 20;
const RATIO_GOAL = 2;
const HOLIDAYS = [
  '2025-12-25',
  '2026-01-01',
  '2026-04-02',
  '2026-04-03',
  '2026-06-12',
  '2026-08-31',
  '2026-11-30',
  '2026-12-25',
];

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function setBusinessTerms(db: Db, calendarId: number | null) {
  await db.deleteFrom('contract_terms').execute();
  if (calendarId === null) return;
  const vendors = await db.selectFrom('vendors').select('id').execute();
  await db
    .insertInto('contract_terms')
    .values(
      vendors.map((v) => ({
        vendor_id: v.id,
        effective_from: '2020-01-06',
        calendar_id: calendarId,
        frt_basis: 'business',
        async_sl_basis: 'business',
        resolution_basis: 'business',
      })),
    )
    .execute();
  await sql`ANALYZE contract_terms`.execute(db);
}

/** Business time can only be shorter than calendar time: a check that the business run did use the calendar. */
async function frtTotal(db: Db): Promise<number> {
  const result = await sql<{
    total: number;
  }>`SELECT sum(frt_seconds_sum)::double precision AS total FROM weekly_parts`.execute(db);
  return Number(result.rows[0]?.total ?? 0);
}

const bench: Bench = {
  name: 'terms',
  description: 'full recompute in business time (calendar with holidays) vs the same in calendar time',
  async run(ctx) {
    const rows = numberArg(ctx.args, 'rows', ctx.smoke ? 10_000 : 5_000_000);
    const runs = numberArg(ctx.args, 'runs', ctx.smoke ? 1 : 2);
    const name = `scorecard_bench_terms_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: ctx.adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(ctx.adminUrl);
    url.pathname = `/${name}`;
    const { db, pool } = createDb({ url: url.toString(), maxConnections: 2, applicationName: 'bench-terms' });
    pool.on('error', (error) => ctx.log(`pool: ${error.message}`));
    try {
      await migrateToLatest(db);
      await db
        .insertInto('vendors')
        .values(Array.from({ length: VENDORS }, (_, i) => ({ name: `Vendor ${i + 1}` })))
        .execute();
      const calendarId = await db.transaction().execute((trx) =>
        saveCalendar(trx, {
          name: 'Manila weekdays',
          timeZone: 'Asia/Manila',
          hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 8 * 60, endMinute: 20 * 60 })),
          holidays: HOLIDAYS,
        }),
      );
      await sql`ANALYZE calendar_intervals`.execute(db);
      ctx.log(`generating ${rows.toLocaleString()} cases`);
      ctx.log(`generated in ${((await timed(() => generateCases(db, 0, rows))) / 1000).toFixed(1)} s`);

      let calendarMs = Infinity;
      let businessMs = Infinity;
      let calendarFrt = 0;
      let businessFrt = 0;
      for (let run = 1; run <= runs; run++) {
        await setBusinessTerms(db, null);
        ctx.log(`calendar-time recompute (run ${run} of ${runs})`);
        calendarMs = Math.min(calendarMs, await timed(() => recompute(db, { kind: 'all' })));
        calendarFrt = await frtTotal(db);
        await setBusinessTerms(db, calendarId);
        ctx.log(`business-time recompute (run ${run} of ${runs})`);
        businessMs = Math.min(businessMs, await timed(() => recompute(db, { kind: 'all' })));
        businessFrt = await frtTotal(db);
      }
      if (!(businessFrt < calendarFrt))
        throw new Error(`business-time FRT total ${businessFrt} is not below calendar time ${calendarFrt}`);
      ctx.log(`FRT seconds summed: calendar ${calendarFrt.toExponential(3)}, business ${businessFrt.toExponential(3)}`);

      const ratio = businessMs / calendarMs;
      const results: BenchRow[] = [
        {
          figure: `full recompute in business time, ${rows.toLocaleString()} cases`,
          ours: businessMs / 1000,
          baseline: calendarMs / 1000,
          unit: 's',
          ratio,
          goal: `≤ ${RATIO_GOAL}`,
          pass: ratio <= RATIO_GOAL,
        },
      ];
      return results;
    } finally {
      await db.destroy();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  },
};

export default bench;
