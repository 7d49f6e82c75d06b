import { insertUser } from '@scorecard/db/auth/users';
import { enqueue, redisConnection } from '@scorecard/jobs';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { startWorkers, type WorkerRuntime } from '../runtime.ts';
import { SESSION_PURGE_CRON, SESSION_PURGE_ID, scheduleSessionPurge } from './purge-sessions.job.ts';

const JOB_WAIT_MS = 30_000;
const HOUR_MS = 3_600_000;

let database: TestDatabase;
let runtime: WorkerRuntime;
let events: QueueEvents;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig(database.url);
  runtime = startWorkers(config);
  events = new QueueEvents('maintenance', {
    connection: redisConnection(config.redis.url, 'worker'),
    prefix: config.redis.queuePrefix,
  });
  await events.waitUntilReady();
});
afterAll(async () => {
  await events?.close();
  await runtime?.close();
  await database?.drop();
});

describe('purge-sessions', () => {
  it('deletes the expired sessions and keeps the live ones', async () => {
    const userId = await insertUser(database.db, {
      email: 'lead@example.test',
      name: 'Pat Lead',
      role: 'ops',
      vendorId: null,
      passwordHash: 'not-used',
      mustChangePassword: false,
    });
    const now = Date.now();
    const sessions = [
      { hash: 'a', expiresAt: new Date(now - HOUR_MS) },
      { hash: 'b', expiresAt: new Date(now - 1000) },
      { hash: 'c', expiresAt: new Date(now + HOUR_MS) },
    ];
    await database.db
      .insertInto('sessions')
      .values(
        sessions.map((s) => ({
          id_hash: s.hash.repeat(64),
          user_id: userId,
          csrf_token: 'token',
          expires_at: s.expiresAt,
          absolute_expires_at: new Date(now + 24 * HOUR_MS),
        })),
      )
      .execute();
    const expired = sessions.filter((s) => s.expiresAt.getTime() <= now).length;

    const job = await enqueue(runtime.queues, 'purge-sessions', { reason: 'test' });
    expect(await job.waitUntilFinished(events, JOB_WAIT_MS)).toEqual({ deleted: expired });
    const left = await database.db.selectFrom('sessions').select('id_hash').execute();
    expect(left.map((s) => s.id_hash)).toEqual(['c'.repeat(64)]);
  });

  it('is scheduled hourly under a stable id', async () => {
    await scheduleSessionPurge(runtime.queues);
    await scheduleSessionPurge(runtime.queues);
    const schedulers = await runtime.queues.maintenance.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.pattern])).toEqual([[SESSION_PURGE_ID, SESSION_PURGE_CRON]]);
  });
});
