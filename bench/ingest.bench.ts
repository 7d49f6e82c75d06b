/**
 * Import throughput: N generated Zendesk-format rows loaded by `psql \copy` into a bare table of
 * text columns (baseline) and by our import end to end (streamed multipart upload to a listening API →
 * worker process → cases committed). Also the worker's peak RSS (VmHWM) and two half-size files with
 * 1 vs 2 worker processes. Goals: ≤ 2 × `\copy`, ≤ 2 × the indexed-insert floor (issue 25), peak RSS ≤ 300 MB.
 * Flags: --rows (default 1,000,000; smoke 10,000).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { newApiTokenSecret } from '../apps/api/src/auth/credentials.ts';
import { buildApp } from '../apps/api/src/app.ts';
import { WORKER_ARGS } from '../apps/worker/src/entry.ts';
import { loadConfig } from '../packages/config/src/config.ts';
import { insertApiToken } from '../packages/db/src/auth/tokens.ts';
import { createDb, type Db } from '../packages/db/src/database.ts';
import { migrateToLatest } from '../packages/db/src/migrate.ts';
import { numberArg } from './lib/flags.ts';
import type { Bench, BenchContext, BenchRow } from './lib/types.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RATIO_GOAL = 2;
const FLOOR_RATIO_GOAL = 2;
const RSS_GOAL_MB = 300;
const IMPORT_TIMEOUT_MS = 30 * 60_000;

const HEADERS = [
  'Id',
  'Requester id',
  'Group',
  'Status',
  'Priority',
  'Via',
  'Created at',
  'Updated at',
  'Solved at',
  'Satisfaction Score',
  'Reopens',
  'Replies',
  'First reply time in minutes',
  'Full resolution time in minutes',
];
export const GROUPS = ['Endorsements', 'Support', 'Reimbursement Claims', 'Onboardings'];
const VIAS = ['Mail', 'Mail', 'Mail', 'Web Form', 'Chat', 'Internal Communication'];
const SCORES = ['', '', '', 'Offered', '5', '4', '3', '1'];
const BASE_MS = Date.UTC(2026, 0, 5);

function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** Deterministic Zendesk export rows with ids `first + 1 …`, written with backpressure. */
export async function generateZendesk(file: string, rows: number, first: number): Promise<void> {
  const out = createWriteStream(file);
  let chunk = `${HEADERS.join(',')}\r\n`;
  for (let n = first; n < first + rows; n += 1) {
    const created = BASE_MS + n * 23_000;
    const solved = n % 7 === 0 ? null : created + 3_600_000 + (n % 97) * 60_000;
    const firstReplyMinutes = 5 + (n % 61);
    chunk +=
      `${n + 1},${10_000_000_000_000 + (n % 50_000)},${GROUPS[n % 4]},${solved ? 'Closed' : 'Open'},Low,` +
      `${VIAS[n % VIAS.length]},${stamp(created)},${stamp(solved ?? created + 60_000)},` +
      `${solved ? stamp(solved) : '1900-01-01 00:00:00'},${SCORES[n % SCORES.length]},${n % 11 === 0 ? 1 : 0},` +
      `${1 + (n % 4)},${firstReplyMinutes},${solved ? Math.round((solved - created) / 60_000) : ''}\r\n`;
    if (chunk.length >= 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'close');
}

async function admin(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function createDatabase(adminUrl: string, label: string) {
  const name = `scorecard_bench_ingest_${label}_${randomBytes(4).toString('hex')}`;
  await admin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

function run(command: string, args: string[]): Promise<void> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited ${code}: ${stderr}`)))),
  );
}

/** psql \copy of the same file into a bare table of text columns: the floor for loading these bytes. */
async function baselineCopyMs(ctx: BenchContext, file: string): Promise<number> {
  const database = await createDatabase(ctx.adminUrl, 'copy');
  try {
    await run('psql', [
      '-X',
      '-q',
      database.url,
      '-c',
      `CREATE TABLE bare (${HEADERS.map((h) => `"${h}" text`).join(', ')})`,
    ]);
    const started = performance.now();
    await run('psql', ['-X', '-q', database.url, '-c', `\\copy bare FROM '${file}' WITH (FORMAT csv, HEADER true)`]);
    return performance.now() - started;
  } finally {
    await database.drop();
  }
}

/**
 * The database's share that no import code can avoid: one INSERT … SELECT of the committed cases into an
 * empty copy of `cases` with all its indexes and checks (no triggers), in the same database, afterwards.
 */
async function indexedInsertFloorMs(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TABLE floor_cases (LIKE cases INCLUDING ALL)');
    const started = performance.now();
    await client.query('INSERT INTO floor_cases OVERRIDING SYSTEM VALUE SELECT * FROM cases');
    const ms = performance.now() - started;
    await client.query('DROP TABLE floor_cases');
    return ms;
  } finally {
    await client.end();
  }
}

async function peakRssMb(pid: number | undefined): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  if (!match) throw new Error(`no VmHWM for pid ${pid}`);
  return Number(match[1]) / 1024;
}

export async function startWorkerProcess(env: NodeJS.ProcessEnv, log: (msg: string) => void): Promise<ChildProcess> {
  const child = spawn(process.execPath, WORKER_ARGS, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (c: Buffer) => log(`worker: ${c.toString().trimEnd()}`));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
      if (output.includes('[worker] listening')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited ${code} before it was ready`)));
  });
  child.stdout?.resume();
  return child;
}

/** A multipart body streamed from disk: the file never sits in memory. */
function multipartStream(file: string, boundary: string): Readable {
  async function* parts() {
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="preset"\r\n\r\nzendesk\r\n`);
    yield Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${path.basename(file)}"\r\nContent-Type: text/csv\r\n\r\n`,
    );
    yield* createReadStream(file, { highWaterMark: 1 << 20 });
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  return Readable.from(parts());
}

/**
 * Streams every file (Zendesk preset) to POST /api/imports of the API at `apiUrl` at once and polls `imports` until
 * all succeeded (throws when one failed). Returns the time from the first upload to all committed (`ms`), and from
 * the imports' own timestamps the upload's share and job start → all committed.
 */
export async function uploadAndCommit(db: Db, apiUrl: string, token: string, files: readonly string[]) {
  const started = performance.now();
  const ids = await Promise.all(
    files.map(async (file) => {
      const boundary = `bench${randomBytes(8).toString('hex')}`;
      const response = await fetch(`${apiUrl}/api/imports`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        body: Readable.toWeb(multipartStream(file, boundary)) as ReadableStream,
        duplex: 'half',
      });
      if (response.status !== 202) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { id: number }).id;
    }),
  );
  const deadline = Date.now() + IMPORT_TIMEOUT_MS;
  for (;;) {
    const rows = await db
      .selectFrom('imports')
      .select(['id', 'status', 'error', 'rows_loaded'])
      .where('id', 'in', ids)
      .execute();
    const failed = rows.find((r) => r.status === 'failed');
    if (failed) throw new Error(`import ${failed.id} failed: ${failed.error}`);
    if (rows.every((r) => r.status === 'succeeded')) break;
    if (Date.now() > deadline) throw new Error('imports did not finish in time');
    await delay(100);
  }
  const ms = performance.now() - started;
  const phases = await db
    .selectFrom('imports')
    .select((eb) => [
      eb.fn.min('created_at').as('uploaded'),
      eb.fn.min('started_at').as('started'),
      eb.fn.max('finished_at').as('finished'),
    ])
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  const at = (value: unknown) => new Date(value as string).getTime();
  return {
    ms,
    uploadMs: Math.round(at(phases.uploaded) - (Date.now() - ms)),
    commitMs: at(phases.finished) - at(phases.started),
  };
}

/** Uploads `files` to a fresh database with `workers` worker processes; time from first upload to all committed. */
async function runImports(ctx: BenchContext, files: string[], workers: number) {
  const database = await createDatabase(ctx.adminUrl, `w${workers}`);
  const prefix = `bench-ingest-${randomBytes(4).toString('hex')}`;
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: ctx.redisUrl,
    QUEUE_PREFIX: prefix,
    PORT: '0',
    LOG_LEVEL: 'silent',
  };
  const config = loadConfig({
    ...env,
    UPLOAD_DIR: path.join(ctx.tmpDir, 'uploads'),
    UPLOAD_MAX_BYTES: String(4 * 1024 ** 3),
  });
  const { db } = createDb({ url: database.url, maxConnections: 2 });
  const children: ChildProcess[] = [];
  const app = await buildApp(config);
  try {
    await migrateToLatest(db);
    for (const name of GROUPS) await db.insertInto('vendors').values({ name }).execute();
    const secret = newApiTokenSecret();
    await insertApiToken(db, {
      name: 'bench',
      tokenHash: secret.hash,
      prefix: secret.prefix,
      role: 'ops',
      vendorId: null,
      createdBy: null,
    });
    for (let i = 0; i < workers; i += 1) {
      children.push(
        await startWorkerProcess({ ...process.env, ...env, WORKER_CONCURRENCY: '1' }, (msg) => ctx.log(msg)),
      );
    }
    // The recompute each import enqueues is the metrics bench's subject; paused here, it neither competes
    // for the two cores nor holds up the workers' shutdown.
    await app.queues.metrics.pause();
    const address = await app.listen({ host: '127.0.0.1', port: 0 });

    const { ms, uploadMs, commitMs } = await uploadAndCommit(db, address, secret.secret, files);
    ctx.log(
      `${workers} worker(s), ${files.length} file(s): upload ${uploadMs} ms, job start → all committed ${commitMs} ms`,
    );
    const rss = await Promise.all(children.map((c) => peakRssMb(c.pid)));
    const cases = await db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const floorMs = await indexedInsertFloorMs(database.url);
    return { ms, peakRssMb: Math.max(...rss), cases: Number(cases.n), floorMs };
  } finally {
    // Measured already; a graceful stop would wait for whatever job is still running.
    for (const child of children) {
      child.kill('SIGKILL');
      if (child.exitCode === null) await once(child, 'exit');
    }
    await Promise.all(Object.values(app.queues).map((queue) => queue.obliterate({ force: true })));
    await app.close();
    await db.destroy();
    await database.drop();
  }
}

const bench: Bench = {
  name: 'ingest',
  description: 'psql \\copy vs our import end to end (upload → worker → cases), worker peak RSS, 1 vs 2 workers',
  async run(ctx) {
    const rows = numberArg(ctx.args, 'rows', ctx.smoke ? 10_000 : 1_000_000);
    const file = path.join(ctx.tmpDir, 'zendesk.csv');
    await generateZendesk(file, rows, 0);
    ctx.log(`generated ${rows} rows (${Math.round((await stat(file)).size / 1024 ** 2)} MB)`);

    const copyMs = await baselineCopyMs(ctx, file);
    ctx.log(`psql \\copy: ${Math.round(copyMs)} ms`);
    const single = await runImports(ctx, [file], 1);
    ctx.log(
      `import: ${Math.round(single.ms)} ms, ${single.cases} cases, worker peak RSS ${Math.round(single.peakRssMb)} MB; ` +
        `INSERT … SELECT of the same cases into an indexed copy of cases: ${Math.round(single.floorMs)} ms`,
    );
    if (single.cases !== rows) throw new Error(`expected ${rows} cases, found ${single.cases}`);

    const halves = [path.join(ctx.tmpDir, 'half-a.csv'), path.join(ctx.tmpDir, 'half-b.csv')];
    await generateZendesk(halves[0]!, Math.floor(rows / 2), 0);
    await generateZendesk(halves[1]!, rows - Math.floor(rows / 2), Math.floor(rows / 2));
    const oneWorker = await runImports(ctx, halves, 1);
    const twoWorkers = await runImports(ctx, halves, 2);
    ctx.log(`two half files: 1 worker ${Math.round(oneWorker.ms)} ms, 2 workers ${Math.round(twoWorkers.ms)} ms`);

    const ratio = single.ms / copyMs;
    const result: BenchRow[] = [
      {
        figure: `load ${rows} rows: our import end to end vs psql \\copy`,
        ours: single.ms / 1000,
        baseline: copyMs / 1000,
        unit: 's',
        ratio,
        goal: `ratio ≤ ${RATIO_GOAL}`,
        pass: ratio <= RATIO_GOAL,
      },
      {
        figure: 'throughput (rows/s)',
        ours: rows / (single.ms / 1000),
        baseline: rows / (copyMs / 1000),
        unit: 'rows/s',
      },
      {
        figure: 'floor: INSERT … SELECT of the same cases into an empty indexed copy of cases',
        ours: single.floorMs / 1000,
        baseline: copyMs / 1000,
        unit: 's',
        ratio: single.floorMs / copyMs,
      },
      {
        figure: `load ${rows} rows: our import end to end vs the floor (issue 25)`,
        ours: single.ms / 1000,
        baseline: single.floorMs / 1000,
        unit: 's',
        ratio: single.ms / single.floorMs,
        goal: `ratio ≤ ${FLOOR_RATIO_GOAL}`,
        pass: single.ms / single.floorMs <= FLOOR_RATIO_GOAL,
      },
      {
        figure: 'worker peak RSS (VmHWM)',
        ours: single.peakRssMb,
        unit: 'MB',
        goal: `≤ ${RSS_GOAL_MB} MB`,
        pass: single.peakRssMb <= RSS_GOAL_MB,
      },
      {
        figure: 'two half-size files: 2 worker processes vs 1',
        ours: twoWorkers.ms / 1000,
        baseline: oneWorker.ms / 1000,
        unit: 's',
      },
    ];
    return result;
  },
};

export default bench;
