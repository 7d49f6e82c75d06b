import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { QueueEvents } from 'bullmq';
import { sql } from 'kysely';
import { recompute } from '@scorecard/db/metrics/recompute';
import { redisConnection, enqueue } from '@scorecard/jobs';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { startWorkers, type WorkerRuntime } from '../runtime.ts';
import { sendReport } from './send-report.ts';
import { startSmtpCatcher, type SmtpCatcher } from './smtp-catcher.ts';

const WEEK = '2026-11-16'; // 2026-W47 (reporting zone UTC)
const at = (day: number, hour: number) => new Date(Date.parse(`${WEEK}T00:00:00Z`) + (day * 24 + hour) * 3_600_000);

let database: TestDatabase;
let alpha: number;
let bravo: number;
let smtp: SmtpCatcher;
let runtime: WorkerRuntime | null = null;

async function insertCase(vendorId: number, externalId: string, fields: Record<string, unknown>) {
  await database.db
    .insertInto('cases')
    .values({
      source: 'generic',
      external_id: externalId,
      vendor_id: vendorId,
      channel: 'email',
      queue: 'Buyer',
      ...fields,
    } as never)
    .execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  const vendors = await database.db
    .insertInto('vendors')
    .values([
      {
        name: 'Alpha Support',
        time_zone: 'Europe/Berlin',
        report_recipients: ['lead@alpha.example', 'ops@alpha.example'],
      },
      { name: 'Bravo Contact', time_zone: 'America/New_York', report_recipients: ['lead@bravo.example'] },
    ])
    .returning('id')
    .execute();
  [alpha, bravo] = vendors.map((v) => v.id) as [number, number];

  // Alpha: two created in W47 (one with a formula-looking queue), one created in W46 and solved in W47,
  // one created in W48 (not in the report). Bravo: cases in the same week that must never reach Alpha.
  await insertCase(alpha, 'A-1', {
    created_at: at(0, 10),
    first_response_at: at(0, 12),
    solved_at: at(1, 9),
    csat_score: 5,
    csat_scale: 5,
  });
  await insertCase(alpha, 'A-2', { created_at: at(2, 8), queue: '=HYPERLINK("http://x.example")' });
  await insertCase(alpha, 'A-3', { created_at: at(-3, 8), first_response_at: at(-3, 9), solved_at: at(3, 9) });
  await insertCase(alpha, 'A-NEXT', { created_at: at(8, 8) });
  await insertCase(bravo, 'B-SECRET-1', { created_at: at(1, 10), queue: 'BravoOnlyQueue' });
  await insertCase(bravo, 'B-SECRET-2', { created_at: at(2, 10), solved_at: at(2, 12) });
  await database.db
    .insertInto('targets')
    .values({ metric: 'escalation_rate', value: 5, effective_from: '2026-01-05' })
    .execute();
  await recompute(database.db, { kind: 'all' });
});
afterAll(async () => database?.drop());

afterEach(async () => {
  await runtime?.close();
  runtime = null;
  await smtp?.close();
  await sql`TRUNCATE report_deliveries`.execute(database.db);
});

function configFor(catcher: SmtpCatcher) {
  return testConfig(database.url, {
    SMTP_PORT: String(catcher.port),
    SMTP_FROM: 'Scorecard <reports@scorecard.test>',
    PUBLIC_URL: 'https://scorecard.test',
  });
}

async function runJob(
  config: ReturnType<typeof configFor>,
  jobId: string,
  payload: { vendorId: number; week: string },
) {
  const events = new QueueEvents('reports', {
    connection: redisConnection(config.redis.url, 'worker'),
    prefix: config.redis.queuePrefix,
  });
  await events.waitUntilReady();
  try {
    const job = await enqueue(runtime!.queues, 'send-report', payload, { jobId });
    return (await job.waitUntilFinished(events, 60_000)) as { outcome: string };
  } finally {
    await events.close();
  }
}

function deliveries() {
  return database.db.selectFrom('report_deliveries').selectAll().orderBy('id').execute();
}

describe('send-report against a real SMTP server', () => {
  beforeEach(async () => {
    smtp = await startSmtpCatcher();
  });

  it('delivers HTML, text and a CSV of exactly the vendor-week cases to the vendor recipients', async () => {
    const config = configFor(smtp);
    runtime = startWorkers(config);
    const result = await runJob(config, `report-${alpha}-${WEEK}`, { vendorId: alpha, week: WEEK });
    expect(result.outcome).toBe('sent');

    expect(smtp.messages).toHaveLength(1);
    const { mail, envelopeTo } = smtp.messages[0]!;
    expect(envelopeTo.sort()).toEqual(['lead@alpha.example', 'ops@alpha.example']);
    expect(mail.subject).toBe('Weekly scorecard 2026-W47: Alpha Support');
    expect(mail.html).toContain('Alpha Support');
    expect(mail.html).toContain(`https://scorecard.test/vendors/${alpha}?week=2026-W47`);
    expect(mail.html).toMatch(/Escalation rate[\s\S]*0\.0 %[\s\S]*5\.0 %/);
    expect(mail.text).toContain('Week 2026-W47');
    expect(mail.text).toContain('Volume');

    expect(mail.attachments).toHaveLength(1);
    const attachment = mail.attachments[0]!;
    expect(attachment.filename).toBe('cases-alpha-support-2026-W47.csv');
    const rows = parse(attachment.content, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.external_id).sort()).toEqual(['A-1', 'A-2', 'A-3']);
    const a2 = rows.find((r) => r.external_id === 'A-2')!;
    expect(a2.queue).toBe(`'=HYPERLINK("http://x.example")`);
    const a3 = rows.find((r) => r.external_id === 'A-3')!;
    expect([a3.created_this_week, a3.solved_this_week]).toEqual(['false', 'true']);

    const [row] = await deliveries();
    expect(row).toMatchObject({ vendor_id: alpha, week: WEEK, status: 'sent', attempts: 1, resend_of: null });
    expect(row!.message_id).toBe(mail.messageId);
    expect(row!.server_response).toContain('catcher-1');
  });

  it('puts nothing of another vendor into a vendor’s email', async () => {
    const config = configFor(smtp);
    await sendReport(database.db, config, { vendorId: alpha, week: WEEK, firedAt: new Date() });
    await sendReport(database.db, config, { vendorId: bravo, week: WEEK, firedAt: new Date() });
    expect(smtp.messages).toHaveLength(2);
    const [toAlpha, toBravo] = smtp.messages.map(
      (m) => m.raw.toString('utf8') + (m.mail.attachments[0]?.content.toString('utf8') ?? ''),
    );
    for (const secret of ['Bravo', 'B-SECRET', 'BravoOnlyQueue', 'bravo.example'])
      expect(toAlpha).not.toContain(secret);
    for (const secret of ['Alpha', 'A-1', 'A-2', 'A-3', 'HYPERLINK', 'alpha.example'])
      expect(toBravo).not.toContain(secret);
    expect(smtp.messages[1]!.envelopeTo).toEqual(['lead@bravo.example']);
  });

  it('sends once when the same job runs twice', async () => {
    const config = configFor(smtp);
    runtime = startWorkers(config);
    const first = await runJob(config, 'first-run', { vendorId: alpha, week: WEEK });
    const second = await runJob(config, 'second-run', { vendorId: alpha, week: WEEK });
    expect([first.outcome, second.outcome]).toEqual(['sent', 'skipped']);
    expect(smtp.messages).toHaveLength(1);
    expect(await deliveries()).toHaveLength(1);
  });

  it('sends once when workers race for the same vendor-week', async () => {
    const config = configFor(smtp);
    // Four senders at once, on two database pools, as separate workers would be.
    const other = startWorkers(config);
    try {
      const results = await Promise.all(
        [database.db, other.db, database.db, other.db].map((db) =>
          sendReport(db, config, { vendorId: alpha, week: WEEK, firedAt: new Date() }),
        ),
      );
      expect(results.filter((r) => r.outcome === 'sent')).toHaveLength(1);
      expect(results.filter((r) => r.outcome === 'skipped')).toHaveLength(3);
    } finally {
      await other.close();
    }
    expect(smtp.messages).toHaveLength(1);
    expect(await deliveries()).toHaveLength(1);
  });
});

describe('send-report when the SMTP server fails the first time', () => {
  beforeEach(async () => {
    smtp = await startSmtpCatcher({ failFirstData: 1 });
  });

  it('logs the failure, retries with back-off and delivers once', async () => {
    const config = configFor(smtp);
    runtime = startWorkers(config);
    const result = await runJob(config, `report-${alpha}-${WEEK}`, { vendorId: alpha, week: WEEK });
    expect(result.outcome).toBe('sent');
    expect(smtp.dataCommands()).toBe(2);
    expect(smtp.messages).toHaveLength(1);
    const [row] = await deliveries();
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(row!.failed_at).not.toBeNull();
    expect(row!.error).toContain('Temporary failure');
  });
});

describe('send-report when the SMTP server answers after the client gave up', () => {
  beforeEach(async () => {
    smtp = await startSmtpCatcher({ replyDelayMs: 1_500 });
  });

  it('marks the delivery unknown, does not retry and keeps the Message-ID to check at the server', async () => {
    const config = testConfig(database.url, {
      SMTP_PORT: String(smtp.port),
      SMTP_TIMEOUT_MS: '400',
      PUBLIC_URL: 'https://scorecard.test',
    });
    runtime = startWorkers(config);
    const result = await runJob(config, `report-${alpha}-${WEEK}`, { vendorId: alpha, week: WEEK });
    expect(result.outcome).toBe('unknown');
    // The job completed (no BullMQ retry follows a completed job): the server holds the one message.
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.dataCommands()).toBe(1);
    const [row] = await deliveries();
    expect(row).toMatchObject({ status: 'unknown', attempts: 1, sent_at: null });
    expect(row!.unknown_at).not.toBeNull();
    expect(row!.error).toContain('Timeout');
    expect(smtp.messages[0]!.mail.messageId).toBe(`<report-${row!.id}.${alpha}.${WEEK}@scorecard.test>`);

    // A second run of the same vendor-week does not claim an unknown delivery.
    const again = await runJob(config, 'second-run', { vendorId: alpha, week: WEEK });
    expect(again.outcome).toBe('skipped');
    expect(smtp.dataCommands()).toBe(1);
  });
});

describe('send-report when the SMTP server is not listening at first', () => {
  it('retries after the connection is refused and delivers once', async () => {
    smtp = await startSmtpCatcher();
    const port = smtp.port;
    await smtp.close();
    const config = testConfig(database.url, { SMTP_PORT: String(port), PUBLIC_URL: 'https://scorecard.test' });
    const first = sendReport(database.db, config, { vendorId: alpha, week: WEEK, firedAt: new Date() });
    await expect(first).rejects.toThrow();
    expect((await deliveries())[0]).toMatchObject({ status: 'failed', attempts: 1 });

    smtp = await startSmtpCatcher();
    const retry = await sendReport(database.db, configFor(smtp), { vendorId: alpha, week: WEEK, firedAt: new Date() });
    expect(retry.outcome).toBe('sent');
    expect(smtp.messages).toHaveLength(1);
    const rows = await deliveries();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
