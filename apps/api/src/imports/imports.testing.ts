/** An API and a worker on a fresh database, with an ops caller and the vendor Acme: what the import route tests run on. */
import type { Config } from '@scorecard/config';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { startWorkers, type WorkerRuntime } from '../../../worker/src/runtime.ts';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { buildApp } from '../app.ts';

export interface ImportFixture {
  database: TestDatabase;
  config: Config;
  app: FastifyInstance;
  worker: WorkerRuntime;
  ops: Caller;
  close(): Promise<void>;
}

export async function startImportFixture(env: Record<string, string> = {}): Promise<ImportFixture> {
  const database = await createTestDatabase();
  const config = testConfig(database.url, env);
  const app = await buildApp(config);
  const worker = startWorkers(config);
  const ops = await callerAs(app, 'ops');
  expect((await ops.post('/api/vendors', { name: 'Acme' })).statusCode).toBe(201);
  return {
    database,
    config,
    app,
    worker,
    ops,
    async close() {
      await worker.close();
      await app.close();
      await database.drop();
    },
  };
}
