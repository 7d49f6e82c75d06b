/**
 * A pull's bookkeeping: a paused source never runs; failures in a row make a streak, and reaching
 * SOURCE_FAILURE_ALERT_AFTER sends one email to the ops and admin users through the real SMTP transport.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Config } from '@scorecard/config';
import { createQueues, closeQueues, redisConnection, type Queues } from '@scorecard/jobs';
import { insertSource, storeSealedSecret, updateSource } from '@scorecard/db/sources/sources';
import { sealSecret } from '@scorecard/domain/sources/secret-box';
import { createUser } from '../../../api/src/auth/users.service.ts';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { startSmtpCatcher, type SmtpCatcher } from '../reports/smtp-catcher.ts';
import { pullSource } from './pull.ts';

const ALERT_AFTER = 2;

let database: TestDatabase;
let config: Config;
let queues: Queues;
let smtp: SmtpCatcher;
let sourceId: number;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  database = await createTestDatabase();
  config = testConfig(database.url, {
    SOURCE_SECRET_KEY: randomBytes(32).toString('base64'),
    SOURCE_FAILURE_ALERT_AFTER: String(ALERT_AFTER),
    SMTP_PORT: String(smtp.port),
  });
  queues = createQueues(redisConnection(config.redis.url, 'producer'), config.redis.queuePrefix);
  for (const [role, email] of [
    ['ops', 'ops@scorecard.test'],
    ['admin', 'admin@scorecard.test'],
    ['viewer', 'viewer@scorecard.test'],
  ] as const) {
    await createUser(database.db, {
      email,
      name: role,
      role,
      vendorId: null,
      password: randomBytes(12).toString('hex'),
    });
  }
  // Nothing listens on port 9 of loopback: every pull fails to connect.
  const row = await insertSource(database.db, {
    name: 'Unreachable',
    kind: 'zendesk',
    settings: JSON.stringify({ baseUrl: 'http://127.0.0.1:9', email: 'ops@acme.example', startTime: 0 }),
    preset_key: 'zendesk',
    time_zone: 'UTC',
    cron: '0 * * * *',
    schedule_time_zone: 'UTC',
    enabled: true,
  });
  sourceId = row.id;
  await storeSealedSecret(database.db, row.id, sealSecret(config.sources.secretKey!, row.id, '{"apiToken":"t"}'));
});
afterAll(async () => {
  await closeQueues(queues);
  await database?.drop();
  await smtp?.close();
});

const pull = (n: number) =>
  pullSource({ db: database.db, queues, config }, { sourceId, trigger: 'schedule', jobId: `job-${n}` });

it('counts failures in a row and alerts ops and admin users once, when the streak reaches the threshold', async () => {
  const first = await pull(1);
  expect(first).toMatchObject({ status: 'failed', failures: 1 });
  expect(smtp.messages).toHaveLength(0);
  expect(await pull(2)).toMatchObject({ status: 'failed', failures: ALERT_AFTER });
  expect(smtp.messages).toHaveLength(1);
  const { mail, envelopeTo } = smtp.messages[0]!;
  expect(envelopeTo.sort()).toEqual(['admin@scorecard.test', 'ops@scorecard.test']);
  expect(mail.subject).toBe(`Import source "Unreachable" is failing (${ALERT_AFTER} pulls in a row)`);
  expect(mail.text).toContain('Last error:');
  expect(await pull(3)).toMatchObject({ status: 'failed', failures: ALERT_AFTER + 1 });
  expect(smtp.messages).toHaveLength(1);
});

it('a paused source never runs: no run row, no request', async () => {
  await updateSource(database.db, sourceId, { enabled: false });
  const before = await database.db.selectFrom('import_source_runs').select('id').execute();
  expect(await pull(4)).toEqual({ status: 'skipped', reason: 'paused' });
  const after = await database.db.selectFrom('import_source_runs').select('id').execute();
  expect(after).toHaveLength(before.length);
});
