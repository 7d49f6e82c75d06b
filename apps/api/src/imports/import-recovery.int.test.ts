/**
 * Imports are never stranded. A second Redis (its own loopback port, no persistence) is restarted
 * empty under a live API and worker: imports it held are found by the reconciler and finished; a stranded
 * import can be uploaded again or retried by API; a failed one can be retried and then loads every row.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import type { Config } from '@scorecard/config';
import { markFailed } from '@scorecard/db/imports/imports';
import { RECONCILE_IMPORTS_ID } from '@scorecard/jobs';
import type { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { TEAM_MAPPING, upload, waitForImport } from '../../../../test/imports.ts';
import { freePort } from '../../../../test/ports.ts';
import { startImportReconciler } from '../../../worker/src/imports/reconcile-imports.ts';
import { startWorkers, type WorkerRuntime } from '../../../worker/src/runtime.ts';
import { buildApp } from '../app.ts';

const RECONCILE_EVERY_MS = 3_000;
const mapping = JSON.stringify(TEAM_MAPPING);

function file(prefix: string, rows: number): Buffer {
  const lines = ['id,created,team,channel,queue'];
  for (let i = 0; i < rows; i += 1) lines.push(`${prefix}-${i},2026-11-16 09:00:00,Acme,email,Q1`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

let port: number;
let redis: ChildProcess | undefined;
let database: TestDatabase;
let config: Config;
let app: FastifyInstance;
let runtime: WorkerRuntime;
let importsWorker: Worker;
let ops: Caller;
let stopReconciler: (() => void) | undefined;

async function startRedis(): Promise<void> {
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  await untilQueueAnswers();
}

/** SIGKILL and start again: everything Redis held is gone. */
async function restartRedisEmpty(): Promise<void> {
  redis!.kill('SIGKILL');
  await once(redis!, 'exit');
  await startRedis();
}

async function untilQueueAnswers(): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      if (app) await app.queues.imports.getJobCounts();
      else await delay(200);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await delay(100);
    }
  }
}

async function uploadFile(name: string, content: Buffer) {
  const response = await upload(ops, { name, content }, { mapping, timeZone: 'UTC' });
  expect(response.statusCode, response.body).toBe(202);
  return (response.json() as { id: number }).id;
}

async function statusOf(id: number): Promise<string> {
  return ((await ops.get(`/api/imports/${id}`)).json() as { status: string }).status;
}

beforeAll(async () => {
  port = await freePort();
  await startRedis();
  database = await createTestDatabase();
  config = testConfig(database.url, { REDIS_URL: `redis://127.0.0.1:${port}` });
  app = await buildApp(config);
  ops = await callerAs(app, 'ops');
  expect((await ops.post('/api/vendors', { name: 'Acme' })).statusCode).toBe(201);
  runtime = startWorkers(config);
  importsWorker = runtime.workers.find((w) => w.name === 'imports')!;
  await importsWorker.waitUntilReady();
});
afterAll(async () => {
  stopReconciler?.();
  await runtime?.close();
  await app?.close();
  await database?.drop();
  redis?.kill('SIGKILL');
});

describe('imports after a Redis restart without persistence', () => {
  it('a stranded import can be uploaded again or retried by API', { timeout: 60_000 }, async () => {
    await importsWorker.pause();
    const reuploaded = await uploadFile('a.csv', file('a', 7));
    const retried = await uploadFile('b.csv', file('b', 9));
    await restartRedisEmpty();
    expect(await statusOf(reuploaded)).toBe('queued');

    const again = await uploadFile('a.csv', file('a', 7));
    expect(again).not.toBe(reuploaded);
    const superseded = (await ops.get(`/api/imports/${reuploaded}`)).json() as { status: string; error: string };
    expect(superseded).toMatchObject({ status: 'failed', error: expect.stringMatching(/Stranded .* uploaded again/) });

    const retry = await ops.post(`/api/imports/${retried}/retry`);
    expect(retry.statusCode, retry.body).toBe(202);

    void importsWorker.resume();
    expect(await waitForImport(ops, again)).toMatchObject({ status: 'succeeded', rowsRead: 7, rowsLoaded: 7 });
    expect(await waitForImport(ops, retried)).toMatchObject({ status: 'succeeded', rowsRead: 9, rowsLoaded: 9 });
    const succeededRetry = await ops.post(`/api/imports/${retried}/retry`);
    expect(succeededRetry.statusCode).toBe(409);
    expect((await ops.post('/api/imports/999999/retry')).statusCode).toBe(404);
  });

  it('a failed import is retried by API and then loads every row', { timeout: 60_000 }, async () => {
    await importsWorker.pause();
    const id = await uploadFile('c.csv', file('c', 11));
    // As the worker leaves an import whose every attempt failed (e.g. the database was away).
    await markFailed(database.db, id, 'The import failed after 5 attempt(s): connection refused');
    const retry = await ops.post(`/api/imports/${id}/retry`);
    expect(retry.statusCode, retry.body).toBe(202);
    void importsWorker.resume();
    expect(await waitForImport(ops, id)).toMatchObject({
      status: 'succeeded',
      rowsRead: 11,
      rowsLoaded: 11,
      error: null,
    });
  });

  it(
    'strands nothing for longer than the reconciler period when Redis comes back empty',
    { timeout: 60_000 },
    async () => {
      stopReconciler = await startImportReconciler(runtime.db, runtime.queues, RECONCILE_EVERY_MS);
      await importsWorker.pause();
      const ids = [await uploadFile('d.csv', file('d', 5)), await uploadFile('e.csv', file('e', 6))];
      await restartRedisEmpty();
      const backAt = Date.now();
      void importsWorker.resume();
      for (const id of ids) {
        const deadline = backAt + RECONCILE_EVERY_MS + 2_000;
        while ((await statusOf(id)) === 'queued' && Date.now() < deadline) await delay(100);
        expect(
          await statusOf(id),
          `import ${id} still queued ${Date.now() - backAt} ms after Redis came back`,
        ).not.toBe('queued');
      }
      expect(await waitForImport(ops, ids[0]!)).toMatchObject({ status: 'succeeded', rowsLoaded: 5 });
      expect(await waitForImport(ops, ids[1]!)).toMatchObject({ status: 'succeeded', rowsLoaded: 6 });
      // The schedule lost with Redis is back.
      expect(await runtime.queues.imports.getJobScheduler(RECONCILE_IMPORTS_ID)).toBeTruthy();
    },
  );
});
