/**
 * A bad file never takes the worker down. Every hostile file is uploaded beside a valid one and all
 * of them run at once on one real worker process (concurrency 2): each bad import fails with a message naming
 * what was wrong and where (or rejects just its bad rows), each valid import succeeds with exact counts, and the
 * worker process is still alive at the end. The bounds are small here so that the gzip bomb runs in seconds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Config } from '@scorecard/config';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { TEAM_MAPPING, upload, waitForImport, type ImportView } from '../../../../test/imports.ts';
import { WORKER_ARGS } from '../../../worker/src/entry.ts';
import { buildApp } from '../app.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const MAX_RECORD_BYTES = 2 * 1024 * 1024;
const MAX_DECOMPRESSED_BYTES = 3 * 1024 * 1024;
const MAX_COMPRESSION_RATIO = 200;
const SNIFF_SAMPLE_BYTES = 64 * 1024;

const mapping = JSON.stringify(TEAM_MAPPING);
const HEADER = 'id,created,team,channel,queue';

function goodRow(prefix: string, i: number): string {
  return `${prefix}-${i},2026-11-${String(16 + (i % 5)).padStart(2, '0')} 09:00:00,Acme,email,Q${i % 3}`;
}
function goodRows(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => goodRow(prefix, i));
}
/** Good rows enough to carry a file past the 64 KiB the format is sniffed from. */
function pastSample(prefix: string): string[] {
  const rows: string[] = [];
  let bytes = HEADER.length;
  while (bytes < SNIFF_SAMPLE_BYTES * 1.5) {
    rows.push(goodRow(prefix, rows.length));
    bytes += rows.at(-1)!.length + 1;
  }
  return rows;
}
const csv = (rows: string[]) => Buffer.from(`${[HEADER, ...rows].join('\n')}\n`);

interface Expectation {
  status: 'failed' | 'succeeded';
  /** For a failed import: the text its error must contain. */
  error?: RegExp;
  rowsLoaded?: number;
  rowsRejected?: number;
  /** For a succeeded import: what its rejects must say, in line order. */
  rejects?: { line: number; reason: RegExp }[];
}

function hostileFiles(): { name: string; content: Buffer; expect: Expectation }[] {
  const files: { name: string; content: Buffer; expect: Expectation }[] = [];

  const quoted = [...goodRows('quote', 5), 'quote-5,"2026-11-16 09:00:00,Acme,email,Q1', ...goodRows('quote-after', 3)];
  files.push({
    name: 'unclosed-quote.csv',
    content: csv(quoted),
    expect: {
      status: 'failed',
      error: new RegExp(`Line ${quoted.indexOf(quoted[5]!) + 2}: a quoted field .* never closed`),
    },
  });

  const whole = gzipSync(csv(goodRows('gzip-cut', 20_000)));
  files.push({
    name: 'truncated.csv.gz',
    content: whole.subarray(0, Math.floor(whole.length / 2)),
    expect: { status: 'failed', error: /gzip data is truncated or corrupt near compressed byte \d+/ },
  });

  // One field of 64 MiB without a newline: about 1,000 times its compressed size.
  const bomb = gzipSync(Buffer.concat([Buffer.from(`${HEADER}\nbomb-1,`), Buffer.alloc(64 * 1024 * 1024, 'x')]));
  files.push({
    name: 'bomb.csv.gz',
    content: bomb,
    expect: { status: 'failed', error: /expands more than 200 times .*IMPORT_MAX_COMPRESSION_RATIO/ },
  });

  // Ordinary compression, but more than the decompressed bound.
  const large = goodRows('large', 90_000);
  files.push({
    name: 'large.csv.gz',
    content: gzipSync(csv(large)),
    expect: { status: 'failed', error: /decompresses to more than 3145728 bytes \(IMPORT_MAX_DECOMPRESSED_BYTES\)/ },
  });

  files.push({
    name: 'ten-mb-cell.csv',
    content: csv([...goodRows('cell', 3), `cell-3,2026-11-16 09:00:00,Acme,email,${'q'.repeat(10 * 1024 * 1024)}`]),
    expect: {
      status: 'failed',
      error: /Line 5: a row or field is longer than 2097152 characters \(IMPORT_MAX_RECORD_BYTES\)/,
    },
  });

  const longId = [...goodRows('long-id', 4), `${'L'.repeat(1024 * 1024)},2026-11-16 09:00:00,Acme,email,Q1`];
  files.push({
    name: 'one-mib-id.csv',
    content: csv(longId),
    expect: {
      status: 'succeeded',
      rowsLoaded: 4,
      rowsRejected: 1,
      rejects: [{ line: 6, reason: /external id: 1048576 characters is over the limit of 255/ }],
    },
  });

  // NUL bytes past the sniffed sample (inside it, the file is refused as binary at upload): one in a mapped
  // value, one in a row rejected for its column count, whose raw text must still be stored.
  const nulRows = pastSample('nul');
  const nulValue = nulRows.length;
  nulRows.push('nul-\u0000x,2026-11-16 09:00:00,Acme,email,Q1');
  const nulRaw = nulRows.length;
  nulRows.push('nul-short,\u0000');
  files.push({
    name: 'nul-bytes.csv',
    content: csv(nulRows),
    expect: {
      status: 'succeeded',
      rowsLoaded: nulRows.length - 2,
      rowsRejected: 2,
      rejects: [
        { line: nulValue + 2, reason: /contains a NUL character/ },
        { line: nulRaw + 2, reason: /2 field\(s\) but the header row has 5/ },
      ],
    },
  });

  const utf8Rows = pastSample('utf8');
  const badLine = utf8Rows.length + 2;
  files.push({
    name: 'invalid-utf8.csv',
    content: Buffer.concat([
      csv(utf8Rows),
      Buffer.from('utf8-bad,2026-11-16 09:00:00,Acme,email,Q'),
      Buffer.from([0xff, 0xfe, 0x0a]),
    ]),
    expect: {
      status: 'succeeded',
      rowsLoaded: utf8Rows.length,
      rowsRejected: 1,
      rejects: [{ line: badLine, reason: /not valid text in the file encoding \(invalid UTF-8\)/ }],
    },
  });
  return files;
}

let database: TestDatabase;
let config: Config;
let app: FastifyInstance;
let ops: Caller;
let worker: ChildProcess;

function spawnWorker(): ChildProcess {
  return spawn(process.execPath, WORKER_ARGS, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: config.db.url,
      REDIS_URL: config.redis.url,
      QUEUE_PREFIX: config.redis.queuePrefix,
      LOG_LEVEL: 'silent',
      WORKER_CONCURRENCY: '2',
      IMPORT_MAX_RECORD_BYTES: String(MAX_RECORD_BYTES),
      IMPORT_MAX_DECOMPRESSED_BYTES: String(MAX_DECOMPRESSED_BYTES),
      IMPORT_MAX_COMPRESSION_RATIO: String(MAX_COMPRESSION_RATIO),
    },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  config = testConfig(database.url, {
    UPLOAD_MAX_BYTES: String(64 * 1024 * 1024),
    IMPORT_MAX_RECORD_BYTES: String(MAX_RECORD_BYTES),
    IMPORT_MAX_DECOMPRESSED_BYTES: String(MAX_DECOMPRESSED_BYTES),
    IMPORT_MAX_COMPRESSION_RATIO: String(MAX_COMPRESSION_RATIO),
  });
  app = await buildApp(config);
  ops = await callerAs(app, 'ops');
  expect((await ops.post('/api/vendors', { name: 'Acme' })).statusCode).toBe(201);
  worker = spawnWorker();
});
afterAll(async () => {
  if (worker?.exitCode === null) worker.kill('SIGKILL');
  await app?.close();
  await database?.drop();
});

async function uploadFile(name: string, content: Buffer): Promise<number> {
  const response = await upload(ops, { name, content }, { mapping, timeZone: 'UTC' });
  expect(response.statusCode, `${name}: ${response.body.slice(0, 300)}`).toBe(202);
  return (response.json() as { id: number }).id;
}

async function casesWithPrefix(prefix: string): Promise<number> {
  const row = await database.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('external_id', 'like', `${prefix}-%`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('hostile files', () => {
  it('fail alone, with their message, beside valid imports on the same live worker', { timeout: 180_000 }, async () => {
    const runs: {
      name: string;
      id: number;
      expect: Expectation;
      validId: number;
      validPrefix: string;
      validRows: number;
    }[] = [];
    for (const [index, file] of hostileFiles().entries()) {
      const validPrefix = `valid${index}`;
      const validRows = 50 + index;
      const id = await uploadFile(file.name, file.content);
      const validId = await uploadFile(`${validPrefix}.csv`, csv(goodRows(validPrefix, validRows)));
      runs.push({ name: file.name, id, expect: file.expect, validId, validPrefix, validRows });
    }

    for (const run of runs) {
      const bad: ImportView = await waitForImport(ops, run.id, 120_000);
      expect(bad.status, `${run.name}: ${bad.error}`).toBe(run.expect.status);
      if (run.expect.error) expect(bad.error, run.name).toMatch(run.expect.error);
      if (run.expect.status === 'succeeded') {
        expect(bad, run.name).toMatchObject({
          rowsLoaded: run.expect.rowsLoaded,
          rowsRejected: run.expect.rowsRejected,
        });
        expect(bad.rowsRead).toBe(bad.rowsLoaded + bad.rowsRejected);
        const rejects = (await ops.get(`/api/imports/${run.id}/rejects`)).json() as {
          items: { line: number; reason: string; raw: string }[];
        };
        expect(rejects.items.map((r) => r.line)).toEqual(run.expect.rejects!.map((r) => r.line));
        for (const [i, reject] of run.expect.rejects!.entries())
          expect(rejects.items[i]!.reason).toMatch(reject.reason);
      }

      const valid = await waitForImport(ops, run.validId, 120_000);
      expect(valid, `valid import beside ${run.name}`).toMatchObject({
        status: 'succeeded',
        rowsRead: run.validRows,
        rowsLoaded: run.validRows,
        rowsRejected: 0,
      });
      expect(await casesWithPrefix(run.validPrefix)).toBe(run.validRows);
    }
    // NUL in a rejected row's raw text is kept, shown as U+2400.
    const nulRun = runs.find((r) => r.name === 'nul-bytes.csv')!;
    const nulRejects = (await ops.get(`/api/imports/${nulRun.id}/rejects`)).json() as { items: { raw: string }[] };
    expect(nulRejects.items[1]!.raw).toBe('nul-short,\u2400');

    expect(worker.exitCode, 'the worker process exited').toBeNull();
    expect(worker.signalCode).toBeNull();
  });
});
