/**
 * End to end: a Zendesk export from the first byte of its upload to the scorecards of every week it
 * touched being served, against DuckDB reading the same file with `read_csv` into a table and computing the
 * same vendor × week × queue × channel × tier aggregate with `quantile_cont` (bench/lib/duckdb-baseline.ts).
 * Ours runs as in production: the API and one worker in their own processes, the recompute the import enqueues
 * running in that worker, then GET /api/scorecards for each touched week (first, uncached responses).
 * Parts: upload (first byte → import row), parse + normalise + COPY to staging (the import's COPY connection
 * open, observed in pg_stat_activity every 25 ms), commit (COPY closed → import succeeded), queue wait,
 * recompute (the job's own start → finish), first scorecards. Goal: total ≤ 4 × DuckDB.
 * Flags: --rows (default 1,000,000; smoke 10,000).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { newApiTokenSecret } from '../apps/api/src/auth/credentials.ts';
import { insertApiToken } from '../packages/db/src/auth/tokens.ts';
import { createDb, type Db } from '../packages/db/src/database.ts';
import { touchedWeeks } from '../packages/db/src/imports/imports.ts';
import { migrateToLatest } from '../packages/db/src/migrate.ts';
import { weekLabel } from '../packages/domain/src/weeks.ts';
import {
  closeQueues,
  createQueues,
  importJobIds,
  redisConnection,
  type Queues,
} from '../packages/jobs/src/registry.ts';
import { createBenchDatabase, startApiServer } from './api-load.bench.ts';
import { GROUPS, generateZendesk, startWorkerProcess, uploadAndCommit } from './ingest.bench.ts';
import { duckDbBaseline } from './lib/duckdb-baseline.ts';
import { numberArg } from './lib/flags.ts';
import type { ServerProcess } from './lib/processes.ts';
import type { Bench, BenchRow } from './lib/types.ts';

const RATIO_GOAL = 4;
const POLL_MS = 25;
const RECOMPUTE_TIMEOUT_MS = 30 * 60_000;

/** While `until` is pending, when the import's COPY connection (application_name scorecard-import) was last seen. */
async function watchCopyConnection(db: Db, until: Promise<unknown>): Promise<number | undefined> {
  let lastSeen: number | undefined;
  let done = false;
  void until.finally(() => (done = true)).catch(() => undefined);
  while (!done) {
    const { rows } = await sql<{ n: string }>`
      SELECT count(*) AS n FROM pg_stat_activity
      WHERE application_name = 'scorecard-import' AND datname = current_database()`.execute(db);
    if (Number(rows[0]?.n) > 0) lastSeen = Date.now();
    await delay(POLL_MS);
  }
  return lastSeen;
}

/** Waits for the recompute job the import enqueued; its own processedOn/finishedOn, epoch ms. */
async function recomputeJob(queues: Queues, jobId: string) {
  const deadline = Date.now() + RECOMPUTE_TIMEOUT_MS;
  for (;;) {
    const job = await queues.metrics.getJob(jobId);
    if (job?.failedReason) throw new Error(`recompute ${jobId} failed: ${job.failedReason}`);
    if (job?.finishedOn && job.processedOn) return { startedOn: job.processedOn, finishedOn: job.finishedOn };
    if (Date.now() > deadline) throw new Error(`recompute ${jobId} did not finish in time`);
    await delay(POLL_MS);
  }
}

async function firstScorecards(api: ServerProcess, token: string, weeks: readonly string[]) {
  for (const week of weeks) {
    const response = await fetch(`${api.url}/api/scorecards?week=${weekLabel(week)}`, {
      headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip, deflate, br, zstd' },
    });
    if (response.status !== 200) throw new Error(`scorecard ${week}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  }
}

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

const seconds = (ms: number) => ms / 1000;

const bench: Bench = {
  name: 'end-to-end',
  description: 'a Zendesk export from upload to every touched week’s scorecard served, vs DuckDB read_csv + aggregate',
  async run(ctx) {
    const rows = numberArg(ctx.args, 'rows', ctx.smoke ? 10_000 : 1_000_000);
    const file = path.join(ctx.tmpDir, 'zendesk.csv');
    await generateZendesk(file, rows, 0);
    ctx.log(`generated ${rows} rows (${Math.round((await stat(file)).size / 1024 ** 2)} MB)`);

    const duck = await duckDbBaseline(file);
    if (duck.rows !== rows) throw new Error(`DuckDB read ${duck.rows} rows, not ${rows}`);
    const duckMs = duck.readMs + duck.aggregateMs;
    ctx.log(
      `DuckDB: read_csv ${Math.round(duck.readMs)} ms, aggregate ${Math.round(duck.aggregateMs)} ms (${duck.groups} groups)`,
    );

    const database = await createBenchDatabase(ctx.adminUrl, 'e2e');
    const { db, pool } = createDb({ url: database.url, maxConnections: 2, applicationName: 'bench-e2e' });
    // Dropping the database WITH (FORCE) ends idle pooled connections: expected, not a failure.
    pool.on('error', (error) => ctx.log(`pool: ${error.message}`));
    const prefix = `bench-e2e-${randomBytes(4).toString('hex')}`;
    const queues = createQueues(redisConnection(ctx.redisUrl, 'producer'), prefix);
    let api: ServerProcess | undefined;
    let worker: ChildProcess | undefined;
    try {
      await migrateToLatest(db);
      for (const name of GROUPS) await db.insertInto('vendors').values({ name }).execute();
      const token = await opsToken(db);
      const env = { DATABASE_URL: database.url, REDIS_URL: ctx.redisUrl, QUEUE_PREFIX: prefix };
      api = await startApiServer(ctx, database.url, { QUEUE_PREFIX: prefix, UPLOAD_MAX_BYTES: String(4 * 1024 ** 3) });
      worker = await startWorkerProcess(
        { ...process.env, ...env, PORT: '0', LOG_LEVEL: 'silent', WORKER_CONCURRENCY: '1' },
        (msg) => ctx.log(msg),
      );

      const started = Date.now();
      const committing = uploadAndCommit(db, api.url, token, [file]);
      const copySeenAt = await watchCopyConnection(db, committing);
      const { uploadMs } = await committing;
      const imported = await db
        .selectFrom('imports')
        .select(['id', 'created_at', 'started_at', 'finished_at', 'rows_read', 'rows_loaded', 'rows_rejected'])
        .executeTakeFirstOrThrow();
      if (imported.rows_loaded !== rows) throw new Error(`loaded ${imported.rows_loaded} of ${rows} rows`);
      const recompute = await recomputeJob(queues, importJobIds(imported.id, imported.created_at).recompute);
      const weeks = [...new Set((await touchedWeeks(db, imported.id)).map((t) => t.week))].sort();
      const scorecardsFrom = Date.now();
      await firstScorecards(api, token, weeks);
      const finished = Date.now();

      const at = (value: unknown) => new Date(value as string).getTime();
      const jobStart = at(imported.started_at);
      const committed = at(imported.finished_at);
      const copyEnd = copySeenAt ?? jobStart;
      const parts = {
        upload: uploadMs,
        queueToJob: jobStart - at(imported.created_at),
        parse: copyEnd - jobStart,
        commit: committed - copyEnd,
        recomputeWait: recompute.startedOn - committed,
        recompute: recompute.finishedOn - recompute.startedOn,
        scorecards: finished - scorecardsFrom,
      };
      const totalMs = finished - started;
      ctx.log(
        `ours: ${totalMs} ms = ${Object.entries(parts)
          .map(([name, ms]) => `${name} ${Math.round(ms)}`)
          .join(' + ')} ms (+ polling); ${weeks.length} weeks`,
      );
      const ratio = totalMs / duckMs;
      const part = (figure: string, ms: number): BenchRow => ({ figure, ours: seconds(ms), unit: 's' });
      return [
        {
          figure: `${rows} rows: upload → every touched week's scorecard served vs DuckDB read_csv + aggregate`,
          ours: seconds(totalMs),
          baseline: seconds(duckMs),
          unit: 's',
          ratio,
          goal: `ratio ≤ ${RATIO_GOAL}`,
          pass: ratio <= RATIO_GOAL,
        },
        part('  upload (first byte → import row)', parts.upload),
        part('  parse + normalise + COPY to staging', parts.parse),
        part('  commit (staging → cases, one transaction)', parts.commit),
        part('  recompute of the touched vendor-weeks (job start → finish)', parts.recompute),
        part(`  first scorecards of the ${weeks.length} touched weeks`, parts.scorecards),
        part(
          '  waits between the parts (queue, polling)',
          totalMs - parts.upload - parts.parse - parts.commit - parts.recompute - parts.scorecards,
        ),
        { figure: '  DuckDB read_csv into a table', ours: seconds(duck.readMs), unit: 's' },
        { figure: '  DuckDB aggregate with quantile_cont', ours: seconds(duck.aggregateMs), unit: 's' },
      ];
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
