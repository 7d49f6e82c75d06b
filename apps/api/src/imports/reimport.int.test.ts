/**
 * An import is (file bytes, how they are read). The same file under a changed preset, mapping or
 * time zone imports again, re-attributes its cases and recomputes the weeks of the old and the new vendor;
 * the same file read the same way is a duplicate that says why.
 */
import { QueueEvents } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readParts } from '@scorecard/db/metrics/case-fixtures.testing';
import { redisConnection } from '@scorecard/jobs';
import { startWorkers, type WorkerRuntime } from '../../../worker/src/runtime.ts';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { upload, waitForImport, waitForImportRecompute } from '../../../../test/imports.ts';
import { buildApp } from '../app.ts';

const JOB_WAIT_MS = 30_000;
const WEEK = '2026-11-16';
const PRESET = 'helpdesk-by-team';

// Every case is handled by team Acme at site Globex: v1 of the preset attributes by team, v2 by site.
const FILE = [
  'id,created,solved,team,site,channel,updated',
  'R1,2026-11-16 09:00:00,2026-11-16 12:00:00,Acme,Globex,email,2026-11-16 12:00:00',
  'R2,2026-11-17 09:00:00,,Acme,Globex,chat,2026-11-17 09:00:00',
  '',
].join('\n');
const documentBy = (vendorColumn: string) => ({
  source: 'generic',
  vendor: { kind: 'column', column: vendorColumn },
  fields: {
    externalId: { kind: 'column', column: 'id' },
    createdAt: { kind: 'column', column: 'created' },
    solvedAt: { kind: 'column', column: 'solved' },
    channel: { kind: 'column', column: 'channel' },
    updatedAt: { kind: 'column', column: 'updated' },
  },
});

let database: TestDatabase;
let app: FastifyInstance;
let worker: WorkerRuntime;
let events: QueueEvents;
let ops: Caller;
const vendors: Record<string, number> = {};

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
  for (const name of ['Acme', 'Globex']) {
    const created = await ops.post('/api/vendors', { name });
    expect(created.statusCode, created.body).toBe(201);
    vendors[name] = (created.json() as { id: number }).id;
  }
});
afterAll(async () => {
  await events?.close();
  await worker?.close();
  await app?.close();
  await database?.drop();
});

/** Uploads FILE, expects it queued, waits for the import and for the recompute it enqueued. */
async function importFile(fields: Record<string, string>) {
  const response = await upload(ops, { name: 'export.csv', content: FILE }, fields);
  expect(response.statusCode, response.body).toBe(202);
  const view = await waitForImport(ops, (response.json() as { id: number }).id);
  expect(view).toMatchObject({ status: 'succeeded', rowsLoaded: 2, rowsRejected: 0 });
  return { view, recompute: await recomputeOf(view.id) };
}

/** The vendor-weeks the import's recompute job covered, once it has finished. */
async function recomputeOf(importId: number) {
  const job = await waitForImportRecompute(database.db, worker.queues.metrics, events, importId, JOB_WAIT_MS);
  return job.data.scope.vendorWeeks as { vendorId: number; week: string }[];
}

/** Cases counted in the stored weekly parts of `vendor` in WEEK (arrival volume, all slices). */
async function volume(vendor: string): Promise<number> {
  const parts = await readParts(database.db);
  return parts
    .filter((p) => p.vendorId === vendors[vendor] && p.week === WEEK)
    .reduce((sum, p) => sum + p.parts.volume, 0);
}

async function caseVendors() {
  const rows = await database.db
    .selectFrom('cases')
    .leftJoin('vendors', 'vendors.id', 'cases.vendor_id')
    .select(['cases.external_id', 'vendors.name'])
    .orderBy('cases.external_id')
    .execute();
  return rows.map((r) => [r.external_id, r.name]);
}

describe('re-importing the same file', () => {
  let first: number;
  let second: number;

  it('is a duplicate under the same preset, and says why', async () => {
    const created = await ops.post('/api/presets', { key: PRESET, name: 'By team', document: documentBy('team') });
    expect(created.statusCode, created.body).toBe(201);
    const { view } = await importFile({ preset: PRESET });
    first = view.id;
    expect(await caseVendors()).toEqual([
      ['R1', 'Acme'],
      ['R2', 'Acme'],
    ]);
    expect([await volume('Acme'), await volume('Globex')]).toEqual([2, 0]);

    const again = await upload(ops, { name: 'export-again.csv', content: FILE }, { preset: PRESET });
    expect(again.statusCode, again.body).toBe(200);
    const reason =
      `Same file read with the same mapping and time zone as import #${first}; ` +
      'change the preset or mapping to import it again.';
    expect(again.json()).toMatchObject({ status: 'duplicate', duplicateOf: first, duplicateReason: reason });
    const detail = (await ops.get(`/api/imports/${(again.json() as { id: number }).id}`)).json();
    expect(detail).toMatchObject({
      status: 'duplicate',
      duplicateOf: first,
      duplicateReason: reason,
      presetKey: PRESET,
      presetVersion: 1,
      rowsRead: 0,
    });
    expect((await ops.get(`/api/imports/${first}`)).json()).toMatchObject({ duplicateReason: null });
  });

  it('imports again under a new preset version, moving the cases and their weeks to the new vendor', async () => {
    const updated = await ops.put(`/api/presets/${PRESET}`, { name: 'By site', document: documentBy('site') });
    expect(updated.json()).toMatchObject({ version: 2 });

    const { view, recompute } = await importFile({ preset: PRESET });
    second = view.id;
    expect(view).toMatchObject({ presetKey: PRESET, presetVersion: 2, duplicateOf: null });
    // Both vendors' week is recomputed: the old vendor's must lose the cases.
    expect(recompute).toEqual([
      { vendorId: vendors.Acme, week: WEEK },
      { vendorId: vendors.Globex, week: WEEK },
    ]);
    expect(await caseVendors()).toEqual([
      ['R1', 'Globex'],
      ['R2', 'Globex'],
    ]);
    expect([await volume('Acme'), await volume('Globex')]).toEqual([0, 2]);

    const again = await upload(ops, { name: 'export.csv', content: FILE }, { preset: PRESET });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'duplicate', duplicateOf: second });
  });

  it('imports again when only the time zone differs', async () => {
    const { view } = await importFile({ preset: PRESET, timeZone: 'America/New_York' });
    expect(view).toMatchObject({ sourceTimeZone: 'America/New_York', duplicateOf: null });
    const r1 = await database.db
      .selectFrom('cases')
      .select(['created_at', 'import_id'])
      .where('external_id', '=', 'R1')
      .executeTakeFirstOrThrow();
    // 09:00 in New York in November is 14:00 UTC; the later updated_at makes the re-read win.
    expect(r1).toEqual({ created_at: new Date('2026-11-16T14:00:00Z'), import_id: view.id });
    expect([await volume('Acme'), await volume('Globex')]).toEqual([0, 2]);

    const utc = await upload(ops, { name: 'export.csv', content: FILE }, { preset: PRESET, timeZone: 'UTC' });
    expect(utc.json()).toMatchObject({ status: 'duplicate', duplicateOf: second });
  });
});
