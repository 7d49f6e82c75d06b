/**
 * docs/definitions.md: a worker killed mid-import loses nothing and duplicates nothing. A real worker process is killed
 * with SIGKILL while it streams a large file; a second process retries the job; the cases (and rejects)
 * must equal those of an uninterrupted run of the same file into another database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Config } from '@scorecard/config';
import type { Db } from '@scorecard/db/database';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { buildApp } from '../app.ts';
import { upload, waitForImport } from '../../../../test/imports.ts';
import { startWorkers } from '../../../worker/src/runtime.ts';
import { WORKER_ARGS } from '../../../worker/src/entry.ts';

const ROWS = 200_000;
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const VENDORS = ['Acme', 'Globex', 'Initech'];

/** Deterministic generic-format export: repeated ids (the last row wins), a bad row every 997. */
function generateExport(rows: number): Buffer {
  const lines = [
    'external_id,vendor,created_at,first_response_at,solved_at,channel,queue,customer_id,csat_score,updated_at',
  ];
  const base = Date.UTC(2026, 8, 7);
  for (let i = 0; i < rows; i += 1) {
    const created = base + i * 37_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const solved = i % 5 === 0 ? '' : iso(created + 3_600_000 + (i % 13) * 60_000);
    const csat = i % 4 === 0 ? String(1 + (i % 5)) : '';
    // A bad required value rejects the row (a bad optional one would only be a warning).
    const channel = i % 997 === 0 ? 'fax' : i % 2 ? 'email' : 'chat';
    lines.push(
      `T${i % 190_000},${VENDORS[i % 3]},${iso(created)},${iso(created + 600_000)},${solved},` +
        `${channel},Q${i % 4},C${i % 5_000},${csat},${iso(created + 7_200_000)}`,
    );
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

/** Every column of every case except ids, load time and import id, hashed in a stable order. */
async function fingerprint(db: Db) {
  const result = await sql<{ cases: number; digest: string; rejects: number; reject_digest: string }>`
    SELECT
      (SELECT count(*)::int FROM cases) AS cases,
      (SELECT md5(string_agg(row(c.source, c.external_id, v.name, c.vendor_field, c.vendor_value, c.site, c.queue,
          c.channel, c.tier, c.customer_id, c.agent_id, c.created_at, c.first_response_at, c.solved_at, c.status,
          c.reopen_count, c.handle_seconds, c.wait_seconds, c.answered, c.abandoned, c.csat_score, c.csat_scale,
          c.csat_at, c.escalated, c.first_contact_resolved, c.updated_at, c.reported)::text, E'\n'
          ORDER BY c.source, c.external_id))
        FROM cases c LEFT JOIN vendors v ON v.id = c.vendor_id) AS digest,
      (SELECT count(*)::int FROM import_rejects) AS rejects,
      (SELECT md5(string_agg(row(line, column_name, reason, raw)::text, E'\n' ORDER BY line)) FROM import_rejects)
        AS reject_digest`.execute(db);
  return result.rows[0];
}

function spawnWorker(config: Config): ChildProcess {
  const child = spawn(process.execPath, WORKER_ARGS, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: config.db.url,
      REDIS_URL: config.redis.url,
      QUEUE_PREFIX: config.redis.queuePrefix,
      LOG_LEVEL: 'silent',
      WORKER_CONCURRENCY: '1',
      WORKER_LOCK_MS: '2000',
      WORKER_STALLED_INTERVAL_MS: '1000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function importRow(db: Db, id: number) {
  return db.selectFrom('imports').select(['status', 'rows_read']).where('id', '=', id).executeTakeFirstOrThrow();
}

let file: Buffer;
let crashed: { database: TestDatabase; app: FastifyInstance; ops: Caller; config: Config };
let clean: { database: TestDatabase; app: FastifyInstance; ops: Caller; config: Config };
const children: ChildProcess[] = [];

async function environment(env: Record<string, string> = {}) {
  const database = await createTestDatabase();
  const config = testConfig(database.url, env);
  const app = await buildApp(config);
  const ops = await callerAs(app, 'ops');
  for (const name of VENDORS.slice(0, 2)) expect((await ops.post('/api/vendors', { name })).statusCode).toBe(201);
  return { database, app, ops, config };
}

beforeAll(async () => {
  file = generateExport(ROWS);
  crashed = await environment();
  clean = await environment();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const env of [crashed, clean]) {
    await env?.app.close();
    await env?.database.drop();
  }
});

describe('an import whose worker is killed', () => {
  it('ends, after the retry, with exactly the cases of an uninterrupted run', { timeout: 240_000 }, async () => {
    const first = spawnWorker(crashed.config);
    children.push(first);
    const response = await upload(crashed.ops, { name: 'big.csv', content: file });
    expect(response.statusCode, response.body).toBe(202);
    const id = (response.json() as { id: number }).id;

    const deadline = Date.now() + 60_000;
    for (;;) {
      const row = await importRow(crashed.database.db, id);
      expect(row.status, 'the import finished before the worker could be killed').not.toBe('succeeded');
      if (row.status === 'running' && row.rows_read > 0) break;
      if (Date.now() > deadline) throw new Error(`import never started: ${JSON.stringify(row)}`);
      await delay(20);
    }
    first.kill('SIGKILL');
    await once(first, 'exit');
    const atKill = await importRow(crashed.database.db, id);
    expect(atKill.status).toBe('running');
    expect(atKill.rows_read).toBeLessThan(ROWS);

    children.push(spawnWorker(crashed.config));
    const recovered = await waitForImport(crashed.ops, id, 180_000);
    expect(recovered).toMatchObject({ status: 'succeeded', rowsRead: ROWS });

    const worker = startWorkers(clean.config);
    try {
      const cleanResponse = await upload(clean.ops, { name: 'big.csv', content: file });
      const uninterrupted = await waitForImport(clean.ops, (cleanResponse.json() as { id: number }).id, 180_000);
      expect(uninterrupted).toMatchObject({ status: 'succeeded', rowsRead: ROWS });
      expect(recovered.rowsLoaded).toBe(uninterrupted.rowsLoaded);
      expect(recovered.rowsRejected).toBe(uninterrupted.rowsRejected);
      expect(recovered.rowsReplaced).toBe(uninterrupted.rowsReplaced);
      expect(recovered.rowsReplaced).toBeGreaterThan(0);
    } finally {
      await worker.close();
    }
    const [a, b] = [await fingerprint(crashed.database.db), await fingerprint(clean.database.db)];
    expect(a!.cases).toBeGreaterThan(180_000);
    expect(a!.rejects).toBeGreaterThan(0);
    expect(a).toEqual(b);
    const leftovers = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_tables WHERE tablename LIKE 'import_staging_%'`.execute(crashed.database.db);
    expect(leftovers.rows[0]!.n).toBe(0);
  });
});
