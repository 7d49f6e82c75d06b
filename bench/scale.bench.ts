/**
 * Scale: how each figure grows with the number of cases, on ONE database grown step by step. At each
 * size N the cases are topped up to exactly N (generateCases of the recompute bench: 20 vendors, 52 weeks), then:
 * the full recompute; the API's first (uncached: the recompute changed the serving generation) scorecard and
 * drill-down page, and the warm scorecard under autocannon; one vendor-week after a 1,000-case insert (median of
 * 5); the import of a fixed-size Zendesk file end to end (upload to the API process → worker process → cases
 * committed) into the N + 1,000 cases. Each size imports new ids; the next size's top-up counts those cases. The
 * API's code is warmed once beforehand on the first 1,000 cases.
 * Rows read "… @ N cases"; a figure × size matrix and its growth per size (each size's figure ÷ the previous
 * size's, and the last ÷ the first) are logged at the end. A 20 M point runs only on request
 * (`--sizes=100000,1000000,5000000,20000000`: it needs the disk and the time of 20 M cases). Flags: --sizes
 * (default 100000,1000000; smoke 10000,20000), --import-rows (default 100,000; smoke 2,000), --duration (autocannon seconds, default 3;
 * smoke 1), --connections (default 64).
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
import { numberArg, numberListArg } from './lib/flags.ts';
import type { ServerProcess } from './lib/processes.ts';
import { formatMatrix, growthMatrix } from './lib/table.ts';
import type { Bench, BenchContext, BenchRow } from './lib/types.ts';
import {
  generateCases,
  INCREMENT_CASES,
  insertVendors,
  timed,
  timeVendorWeek,
  VENDOR_WEEK_GOAL_MS,
  VENDOR_WEEK_RUNS,
} from './recompute.bench.ts';

// Weeks no import reaches (they start in January; 100,000 rows span 27 days): the scorecard's week grows with N
// only. Each size inserts its 1,000 cases into a week of its own, so each vendor-week measured is base + 1,000.
const SCORECARD_WEEK = '2026-09-07';
const FIRST_INSERT_WEEK = '2026-06-01';
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

/** Cases up to exactly `size`, then the full recompute. */
async function stepRecompute(run: Run, size: number): Promise<Measured[]> {
  const have = await caseCount(run.db);
  if (have > size) {
    throw new Error(
      `--sizes: ${count(size)} is below the ${count(have)} cases already there (each size adds ` +
        `${count(INCREMENT_CASES)} + --import-rows)`,
    );
  }
  run.ctx.log(`generating ${count(size - have)} cases (${count(have)} → ${count(size)})`);
  await generateCases(run.db, run.nextId, run.nextId + size - have);
  run.nextId += size - have;
  const ms = await timed(() => recompute(run.db, { kind: 'all' }));
  const figure = `full recompute @ ${count(size)} cases`;
  return [{ label: 'full recompute (s)', figure, ours: ms / 1000, unit: 's' }];
}

/** First responses after the recompute (uncached), then the scorecard warm under autocannon. */
async function stepApi(run: Run, size: number): Promise<Measured[]> {
  const now = await generations(run.db);
  if (now.metrics === run.servedAt.metrics || now.cases === run.servedAt.cases) {
    throw new Error(`serving generations unchanged since the last requests: the first requests would be cached`);
  }
  const scorecardMs = await getMs(run, routes.scorecards);
  const drillDownMs = await getMs(run, routes.drillDown);
  run.ctx.log(
    `first responses: scorecard ${Math.round(scorecardMs)} ms (again: ` +
      `${Math.round(await getMs(run, routes.scorecards))} ms), drill-down ${Math.round(drillDownMs)} ms`,
  );
  const warm = await measure(run.ctx, `${run.api.url}${routes.scorecards}`, run.headers, run.load);
  run.servedAt = await generations(run.db);
  const at = `@ ${count(size)} cases`;
  const scorecard = `GET /api/scorecards`;
  return [
    {
      label: 'first scorecard (ms)',
      flat: 'time',
      figure: `${scorecard} first response after the recompute ${at}`,
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

/** 1,000 cases into one vendor-week, then that vendor-week's recompute (median of five). */
async function stepVendorWeek(run: Run, size: number, step: number): Promise<Measured[]> {
  const week = addWeeks(FIRST_INSERT_WEEK, step);
  await generateCases(run.db, run.nextId, run.nextId + INCREMENT_CASES, { week, days: 7, vendorId: 1 });
  run.nextId += INCREMENT_CASES;
  const { runs, medianMs } = await timeVendorWeek(run.db, 1, week);
  run.ctx.log(`one vendor-week (${weekLabel(week)}): ${runs.map((ms) => Math.round(ms)).join(', ')} ms`);
  const figure =
    `one vendor-week after a ${count(INCREMENT_CASES)}-case insert @ ${count(size)} cases ` +
    `(median of ${VENDOR_WEEK_RUNS})`;
  return [
    {
      label: 'one vendor-week (ms)',
      flat: 'time',
      figure,
      ours: medianMs,
      unit: 'ms',
      goal: `≤ ${VENDOR_WEEK_GOAL_MS} ms`,
      pass: medianMs <= VENDOR_WEEK_GOAL_MS,
    },
  ];
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
      run.nextId = WARM_UP_CASES;
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
      await database.drop();
    }
  },
};

export default bench;
