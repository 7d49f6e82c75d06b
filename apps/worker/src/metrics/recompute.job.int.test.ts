import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueEvents } from 'bullmq';
import { enqueue, redisConnection } from '@scorecard/jobs';
import { insertCases, readParts } from '@scorecard/db/metrics/case-fixtures.testing';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { startWorkers, type WorkerRuntime } from '../runtime.ts';
import { NIGHTLY_RECOMPUTE_CRON, NIGHTLY_RECOMPUTE_ID, scheduleNightlyRecompute } from './nightly-recompute.ts';
import { resolveScope } from './recompute.job.ts';

let database: TestDatabase;
let runtime: WorkerRuntime;
let events: QueueEvents;
const JOB_WAIT_MS = 30_000;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig(database.url);
  runtime = startWorkers(config);
  events = new QueueEvents('metrics', {
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

describe('recompute job', () => {
  it('rebuilds the parts of the requested vendor-weeks', async () => {
    const [vendor] = await database.db.insertInto('vendors').values({ name: 'Gamma' }).returning('id').execute();
    await insertCases(database.db, [
      {
        id: 1,
        vendorId: vendor!.id,
        queue: 'Buyer',
        channel: 'email',
        tier: 1,
        site: null,
        customerId: null,
        createdAt: new Date('2026-11-17T09:00:00Z'),
        firstResponseAt: new Date('2026-11-17T10:00:00Z'),
        solvedAt: null,
        reopenCount: null,
        handleSeconds: null,
        waitSeconds: null,
        answered: null,
        abandoned: null,
        csatScore: null,
        csatScale: null,
        csatAt: null,
        escalated: null,
        firstContactResolved: null,
      },
    ]);
    const job = await enqueue(runtime.queues, 'recompute', {
      scope: { kind: 'vendor-weeks', vendorWeeks: [{ vendorId: vendor!.id, week: '2026-11-16' }] },
      reason: 'test',
    });
    await job.waitUntilFinished(events, JOB_WAIT_MS);
    const parts = await readParts(database.db);
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ week: '2026-11-16', parts: { volume: 1, asyncDue: 1, asyncMet: 1, frtCount: 1 } });
  });

  it('a full recompute (re)installs the nightly scheduler in the reporting time zone', async () => {
    await database.db.updateTable('organisation_settings').set({ reporting_time_zone: 'Asia/Manila' }).execute();
    const job = await enqueue(runtime.queues, 'recompute', { scope: { kind: 'all' }, reason: 'test' });
    await job.waitUntilFinished(events, JOB_WAIT_MS);
    const scheduler = await runtime.queues.metrics.getJobScheduler(NIGHTLY_RECOMPUTE_ID);
    expect(scheduler).toMatchObject({ pattern: NIGHTLY_RECOMPUTE_CRON, tz: 'Asia/Manila' });
    // Upserting again keeps one scheduler.
    await scheduleNightlyRecompute(runtime.queues, 'Asia/Manila');
    expect(await runtime.queues.metrics.getJobSchedulersCount()).toBe(1);
  });
});

describe('resolveScope', () => {
  it('turns the last 8 weeks (current included) into a since-week in the reporting zone', () => {
    // Monday 2026-11-23 01:00 in Manila is still Sunday in UTC.
    const now = new Date('2026-11-22T17:00:00Z');
    expect(resolveScope({ kind: 'recent', weeks: 8 }, 'Asia/Manila', now)).toEqual({
      kind: 'since',
      week: '2026-10-05',
    });
    expect(resolveScope({ kind: 'recent', weeks: 8 }, 'UTC', now)).toEqual({ kind: 'since', week: '2026-09-28' });
    expect(resolveScope({ kind: 'all' }, 'UTC', now)).toEqual({ kind: 'all' });
  });
});
