import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveReportSchedule } from '@scorecard/db/reports/schedules';
import { reportWeekFor } from '@scorecard/domain/reports/report-model';
import { weekLabel } from '@scorecard/domain/weeks';
import {
  closeQueues,
  createQueues,
  redisConnection,
  reportSchedulerDefinition,
  reportSchedulerId,
  type Queues,
} from '@scorecard/jobs';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { reconcileReportSchedulers } from './report-schedulers.ts';

let database: TestDatabase;
let queues: Queues;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig(database.url);
  queues = createQueues(redisConnection(config.redis.url, 'producer'), config.redis.queuePrefix);
});
afterAll(async () => {
  await queues?.reports.obliterate({ force: true });
  await closeQueues(queues);
  await database?.drop();
});

/**
 * BullMQ computes the next run from max(now, startDate): a startDate just after the previous Monday is the
 * injected clock, so the scheduler's own arithmetic (cron + tz) is checked across a DST change, no sleeping.
 */
async function nextRun(vendorId: number, cron: string, timeZone: string, clock: string) {
  const { repeat, template } = reportSchedulerDefinition({ vendorId, cron, timeZone, enabled: true });
  const job = await queues.reports.upsertJobScheduler(
    reportSchedulerId(vendorId),
    { ...repeat, startDate: clock },
    template,
  );
  const scheduler = await queues.reports.getJobScheduler(reportSchedulerId(vendorId));
  const delayed = await queues.reports.getJob(job.id!);
  return { next: new Date(scheduler!.next!), firedAt: new Date(delayed!.opts.prevMillis!), job: delayed! };
}

describe('report schedulers across daylight-saving changes', () => {
  it.each([
    // Berlin springs forward on Sun 28 Mar 2027: Monday 09:00 is 08:00Z before, 07:00Z after.
    ['Europe/Berlin', '2027-03-22T08:30:00Z', '2027-03-29T07:00:00.000Z', '2027-W12'],
    // …and falls back on Sun 31 Oct 2027: 07:00Z before, 08:00Z after.
    ['Europe/Berlin', '2027-10-25T07:30:00Z', '2027-11-01T08:00:00.000Z', '2027-W43'],
    // New York springs forward on Sun 14 Mar 2027: Monday 09:00 is 14:00Z before, 13:00Z after.
    ['America/New_York', '2027-03-08T15:00:00Z', '2027-03-15T13:00:00.000Z', '2027-W10'],
  ])('%s, clock at %s: next send at %s, reporting %s', async (timeZone, clock, expected, reportedWeek) => {
    const { next, firedAt, job } = await nextRun(101, '0 9 * * 1', timeZone, clock);
    expect(next.toISOString()).toBe(expected);
    expect(firedAt.toISOString()).toBe(expected);
    expect(job.name).toBe('send-report');
    expect(job.data).toEqual({ vendorId: 101 });
    expect(weekLabel(reportWeekFor(firedAt, timeZone))).toBe(reportedWeek);
  });

  it('upserting the same vendor again replaces its scheduler instead of adding one', async () => {
    await nextRun(202, '0 9 * * 1', 'Europe/Berlin', '2027-03-22T08:30:00Z');
    await nextRun(202, '30 7 * * 2', 'Europe/Berlin', '2027-03-22T08:30:00Z');
    const ours = (await queues.reports.getJobSchedulers()).filter((s) => s.key === reportSchedulerId(202));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ pattern: '30 7 * * 2', tz: 'Europe/Berlin' });
  });
});

describe('reconciling schedulers with the database on worker start', () => {
  it('keeps one scheduler per enabled vendor (default Monday 09:00 in its zone) and removes the rest', async () => {
    const [tokyo, paused, gone] = (
      await database.db
        .insertInto('vendors')
        .values([{ name: 'Tokyo BPO', time_zone: 'Asia/Tokyo' }, { name: 'Paused BPO' }, { name: 'Gone BPO' }])
        .returning('id')
        .execute()
    ).map((v) => v.id) as [number, number, number];
    await saveReportSchedule(database.db, paused, '0 9 * * 1', false);
    await reconcileReportSchedulers(database.db, queues);
    await database.db.deleteFrom('vendors').where('id', '=', gone).execute();
    const result = await reconcileReportSchedulers(database.db, queues);

    const ids = (await queues.reports.getJobSchedulers()).map((s) => s.key);
    expect(ids).toContain(reportSchedulerId(tokyo));
    expect(ids).not.toContain(reportSchedulerId(paused));
    expect(ids).not.toContain(reportSchedulerId(gone));
    // The DST tests' schedulers (vendors 101, 202) are not in this database either.
    expect(ids).not.toContain(reportSchedulerId(101));
    expect(result.active).toBe(1);
    expect(await queues.reports.getJobScheduler(reportSchedulerId(tokyo))).toMatchObject({
      pattern: '0 9 * * 1',
      tz: 'Asia/Tokyo',
    });
  });
});
