import { insertUser } from '@scorecard/db/auth/users';
import { listPlanEvents } from '@scorecard/db/plans/events';
import { insertCsatWeek } from '@scorecard/db/plans/fixtures.testing';
import { createPlan } from '@scorecard/db/plans/plans';
import { addWeeks, weekOf } from '@scorecard/domain/weeks';
import { enqueue, redisConnection } from '@scorecard/jobs';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { startWorkers, type WorkerRuntime } from '../runtime.ts';
import { vendorsOf } from '../recompute-scope.ts';
import {
  DAILY_PLAN_EVALUATION_CRON,
  DAILY_PLAN_EVALUATION_ID,
  scheduleDailyPlanEvaluation,
} from './daily-evaluation.ts';

const JOB_WAIT_MS = 30_000;
const w = (offset: number) => addWeeks(weekOf(new Date(), 'UTC'), offset);
const wednesdayOf = (weekStart: string) =>
  new Date(Date.parse(`${weekStart}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);

let database: TestDatabase;
let runtime: WorkerRuntime;
let events: QueueEvents;
let ownerId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig(database.url);
  runtime = startWorkers(config);
  events = new QueueEvents('metrics', {
    connection: redisConnection(config.redis.url, 'worker'),
    prefix: config.redis.queuePrefix,
  });
  await events.waitUntilReady();
  ownerId = await insertUser(database.db, {
    email: 'lead@example.test',
    name: 'Pat Lead',
    role: 'ops',
    vendorId: null,
    passwordHash: 'not-used',
    mustChangePassword: false,
  });
});
afterAll(async () => {
  await events?.close();
  await runtime?.close();
  await database?.drop();
});

async function vendorWithPlan(name: string, dueDate: string) {
  const [vendor] = await database.db.insertInto('vendors').values({ name }).returning('id').execute();
  const planId = await database.db.transaction().execute((trx) =>
    createPlan(
      trx,
      { userId: ownerId, kind: 'user' },
      {
        vendorId: vendor!.id,
        title: `CSAT: ${name}`,
        baselineWeek: w(-4),
        dueDate,
        ownerUserId: ownerId,
        status: 'active',
        metrics: [{ metric: 'csat', baselineValue: 50, targetValue: 80 }],
      },
    ),
  );
  return { vendorId: vendor!.id, planId };
}

async function planStatus(planId: number): Promise<string> {
  const row = await database.db.selectFrom('plans').select('status').where('id', '=', planId).executeTakeFirstOrThrow();
  return row.status;
}

/** Polls the plan until its status is not `active`, with a deadline. */
async function waitForDecision(planId: number): Promise<string> {
  const deadline = Date.now() + JOB_WAIT_MS;
  for (;;) {
    const status = await planStatus(planId);
    if (status !== 'active') return status;
    if (Date.now() > deadline) throw new Error(`plan ${planId} still active after ${JOB_WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('plans are decided after a recompute', () => {
  it('a recompute job of the vendor-weeks with two weeks on target marks the plan achieved, by the system', async () => {
    const { vendorId, planId } = await vendorWithPlan('Acme', addWeeks(w(0), 4));
    await insertCsatWeek(database.db, vendorId, w(-3), 40, 20);
    await insertCsatWeek(database.db, vendorId, w(-2), 40, 36);
    await insertCsatWeek(database.db, vendorId, w(-1), 40, 33);
    const vendorWeeks = [-3, -2, -1].map((offset) => ({ vendorId, week: w(offset) }));
    const job = await enqueue(runtime.queues, 'recompute', {
      scope: { kind: 'vendor-weeks', vendorWeeks },
      reason: 'test import',
    });
    await job.waitUntilFinished(events, JOB_WAIT_MS);

    expect(await waitForDecision(planId)).toBe('achieved');
    const history = await listPlanEvents(database.db, planId);
    expect(history.at(-1)).toMatchObject({
      kind: 'plan_status',
      actorKind: 'system',
      actorUserId: null,
      changes: { status: { from: 'active', to: 'achieved' } },
    });
    expect(history.at(-1)?.note).toContain(`from ${w(-2)}`);
  });

  it('the daily evaluation marks a plan missed once its due week is over without two weeks on target', async () => {
    const { vendorId, planId } = await vendorWithPlan('Globex', wednesdayOf(w(-2)));
    await insertCsatWeek(database.db, vendorId, w(-3), 40, 36);
    await insertCsatWeek(database.db, vendorId, w(-2), 40, 20);
    const recompute = await enqueue(runtime.queues, 'recompute', { scope: { kind: 'all' }, reason: 'test' });
    await recompute.waitUntilFinished(events, JOB_WAIT_MS);
    const job = await enqueue(runtime.queues, 'evaluate-plans', { reason: 'daily' });
    await job.waitUntilFinished(events, JOB_WAIT_MS);

    expect(await planStatus(planId)).toBe('missed');
    const history = await listPlanEvents(database.db, planId);
    expect(history.filter((e) => e.kind === 'plan_status')).toEqual([
      expect.objectContaining({ actorKind: 'system', changes: { status: { from: 'active', to: 'missed' } } }),
    ]);
    // Idempotent: evaluating again records nothing more.
    const again = await enqueue(runtime.queues, 'evaluate-plans', { reason: 'daily' });
    await again.waitUntilFinished(events, JOB_WAIT_MS);
    expect((await listPlanEvents(database.db, planId)).filter((e) => e.kind === 'plan_status')).toHaveLength(1);
  });

  it('the daily scheduler is installed once, in the reporting zone', async () => {
    await scheduleDailyPlanEvaluation(runtime.queues, 'Asia/Manila');
    await scheduleDailyPlanEvaluation(runtime.queues, 'Asia/Manila');
    expect(await runtime.queues.metrics.getJobScheduler(DAILY_PLAN_EVALUATION_ID)).toMatchObject({
      pattern: DAILY_PLAN_EVALUATION_CRON,
      tz: 'Asia/Manila',
    });
    await runtime.queues.metrics.removeJobScheduler(DAILY_PLAN_EVALUATION_ID);
  });

  it('evaluates only the vendors a vendor-weeks recompute touched', () => {
    expect(
      vendorsOf({
        kind: 'vendor-weeks',
        vendorWeeks: [
          { vendorId: 3, week: w(-1) },
          { vendorId: 1, week: w(-1) },
          { vendorId: 3, week: w(-2) },
        ],
      }),
    ).toEqual([1, 3]);
    expect(vendorsOf({ kind: 'all' })).toBeUndefined();
  });
});
