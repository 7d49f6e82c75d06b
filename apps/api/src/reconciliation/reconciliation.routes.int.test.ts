/**
 * Reconciliation on the Plum Zendesk export (../shared/datasets/plum-zendesk), imported through the pipeline:
 * the help desk's business-hours figures against ours under a calendar this test defines. Skipped (with the
 * reason) where the datasets are absent.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { businessSeconds, type BusinessCalendar } from '@scorecard/domain/calendars/business-time';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { datasetFile, describeWithDatasets } from '../../../../test/datasets.ts';
import { startWorkers, type WorkerRuntime } from '../../../worker/src/runtime.ts';
import { buildApp } from '../app.ts';

const PLUM = datasetFile('plum-zendesk/da_assignment.csv');
// Plum's Zendesk schedule is not in the export; a guess a lead might start from: Mon–Sat 09:00–19:00 IST.
const calendar: BusinessCalendar = {
  timeZone: 'Asia/Kolkata',
  hours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startMinute: 9 * 60, endMinute: 19 * 60 })),
  holidays: [],
};

interface Item {
  externalId: string;
  clock: string;
  oursMinutes: number | null;
  theirsMinutes: number | null;
  differenceMinutes: number | null;
  oursCalendarMinutes: number | null;
  theirsCalendarMinutes: number | null;
  matches: boolean;
  rule: string;
}
interface Body {
  compared: number;
  mismatched: number;
  total: number;
  formula: string;
  items: Item[];
}

let database: TestDatabase;
let app: FastifyInstance;
let runtime: WorkerRuntime;
let ops: Caller;
let support: number;
let rows: Map<string, Record<string, string>>;

/** POST /api/imports as multipart: the time-zone field first, then the file. */
async function uploadCsv(caller: Caller, name: string, content: Buffer, timeZone: string) {
  const boundary = 'scorecard-reconciliation-test';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="timeZone"\r\n\r\n${timeZone}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return caller.inject({
    method: 'POST',
    url: '/api/imports',
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

/** Polls the import until it leaves queued/running, with a deadline. */
async function importStatus(caller: Caller, id: number, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status } = (await caller.get(`/api/imports/${id}`)).json<{ status: string }>();
    if (status !== 'queued' && status !== 'running') return status;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${status} after ${timeoutMs} ms`);
    await delay(100);
  }
}

/** Wall-clock 'YYYY-MM-DD HH:MM:SS' in IST (no DST) as an instant. */
const ist = (text: string) => new Date(`${text.replace(' ', 'T')}+05:30`);

describeWithDatasets('GET /api/reconciliation on the Plum Zendesk export', () => {
  beforeAll(async () => {
    const text = readFileSync(PLUM, 'utf8');
    const [header, ...lines] = text.split('\r\n').filter((l) => l !== '');
    const names = header!.split(',');
    rows = new Map(
      lines.map((line) => {
        const cells = line.split(',');
        return [cells[0]!, Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']))];
      }),
    );
    database = await createTestDatabase();
    const config = testConfig(database.url);
    app = await buildApp(config);
    runtime = startWorkers(config);
    ops = await callerAs(app, 'ops');
    support = (
      await database.db.insertInto('vendors').values({ name: 'Support' }).returning('id').executeTakeFirstOrThrow()
    ).id;
    const uploaded = await uploadCsv(ops, 'plum.csv', readFileSync(PLUM), 'Asia/Kolkata');
    expect(uploaded.statusCode).toBe(202);
    expect(await importStatus(ops, uploaded.json<{ id: number }>().id, 120_000)).toBe('succeeded');
    const created = await ops.post('/api/calendars', {
      name: 'Plum guess',
      timeZone: 'Asia/Kolkata',
      hours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '09:00', end: '19:00' })),
    });
    expect(created.statusCode).toBe(201);
    const terms = await ops.post('/api/terms', {
      vendorId: support,
      effectiveFrom: '2023-W01',
      calendarId: created.json<{ id: number }>().id,
      frtBasis: 'business',
      resolutionBasis: 'business',
    });
    expect(terms.statusCode).toBe(201);
  }, 180_000);
  afterAll(async () => {
    await runtime?.close();
    await app?.close();
    await database?.drop();
  });

  it('lists full-resolution business minutes that differ from ours, with both values and a rule', async () => {
    const response = await ops.get(
      `/api/reconciliation?vendorId=${support}&week=2023-W16&metric=resolution_time&tolerance=1&onlyMismatches=false&limit=1000`,
    );
    expect(response.statusCode).toBe(200);
    const body = response.json<Body>();
    expect(body.formula).toBe(
      'Resolution time: median of solved − created, business hours Mon–Sat 09:00–19:00 Asia/Kolkata',
    );
    expect(body.compared).toBeGreaterThan(100);
    expect(body.mismatched).toBeGreaterThan(0);
    expect(body.mismatched).toBeLessThan(body.compared);
    for (const item of body.items) {
      const row = rows.get(item.externalId)!;
      const ours = businessSeconds(ist(row['Created at']!), ist(row['Solved at']!), calendar) / 60;
      expect(item.clock).toBe('business');
      expect(item.theirsMinutes).toBe(Number(row['Full resolution time in minutes within business hours']));
      expect(item.oursMinutes).toBeCloseTo(ours, 2);
      expect(item.matches).toBe(Math.abs(ours - item.theirsMinutes!) <= 1);
      expect(item.rule.length).toBeGreaterThan(10);
    }
    // Mismatches come first, each explained.
    const firstMatch = body.items.findIndex((i) => i.matches);
    expect(body.items.slice(0, firstMatch).every((i) => !i.matches)).toBe(true);
  });

  it('says why first replies cannot be compared: the export has no first-reply timestamp', async () => {
    const body = (await ops.get(`/api/reconciliation?vendorId=${support}&week=2023-W16&metric=frt`)).json<Body>();
    expect(body.compared).toBeGreaterThan(100);
    expect(body.mismatched).toBe(body.compared);
    const item = body.items[0]!;
    expect(item.theirsMinutes).toBe(
      Number(rows.get(item.externalId)!['First reply time in minutes within business hours']),
    );
    expect(item.oursMinutes).toBeNull();
    expect(item.rule).toContain('no timestamp');
  });

  it('hides another vendor from a vendor user', async () => {
    const other = (
      await database.db.insertInto('vendors').values({ name: 'Elsewhere' }).returning('id').executeTakeFirstOrThrow()
    ).id;
    const vendorUser = await callerAs(app, 'vendor', { vendorId: other });
    expect((await vendorUser.get(`/api/reconciliation?vendorId=${support}&week=2023-W16&metric=frt`)).statusCode).toBe(
      404,
    );
  });
});
