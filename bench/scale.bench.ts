/**
 * Scale: how each figure grows with the number of cases, on ONE database grown step by step. At each
 * size N the cases are topped up to exactly N (generateCases of the recompute bench: 20 vendors, 52 weeks), then:
 * the full recompute; the API's first (uncached: the recompute changed the serving generation) scorecard and
 * drill-down page, the scorecard uncached again (median of 5), and the warm scorecard under autocannon; one
 * vendor-week after a 1,000-case insert (median of 5); the import of a fixed-size Zendesk file end to end
 * (upload to the API process → worker process → cases committed) into the N + 2,000 cases. Each size imports new ids; the next size's top-up counts those cases. The
 * API's code is warmed once beforehand on the first 1,000 cases.
 * generateCases spreads every size over the same 52 weeks, so a week of the generated history holds N ÷ 52 cases:
 * a scorecard or vendor-week of such a week is more work at a larger N by construction. The figures that must
 * stay flat with history therefore read weeks whose cases are the same at every size: the scorecard of a fixed
 * month before the generated history (FIXED_CASES, written once), and one vendor-week of vendor 21, which has no
 * other cases. The same figures over the growing weeks are kept beside them, for the record.
 * Rows read "… @ N cases"; a figure × size matrix and its growth per size (each size's figure ÷ the previous
 * size's, and the last ÷ the first) are logged at the end. A 20 M point runs only on request
 * (`--sizes=100000,1000000,5000000,20000000`: it needs the disk and the time of 20 M cases). Flags: --sizes
 * (default 100000,1000000; smoke 10000,20000), --import-rows (default 100,000; smoke 2,000), --duration (autocannon seconds, default 3;
 * smoke 1), --connections (default 64), --keep-database=1 (leave the database for EXPLAIN; its URL is logged).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { newApiTokenSecret } from '../apps/api/src/auth/credentials.ts';
import { insertApiToken } from '../packages/db/src/auth/tokens.ts';
import { createDb, type Db } from '../packages/db/src/database.ts';
import { migrateToLatest } from '../packages/db/src/migrate.ts';
import { recompute } from '../packages/db/src/metrics/recompute.ts';
import { addWeeks, weekLabel } from '../packages/domain/src/weeks.ts';
import { closeQueues, createQueues, redisConnection } from '../packages/jobs/src/registry.ts';
import { createBenchDatabase, measure, P99_GOAL_MS, startApiServer } from './api-load.bench.ts';
import { GROUPS, generateZendesk, startWorkerProcess, uploadAndCommit } from './ingest.bench.ts';
import { median } from './lib/median.ts';
import { numberArg, numberListArg } from './lib/flags.ts';
import type { ServerProcess } from './lib/processes.ts';
import { formatMatrix, growthMatrix } from './lib/table.ts';
import type { Bench, BenchContext, BenchRow } from './lib/types.ts';
import {
  generateCases,
  INCREMENT_CASES,
  insertVendors,
  VENDORS,
  timed,
  timeVendorWeek,
  VENDOR_WEEK_GOAL_MS,
  VENDOR_WEEK_RUNS,
} from './recompute.bench.ts';

// Weeks no import reaches (they start in January; 100,000 rows span 27 days): the scorecard's week grows with N
// only. Each size inserts its 1,000 cases into a week of its own, so each vendor-week measured is base + 1,000.
const SCORECARD_WEEK = '2026-09-07';
const FIRST_INSERT_WEEK = '2026-06-01';
// Weeks between one size's inserted week and the next's. A case is solved and surveyed at most 6 days after it
// opens, so an inserted week's cases also count in the week after it: one week apart (as before), vendor 21's
// week at the second size also held the 393 cases of the first size's week solved in it (1,393 cases, not
// 1,000), which made the "flat" vendor-week 1.4 × the work. Three weeks apart, each holds its own 1,000 only.
const INSERT_WEEK_SPACING = 3;
// Four weeks before the generated history (it starts on 2025-11-24): the trend weeks of FIXED_SCORECARD_WEEK hold
// these cases only, at every size (about 2,000 a week, the density of 100,000 cases over 52 weeks).
const FIXED_FIRST_WEEK = '2025-10-27';
const FIXED_SCORECARD_WEEK = '2025-11-17';
const FIXED_CASES = 8_000;
const UNCACHED_RUNS = 5;
// A vendor without generated cases: its vendor-week holds exactly the 1,000 cases inserted into it.
const OWN_VENDOR_ID = VENDORS + 1;
const WARM_UP_CASES = 1_000;
const BROWSER = { 'accept-encoding': 'gzip, deflate, br, zstd' };

/** One figure at one size: a row of the table, with its short label in the matrix. */
interface Measured extends BenchRow {
  label: string;
  /** A figure that must stay flat with history: its speed at the largest size ≥ FLAT_GOAL × at the smallest. */
  flat?: 'rate' | 'time';
}

const FLAT_GOAL = 0.8;

interface Run {
  ctx: BenchContext;
  db: Db;
  api: ServerProcess;
  token: string;
  headers: Record<string, string>;
  load: { connections: number; durationSeconds: number };
  importRows: number;
  /** The next unused number for generateCases's ids (`b<n>`). */
  nextId: number;
  /** The serving generations when the API last filled its caches: the next first requests must see others. */
  servedAt: Generations;
}

type Generations = Record<'metrics' | 'cases', string>;

const count = (n: number) => n.toLocaleString('en-US');
const routes = {
  fixedScorecard: `/api/scorecards?week=${weekLabel(FIXED_SCORECARD_WEEK)}`,
  scorecards: `/api/scorecards?week=${weekLabel(SCORECARD_WEEK)}`,
  drillDown: `/api/cases?vendorId=1&week=${weekLabel(SCORECARD_WEEK)}&metric=service_level&limit=50`,
};

async function generations(db: Db): Promise<Generations> {
  const rows = await db.selectFrom('serving_generations').select(['name', 'generation']).execute();
  const of = (name: string) => String(rows.find((r) => r.name === name)?.generation);
  return { metrics: of('metrics'), cases: of('cases') };
}

async function caseCount(db: Db): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM cases`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** GET `route` and read the whole body; throws unless 200. */
async function getMs(run: Run, route: string): Promise<number> {
  return timed(async () => {
    const response = await fetch(`${run.api.url}${route}`, { headers: run.headers });
    if (response.status !== 200) throw new Error(`${route}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  });
}

/**
 * The scorecard as the API builds it when its caches cannot answer, median of UNCACHED_RUNS: before each request
 * the metrics serving generation moves on (the API reads it on every request), so each one builds the response
 * from the database again. The single first response after the full recompute also meets PostgreSQL's buffer
 * cache just emptied by that recompute (gigabytes at 5 M cases), which is what the bench did, not the history.
 */
async function uncachedMedianMs(run: Run, route: string): Promise<{ runs: number[]; medianMs: number }> {
  const runs: number[] = [];
  for (let i = 0; i < UNCACHED_RUNS; i++) {
    await sql`UPDATE serving_generations SET generation = generation + 1 WHERE name = 'metrics'`.execute(run.db);
    runs.push(await getMs(run, route));
  }
  return { runs, medianMs: median(runs) };
}

/** Cases up to exactly `size`, then the full recompute. */
async function stepRecompute(run: Run, size: number): Promise<Measured[]> {
  const have = await caseCount(run.db);
  if (have > size) {
    throw new Error(
      `--sizes: ${count(size)} is below the ${count(have)} cases already there (each size adds ` +
        `${count(2 * INCREMENT_CASES)} + --import-rows)`,
    );
  }
  run.ctx.log(`generating ${count(size - have)} cases (${count(have)} → ${count(size)})`);
  await generateCases(run.db, run.nextId, run.nextId + size - have);
  run.nextId += size - have;
  const ms = await timed(() => recompute(run.db, { kind: 'all' }));
  // The top-up and the recompute leave gigabytes of dirty pages at 5 M cases; flushed here, they are not written
  // back under the figures that follow, whose commits would wait on the disk for the bench's own writes.
  await sql`CHECKPOINT`.execute(run.db);
  const figure = `full recompute @ ${count(size)} cases`;
  return [{ label: 'full recompute (s)', figure, ours: ms / 1000, unit: 's' }];
}

/** First responses after the recompute (uncached), then the scorecard warm under autocannon. */
async function stepApi(run: Run, size: number): Promise<Measured[]> {
  const now = await generations(run.db);
  if (now.metrics === run.servedAt.metrics || now.cases === run.servedAt.cases) {
    throw new Error(`serving generations unchanged since the last requests: the first requests would be cached`);
  }
  // The fixed week first: it also pays for the weeks with data (cached per generation, shared by both weeks).
  const fixedMs = await getMs(run, routes.fixedScorecard);
  const scorecardMs = await getMs(run, routes.scorecards);
  const drillDownMs = await getMs(run, routes.drillDown);
  run.ctx.log(
    `first responses: scorecard of the fixed week ${Math.round(fixedMs)} ms, of a generated week ` +
      `${Math.round(scorecardMs)} ms (again: ${Math.round(await getMs(run, routes.scorecards))} ms), ` +
      `drill-down ${Math.round(drillDownMs)} ms`,
  );
  const uncached = await uncachedMedianMs(run, routes.fixedScorecard);
  run.ctx.log(`uncached scorecard of the fixed week: ${uncached.runs.map((ms) => Math.round(ms)).join(', ')} ms`);
  const warm = await measure(run.ctx, `${run.api.url}${routes.scorecards}`, run.headers, run.load);
  run.servedAt = await generations(run.db);
  const at = `@ ${count(size)} cases`;
  const scorecard = `GET /api/scorecards`;
  return [
    {
      label: 'first scorecard, fixed week (ms)',
      figure: `${scorecard} first response after the recompute, ${count(FIXED_CASES)}-case month ${at}`,
      ours: fixedMs,
      unit: 'ms',
    },
    {
      label: 'uncached scorecard, fixed week (ms)',
      flat: 'time',
      figure: `${scorecard} uncached, ${count(FIXED_CASES)}-case month ${at} (median of ${UNCACHED_RUNS})`,
      ours: uncached.medianMs,
      unit: 'ms',
    },
    {
      label: 'first scorecard, N÷52 week (ms)',
      figure: `${scorecard} first response after the recompute, a week of the generated history ${at}`,
      ours: scorecardMs,
      unit: 'ms',
    },
    {
      label: 'first drill-down page (ms)',
      figure: `GET /api/cases (50 rows) first response after the recompute ${at}`,
      ours: drillDownMs,
      unit: 'ms',
    },
    {
      label: 'warm scorecard (req/s)',
      figure: `${scorecard} warm, ${run.load.connections} connections ${at}`,
      ours: warm.requestsPerSecond,
      unit: 'req/s',
    },
    {
      label: 'warm scorecard p99 (ms)',
      figure: `${scorecard} warm p99 latency ${at}`,
      ours: warm.p99Ms,
      unit: 'ms',
      goal: `≤ ${P99_GOAL_MS} ms`,
      pass: warm.p99Ms <= P99_GOAL_MS,
    },
  ];
}

/**
 * 1,000 cases into one vendor-week, then that vendor-week's recompute (median of five): of vendor 21, whose week
 * holds those cases only, and of vendor 1, whose week also holds its share of the generated history.
 */
async function stepVendorWeek(run: Run, size: number, step: number): Promise<Measured[]> {
  const week = addWeeks(FIRST_INSERT_WEEK, step * INSERT_WEEK_SPACING);
  const measured: Measured[] = [];
  for (const [vendorId, label] of [
    [OWN_VENDOR_ID, 'one vendor-week, 1,000 cases (ms)'],
    [1, 'one vendor-week, N÷1,040 + 1,000 (ms)'],
  ] as const) {
    await generateCases(run.db, run.nextId, run.nextId + INCREMENT_CASES, { week, days: 7, vendorId });
    run.nextId += INCREMENT_CASES;
    const { runs, medianMs } = await timeVendorWeek(run.db, vendorId, week);
    run.ctx.log(
      `one vendor-week (vendor ${vendorId}, ${weekLabel(week)}): ${runs.map((ms) => Math.round(ms)).join(', ')} ms`,
    );
    const own = vendorId === OWN_VENDOR_ID ? 'its only cases' : 'beside its generated cases';
    measured.push({
      label,
      ...(vendorId === OWN_VENDOR_ID ? { flat: 'time' as const } : {}),
      figure:
        `one vendor-week after a ${count(INCREMENT_CASES)}-case insert (${own}) @ ${count(size)} cases ` +
        `(median of ${VENDOR_WEEK_RUNS})`,
      ours: medianMs,
      unit: 'ms',
      goal: `≤ ${VENDOR_WEEK_GOAL_MS} ms`,
      pass: medianMs <= VENDOR_WEEK_GOAL_MS,
    });
  }
  return measured;
}

/** A Zendesk file of new ids (`step × rows + 1 …`) imported end to end into the cases there are. */
async function stepImport(run: Run, step: number): Promise<Measured[]> {
  const file = path.join(run.ctx.tmpDir, `zendesk-${step}.csv`);
  await generateZendesk(file, run.importRows, step * run.importRows);
  const before = await caseCount(run.db);
  const { ms, uploadMs, commitMs } = await uploadAndCommit(run.db, run.api.url, run.token, [file]);
  await rm(file);
  const added = (await caseCount(run.db)) - before;
  if (added !== run.importRows) throw new Error(`the import added ${count(added)} cases, not ${count(run.importRows)}`);
  run.ctx.log(`import: ${Math.round(ms)} ms (upload ${uploadMs} ms, job start → committed ${commitMs} ms)`);
  const figure = `import ${count(run.importRows)} Zendesk rows, upload → committed @ ${count(before)} cases`;
  return [
    {
      label: `import ${count(run.importRows)} rows (rows/s)`,
      flat: 'rate',
      figure,
      ours: run.importRows / (ms / 1000),
      unit: 'rows/s',
    },
  ];
}

/** For each figure marked `flat`: its speed at the largest size ÷ its speed at the smallest (1 = flat). */
function flatWithHistory(sizes: readonly number[], measured: readonly Measured[][]): BenchRow[] {
  const first = measured[0] ?? [];
  const last = measured.at(-1) ?? [];
  if (measured.length < 2) return [];
  return first.flatMap((small, i) => {
    const large = last[i];
    if (!small.flat || !large) return [];
    const ratio = small.flat === 'rate' ? large.ours / small.ours : small.ours / large.ours;
    return [
      {
        figure: `flat with history: ${small.label} @ ${count(sizes.at(-1) ?? 0)} vs @ ${count(sizes[0] ?? 0)} cases (speed ratio)`,
        ours: large.ours,
        baseline: small.ours,
        unit: small.unit,
        ratio,
        goal: `≥ ${FLAT_GOAL}`,
        pass: ratio >= FLAT_GOAL,
      },
    ];
  });
}

/** An ops token: it may upload imports and read every vendor. */
async function opsToken(db: Db): Promise<string> {
  const secret = newApiTokenSecret();
  await insertApiToken(db, {
    name: 'bench',
    tokenHash: secret.hash,
    prefix: secret.prefix,
    role: 'ops',
    vendorId: null,
    createdBy: null,
  });
  return secret.secret;
}

const bench: Bench = {
  name: 'scale',
  description: 'how recompute, vendor-week, import and API figures grow from one size of the data to the next',
  async run(ctx) {
    const sizes = numberListArg(ctx.args, 'sizes', ctx.smoke ? [10_000, 20_000] : [100_000, 1_000_000]);
    const importRows = numberArg(ctx.args, 'import-rows', ctx.smoke ? 2_000 : 100_000);
    const load = {
      durationSeconds: numberArg(ctx.args, 'duration', ctx.smoke ? 1 : 3),
      connections: numberArg(ctx.args, 'connections', 64),
    };
    const database = await createBenchDatabase(ctx.adminUrl, 'scale');
    const { db, pool } = createDb({ url: database.url, maxConnections: 2, applicationName: 'bench-scale' });
    // Dropping the database WITH (FORCE) ends idle pooled connections: expected, not a failure.
    pool.on('error', (error) => ctx.log(`pool: ${error.message}`));
    const prefix = `bench-scale-${randomBytes(4).toString('hex')}`;
    const queues = createQueues(redisConnection(ctx.redisUrl, 'producer'), prefix);
    let api: ServerProcess | undefined;
    let worker: ChildProcess | undefined;
    try {
      await migrateToLatest(db);
      await insertVendors(db);
      await db
        .insertInto('vendors')
        .values({ name: `Vendor ${OWN_VENDOR_ID}` })
        .execute();
      // The file's groups attribute its cases to vendors 1–4: still 20 vendors.
      await db
        .insertInto('vendor_mappings')
        .values(GROUPS.map((value, i) => ({ source: 'zendesk', field: 'Group', value, vendor_id: i + 1 })))
        .execute();
      const token = await opsToken(db);
      // The recompute each import enqueues would compete for the two cores with the next figures (and change
      // the serving generation under them): paused, as in the ingest bench. Each size's full recompute covers it.
      await queues.metrics.pause();
      api = await startApiServer(ctx, database.url, { QUEUE_PREFIX: prefix, UPLOAD_MAX_BYTES: String(4 * 1024 ** 3) });
      const workerEnv = { DATABASE_URL: database.url, REDIS_URL: ctx.redisUrl, QUEUE_PREFIX: prefix, PORT: '0' };
      worker = await startWorkerProcess(
        { ...process.env, ...workerEnv, LOG_LEVEL: 'silent', WORKER_CONCURRENCY: '1' },
        (msg) => ctx.log(msg),
      );
      const headers = { ...BROWSER, authorization: `Bearer ${token}` };
      const run: Run = {
        ctx,
        db,
        api,
        token,
        headers,
        load,
        importRows,
        nextId: 0,
        servedAt: { metrics: '', cases: '' },
      };
      // The API's code runs once on real data (the first cases of every size), so that the first size's first
      // responses measure the data, not the process's first use of its code.
      await generateCases(db, 0, WARM_UP_CASES);
      await generateCases(db, WARM_UP_CASES, WARM_UP_CASES + FIXED_CASES, { week: FIXED_FIRST_WEEK, days: 28 });
      run.nextId = WARM_UP_CASES + FIXED_CASES;
      await recompute(db, { kind: 'all' });
      for (const route of Object.values(routes)) await getMs(run, route);
      run.servedAt = await generations(db);

      const measured: Measured[][] = [];
      for (const [step, size] of sizes.entries()) {
        measured.push([
          ...(await stepRecompute(run, size)),
          ...(await stepApi(run, size)),
          ...(await stepVendorWeek(run, size, step)),
          ...(await stepImport(run, step)),
        ]);
      }
      const columns = sizes.map((size) => count(size));
      const figures = (measured[0] ?? []).map(({ label }, i) => ({
        label,
        values: measured.map((m) => m[i]?.ours ?? NaN),
      }));
      const growth = growthMatrix(columns, figures);
      for (const line of formatMatrix(columns, figures).split('\n')) ctx.log(line);
      ctx.log("growth per size (the larger size's figure ÷ the smaller's):");
      for (const line of formatMatrix(growth.columns, growth.rows).split('\n')) ctx.log(line);
      const rows = measured.flat().map(({ label: _label, flat: _flat, ...row }) => row);
      return [...rows, ...flatWithHistory(sizes, measured)];
    } finally {
      // Measured already; a graceful stop would wait for whatever job is still running.
      worker?.kill('SIGKILL');
      if (worker && worker.exitCode === null && worker.signalCode === null) await once(worker, 'exit');
      await api?.stop();
      await Promise.all(Object.values(queues).map((queue) => queue.obliterate({ force: true })));
      await closeQueues(queues);
      await db.destroy();
      // --keep-database: left for EXPLAIN of the statements at the largest size (drop it afterwards).
      if (ctx.args['keep-database'] === undefined) await database.drop();
      else ctx.log(`kept the database: ${database.url}`);
    }
  },
};

export default bench;
