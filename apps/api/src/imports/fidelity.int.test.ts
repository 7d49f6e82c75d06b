/**
 * Shown end to end: a bank ACD call log (ids unique only as line + call number, YYMMDD dates,
 * times of day, service start + seconds, calls across midnight, ghost calls, tab-separated CRLF) imported
 * through a saved preset, and a generic file with csat_scale 2 and 5 mixed. Every row is accounted for, and
 * the weekly service level, abandon rate, AHT and CSAT equal the values this file computes from the text it
 * wrote with plain loops (SPEC definitions; no product code), to 4 decimals.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { QueueEvents } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJobIds, redisConnection } from '@scorecard/jobs';
import { weekLabel } from '@scorecard/domain/weeks';
import { generateCallLog } from '../../../../scripts/demo/call-log.ts';
import { startWorkers, type WorkerRuntime } from '../../../worker/src/runtime.ts';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { multipart, upload, waitForImport, type ImportView } from '../../../../test/imports.ts';
import { callLogFacts, mondayOf } from '../../../../test/call-log-expected.ts';
import { buildApp } from '../app.ts';

const JOB_WAIT_MS = 60_000;
const VENDOR = 'First Bank BPO';
/** The log's zone: UTC+2 all year, so the test converts wall time to UTC by subtracting two hours. */
const LOG_ZONE = 'Etc/GMT-2';

let database: TestDatabase;
let app: FastifyInstance;
let worker: WorkerRuntime;
let events: QueueEvents;
let ops: Caller;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig(database.url);
  app = await buildApp(config);
  worker = startWorkers(config);
  events = new QueueEvents('metrics', {
    connection: redisConnection(config.redis.url, 'worker'),
    prefix: config.redis.queuePrefix,
  });
  await events.waitUntilReady();
  ops = await callerAs(app, 'ops');
  const admin = await callerAs(app, 'admin');
  expect((await ops.post('/api/vendors', { name: VENDOR })).statusCode).toBe(201);
  // Every week's value is compared, however few calls it has.
  expect((await admin.put('/api/settings/metrics', { minSample: 1 })).statusCode).toBe(200);
});
afterAll(async () => {
  await events?.close();
  await worker?.close();
  await app?.close();
  await database?.drop();
});

/** Uploads, waits for the import and for the recompute it enqueued. */
async function importAndRecompute(name: string, content: string, fields: Record<string, string>) {
  const response = await upload(ops, { name, content }, fields);
  expect(response.statusCode, response.body).toBe(202);
  const view = await waitForImport(ops, (response.json() as { id: number }).id, JOB_WAIT_MS);
  const { created_at } = await database.db
    .selectFrom('imports')
    .select('created_at')
    .where('id', '=', view.id)
    .executeTakeFirstOrThrow();
  const jobId = importJobIds(view.id, created_at).recompute;
  const deadline = Date.now() + JOB_WAIT_MS;
  let job = await worker.queues.metrics.getJob(jobId);
  while (!job) {
    if (Date.now() > deadline) throw new Error(`no recompute job for import ${view.id}`);
    await delay(100);
    job = await worker.queues.metrics.getJob(jobId);
  }
  await job.waitUntilFinished(events, JOB_WAIT_MS);
  return view;
}

type Metrics = Record<string, { value: number | null } | undefined>;
async function vendorMetrics(weekStart: string): Promise<Metrics> {
  const response = await ops.get(`/api/scorecards?week=${weekLabel(weekStart)}`);
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json() as { weekStart: string; vendors: { vendorName: string; metrics: Metrics }[] };
  expect(body.weekStart).toBe(weekStart);
  const row = body.vendors.find((v) => v.vendorName === VENDOR);
  if (!row) throw new Error(`no scorecard row for ${VENDOR} in ${weekStart}`);
  return row.metrics;
}

const callLogDocument = {
  source: 'telephony',
  file: { delimiter: '\t', dateFormat: 'ymd', timeZone: LOG_ZONE },
  vendor: { kind: 'constant', value: VENDOR },
  fields: {
    externalId: { kind: 'template', template: '{vru+line}-{call_id}' },
    createdAt: {
      kind: 'date-time',
      date: { kind: 'column', column: 'date' },
      time: { kind: 'column', column: 'vru_entry' },
    },
    channel: { kind: 'constant', value: 'voice' },
    queue: { kind: 'column', column: 'type' },
    customerId: { kind: 'column', column: 'customer_id' },
    agentId: { kind: 'column', column: 'server' },
    waitSeconds: { kind: 'column', column: 'q_time', unit: 's' },
    firstResponseAt: {
      kind: 'date-time',
      date: { kind: 'column', column: 'date' },
      time: { kind: 'column', column: 'ser_start' },
      after: 'createdAt',
    },
    solvedAt: {
      kind: 'date-time',
      date: { kind: 'column', column: 'date' },
      time: { kind: 'column', column: 'ser_start' },
      add: [{ kind: 'column', column: 'ser_time', unit: 's' }],
      after: 'createdAt',
    },
    handleSeconds: { kind: 'column', column: 'ser_time', unit: 's' },
    answered: { kind: 'column', column: 'outcome', map: { AGENT: 'true', HANG: 'false' } },
  },
  when: {
    agentId: { column: 'outcome', in: ['AGENT'] },
    firstResponseAt: { column: 'outcome', in: ['AGENT'] },
    solvedAt: { column: 'outcome', in: ['AGENT'] },
    handleSeconds: { column: 'outcome', in: ['AGENT'] },
  },
  skip: [{ column: 'outcome', in: ['PHANTOM'] }],
};

describe('a bank ACD call log through a saved preset', () => {
  const text = generateCallLog({ seed: 17, firstDay: '2026-11-13', days: 12, callsPerDay: 70, repeatedRows: 9 });
  let view: ImportView;

  it('saves the preset with its source zone, and imports with no zone given', async () => {
    const saved = await ops.post('/api/presets', { key: 'bank-acd', name: 'Bank ACD', document: callLogDocument });
    expect(saved.statusCode, saved.body).toBe(201);
    view = await importAndRecompute('calls.txt', text, { preset: 'bank-acd' });
    expect(view.status, view.error ?? '').toBe('succeeded');
  });

  it('accounts for every row: distinct calls loaded, repeated rows replaced, ghost calls skipped', () => {
    const facts = callLogFacts(text, 2);
    const rows = text
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.split('\t'));
    // The call number alone would have merged calls of different lines.
    expect(new Set(rows.map((cells) => cells[1])).size).toBeLessThan(facts.distinctCalls);
    expect(view).toMatchObject({
      rowsRead: facts.rowsRead,
      rowsLoaded: facts.distinctCalls,
      rowsReplaced: facts.rowsReplaced,
      rowsSkipped: facts.rowsSkipped,
      rowsRejected: 0,
      rowsWarned: 0,
    });
    expect([view.rowsReplaced, view.rowsSkipped].every((n) => Number(n) > 0)).toBe(true);
  });

  it('gives each week the service level, abandon rate and AHT computed from the file', async () => {
    const { weeks } = callLogFacts(text, 2);
    expect(weeks.size).toBeGreaterThanOrEqual(3);
    for (const [monday, w] of weeks) {
      const metrics = await vendorMetrics(monday);
      const offered = w.answered + w.abandoned;
      if (offered > 0) {
        expect(metrics.service_level?.value, `service level ${monday}`).toBeCloseTo((100 * w.within) / offered, 4);
        expect(metrics.abandon_rate?.value, `abandon rate ${monday}`).toBeCloseTo((100 * w.abandoned) / offered, 4);
      }
      if (w.solved > 0) expect(metrics.aht?.value, `AHT ${monday}`).toBeCloseTo(w.handleSeconds / w.solved, 4);
    }
  });

  it('lists the replaced and skipped rows with their lines, downloadable', async () => {
    const replaced = (await ops.get(`/api/imports/${view.id}/replaced?limit=500`)).json() as {
      items: { line: number; reason: string }[];
      total: number;
    };
    expect(replaced.total).toBe(view.rowsReplaced);
    expect(replaced.items[0]!.reason).toMatch(/^id 'AA010\d-\d+' is repeated on line \d+, which replaced this row$/);
    const skipped = await ops.get(`/api/imports/${view.id}/skipped.csv`);
    expect(skipped.statusCode).toBe(200);
    const csv = skipped.body.trimEnd().split('\r\n');
    expect(csv[0]).toBe('\uFEFFline,column,reason');
    expect(csv).toHaveLength(Number(view.rowsSkipped) + 1);
    expect(csv[1]).toMatch(/^\d+,,skipped by rule: outcome is PHANTOM$/);
  });

  it('the dry run finds the repeated ids before the import, and names the columns nothing reads', async () => {
    const response = await ops.inject({
      method: 'POST',
      url: '/api/imports/dry-run',
      ...multipart({ preset: 'bank-acd' }, { name: 'calls.txt', content: text }),
    });
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json();
    expect(preview.accounting).toMatchObject({
      complete: true,
      rowsRead: view.rowsRead,
      rowsLoaded: view.rowsLoaded,
      rowsReplaced: view.rowsReplaced,
      rowsSkipped: view.rowsSkipped,
      rowsRejected: 0,
    });
    expect(preview.accounting.duplicates.examples[0].lines).toHaveLength(2);
    expect(preview.unreadColumns).toEqual(['priority', 'vru_exit', 'vru_time', 'q_start', 'q_exit', 'ser_exit']);
  });
});

describe('a generic file with csat_scale 2 and 5 mixed', () => {
  const rows: string[][] = [];
  // Scores by case: a 1–5 score on scale 5, good/bad as 2/1 on scale 2; the scale column says which.
  for (let i = 0; i < 80; i++) {
    const scale = i % 3 === 0 ? 2 : 5;
    const score = scale === 2 ? 1 + (i % 2) : 1 + (i % 5);
    const day = 16 + (i % 10);
    const created = `2026-11-${day}T09:00:00Z`;
    rows.push([`G-${i}`, VENDOR, 'email', created, `2026-11-${day}T11:00:00Z`, String(score), String(scale)]);
  }
  // The stated scale contradicts the score: rejected with that reason.
  rows.push(['G-bad', VENDOR, 'email', '2026-11-17T09:00:00Z', '2026-11-17T10:00:00Z', '4', '2']);
  const header = ['external_id', 'vendor', 'channel', 'created_at', 'solved_at', 'csat_score', 'csat_scale'];
  const text = [header, ...rows].map((row) => row.join(',')).join('\n') + '\n';

  it('reads good as good, rejects the contradiction, and gives each week the CSAT computed from the file', async () => {
    const view = await importAndRecompute('survey.csv', text, { preset: 'generic' });
    expect(view).toMatchObject({ status: 'succeeded', rowsRead: 81, rowsLoaded: 80, rowsRejected: 1 });
    const rejects = (await ops.get(`/api/imports/${view.id}/rejects`)).json() as { items: { reason: string }[] };
    expect(rejects.items[0]!.reason).toBe('CSAT: score 4 contradicts the stated scale 2 (good/bad is 1–2)');

    const weeks = new Map<string, { satisfied: number; responses: number }>();
    for (const [, , , , solved, score, scale] of rows.slice(0, 80)) {
      const monday = mondayOf(Date.parse(solved!));
      const w = weeks.get(monday) ?? { satisfied: 0, responses: 0 };
      w.responses += 1;
      if ((scale === '2' && score === '2') || (scale === '5' && Number(score) >= 4)) w.satisfied += 1;
      weeks.set(monday, w);
    }
    for (const [monday, w] of weeks) {
      const metrics = await vendorMetrics(monday);
      expect(metrics.csat?.value, `CSAT ${monday}`).toBeCloseTo((100 * w.satisfied) / w.responses, 4);
    }
  });
});
