/**
 * Every built-in preset end to end on a generated export (test/preset-exports.ts), with no ../shared needed:
 * the upload names no preset, so detection picks it; the vendor column maps to vendors by name; every row is
 * accounted for (the one bad row rejected with its line); and the week's figures of each vendor equal what this
 * file computes from the cases the generator wrote, with plain loops and the definitions in docs/definitions.md.
 */
import { QueueEvents } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisConnection } from '@scorecard/jobs';
import { weekLabel } from '@scorecard/domain/weeks';
import { startWorkers, type WorkerRuntime } from '../../../worker/src/runtime.ts';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { upload, waitForImport, waitForImportRecompute } from '../../../../test/imports.ts';
import {
  EXPORT_VENDORS,
  freshdeskExport,
  genericExport,
  salesforceExport,
  telephonyExport,
  zendeskExport,
  type PresetExport,
  type WrittenCase,
} from '../../../../test/preset-exports.ts';
import { buildApp } from '../app.ts';

const JOB_WAIT_MS = 60_000;
const CASES_PER_FILE = 80;
/** Each preset's file lies in its own week (2026-W10, W11, …), so the vendors' rows never mix two files. */
const FIRST_WEEK = Date.parse('2026-03-02T00:00:00Z');
const WEEK_MS = 7 * 86_400_000;

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
  for (const name of EXPORT_VENDORS) expect((await ops.post('/api/vendors', { name })).statusCode).toBe(201);
  // Every figure is compared, however small its sample.
  const admin = await callerAs(app, 'admin');
  expect((await admin.put('/api/settings/metrics', { minSample: 1 })).statusCode).toBe(200);
});
afterAll(async () => {
  await events?.close();
  await worker?.close();
  await app?.close();
  await database?.drop();
});

/** percentile_cont(0.5): the middle value, or the mean of the middle two. */
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  const [low, high] = [sorted[Math.floor(middle)]!, sorted[Math.ceil(middle)]!];
  return low + (high - low) * (middle - Math.floor(middle));
}
const percent = (part: number, whole: number) => (whole === 0 ? null : (part / whole) * 100);
const seconds = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 1000;

/** The figures of one vendor's week, from the written cases; only the metrics the format carries. */
function expectedFigures(format: PresetExport['preset'], cases: WrittenCase[]): Record<string, number | null> {
  let [responses, satisfied, solved, reopened, escalated] = [0, 0, 0, 0, 0];
  const [responseSeconds, resolutionSeconds] = [[] as number[], [] as number[]];
  let [offered, within, abandoned, handleSum, handled] = [0, 0, 0, 0, 0];
  for (const c of cases) {
    if (c.satisfied !== null) {
      responses += 1;
      if (c.satisfied) satisfied += 1;
    }
    if (c.firstResponseAt) responseSeconds.push(seconds(c.createdAt, c.firstResponseAt));
    if (c.solvedAt) {
      solved += 1;
      resolutionSeconds.push(seconds(c.createdAt, c.solvedAt));
      if (c.reopened) reopened += 1;
      if (c.handleSeconds !== null) {
        handleSum += c.handleSeconds;
        handled += 1;
      }
    }
    if (c.escalated) escalated += 1;
    // A live call: an abandon under 5 s is left out; answered within 20 s is within the service level.
    if (c.answered) {
      offered += 1;
      if (c.waitSeconds! <= 20) within += 1;
    } else if (c.abandoned && c.waitSeconds! >= 5) {
      offered += 1;
      abandoned += 1;
    }
  }
  const volume = cases.length;
  const resolution_time = median(resolutionSeconds);
  switch (format) {
    case 'zendesk':
      return {
        volume,
        csat: percent(satisfied, responses),
        frt: median(responseSeconds),
        resolution_time,
        reopen_rate: percent(reopened, solved),
      };
    case 'freshdesk':
      return { volume, csat: percent(satisfied, responses), frt: median(responseSeconds), resolution_time };
    case 'salesforce':
      return { volume, resolution_time, escalation_rate: percent(escalated, volume) };
    case 'telephony':
      return {
        volume,
        service_level: percent(within, offered),
        abandon_rate: percent(abandoned, offered),
        aht: handled === 0 ? null : handleSum / handled,
        resolution_time,
      };
    case 'generic':
      return {
        volume,
        csat: percent(satisfied, responses),
        frt: median(responseSeconds),
        resolution_time,
        reopen_rate: percent(reopened, solved),
        escalation_rate: percent(escalated, volume),
        aht: handled === 0 ? null : handleSum / handled,
      };
  }
}

type Metrics = Record<string, { value: number | null } | undefined>;

const exports: [string, (seed: number, weekStart: Date, count: number) => PresetExport][] = [
  ['zendesk', zendeskExport],
  ['freshdesk', freshdeskExport],
  ['salesforce', salesforceExport],
  ['telephony', telephonyExport],
  ['generic', genericExport],
];

describe.each(exports.map(([key, generate], index) => ({ key, generate, index })))(
  'the $key preset on a generated export',
  { timeout: 120_000 },
  ({ key, generate, index }) => {
    const weekStart = new Date(FIRST_WEEK + index * WEEK_MS);
    const written = generate(101 + index, weekStart, CASES_PER_FILE);

    it('is detected, accounts for every row and gives the figures its cases define', async () => {
      const response = await upload(ops, { name: `${key}-export.csv`, content: written.csv });
      expect(response.statusCode, response.body).toBe(202);
      const view = await waitForImport(ops, (response.json() as { id: number }).id, JOB_WAIT_MS);
      expect(view).toMatchObject({
        status: 'succeeded',
        presetKey: key,
        rowsRead: CASES_PER_FILE + written.rejectedLines.length,
        rowsLoaded: CASES_PER_FILE,
        rowsRejected: written.rejectedLines.length,
        unmapped: [],
      });
      const rejects = (await ops.get(`/api/imports/${view.id}/rejects`)).json() as { items: { line: number }[] };
      expect(rejects.items.map((r) => r.line)).toEqual(written.rejectedLines);
      await waitForImportRecompute(database.db, worker.queues.metrics, events, view.id, JOB_WAIT_MS);

      const scorecard = await ops.get(`/api/scorecards?week=${weekLabel(weekStart.toISOString().slice(0, 10))}`);
      expect(scorecard.statusCode, scorecard.body).toBe(200);
      const rows = (scorecard.json() as { vendors: { vendorName: string; metrics: Metrics }[] }).vendors;
      expect(rows.map((r) => r.vendorName).sort()).toEqual([...EXPORT_VENDORS]);
      for (const vendor of EXPORT_VENDORS) {
        const metrics = rows.find((r) => r.vendorName === vendor)!.metrics;
        const expected = expectedFigures(
          written.preset,
          written.cases.filter((c) => c.vendor === vendor),
        );
        for (const [metric, value] of Object.entries(expected)) {
          const actual = metrics[metric]?.value ?? null;
          if (value === null) expect(actual, `${vendor} ${metric}`).toBeNull();
          else expect(actual, `${vendor} ${metric}`).toBeCloseTo(value, 6);
        }
      }
    });
  },
);
