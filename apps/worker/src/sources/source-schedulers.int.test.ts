/** On worker start the source schedulers are brought in line with the database (Redis flushed or out of step). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertSource } from '@scorecard/db/sources/sources';
import { applySourceSchedule, closeQueues, createQueues, redisConnection, type Queues } from '@scorecard/jobs';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { reconcileSourceSchedulers } from './source-schedulers.ts';

let database: TestDatabase;
let queues: Queues;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig(database.url);
  queues = createQueues(redisConnection(config.redis.url, 'producer'), config.redis.queuePrefix);
});
afterAll(async () => {
  await Promise.all((await queues.sources.getJobSchedulers()).map((s) => queues.sources.removeJobScheduler(s.key)));
  await closeQueues(queues);
  await database?.drop();
});

const source = (name: string, enabled: boolean) =>
  insertSource(database.db, {
    name,
    kind: 'sftp',
    settings: '{}',
    preset_key: 'zendesk',
    time_zone: 'UTC',
    cron: '30 1 * * *',
    schedule_time_zone: 'America/New_York',
    enabled,
  });

it('creates one scheduler per enabled source with its cron and zone, and removes the rest', async () => {
  const active = await source('Active', true);
  const paused = await source('Paused', false);
  // Left behind: a paused source's scheduler and one of a source that no longer exists.
  await applySourceSchedule(queues, { sourceId: paused.id, cron: '0 * * * *', timeZone: 'UTC', enabled: true });
  await applySourceSchedule(queues, { sourceId: 999_999, cron: '0 * * * *', timeZone: 'UTC', enabled: true });

  // The paused source's scheduler goes when its row is applied; `removed` counts those without a row.
  expect(await reconcileSourceSchedulers(database.db, queues)).toEqual({ active: 1, removed: 1 });
  const schedulers = await queues.sources.getJobSchedulers();
  expect(schedulers.map((s) => ({ key: s.key, pattern: s.pattern, tz: s.tz }))).toEqual([
    { key: `source-${active.id}`, pattern: '30 1 * * *', tz: 'America/New_York' },
  ]);
  // Idempotent: a second start changes nothing.
  expect(await reconcileSourceSchedulers(database.db, queues)).toEqual({ active: 1, removed: 0 });
});
