import { startWorkers } from '../../../worker/src/runtime.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Config } from '@scorecard/config';
import type { WorkerRuntime } from '../../../worker/src/runtime.ts';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { buildApp } from '../app.ts';
import { upload, waitForImport } from '../../../../test/imports.ts';

let database: TestDatabase;
let config: Config;
let app: FastifyInstance;
let worker: WorkerRuntime;
let ops: Caller;

// Generic format. Team "North" has no vendor yet; N1 is solved a week after it was created.
const FILE = [
  'external_id,vendor,created_at,solved_at,channel,queue,customer_id,csat_score,csat_at',
  'N1,North,2026-11-18T10:00:00Z,2026-11-24T10:00:00Z,email,Buyer,c1,5,2026-12-02T10:00:00Z',
  'N2,North,2026-11-19T10:00:00Z,,chat,Buyer,c2,,',
  'S1,South,2026-11-19T10:00:00Z,,chat,Buyer,c3,,',
  '',
].join('\n');

beforeAll(async () => {
  database = await createTestDatabase();
  config = testConfig(database.url);
  app = await buildApp(config);
  worker = startWorkers(config);
  ops = await callerAs(app, 'ops');
});
afterAll(async () => {
  await worker?.close();
  await app?.close();
  await database?.drop();
});

async function vendorOf(externalId: string) {
  const row = await database.db
    .selectFrom('cases')
    .select('vendor_id')
    .where('external_id', '=', externalId)
    .executeTakeFirstOrThrow();
  return row.vendor_id;
}

describe('vendors', () => {
  it('creates, lists and renames vendors; names are unique', async () => {
    const created = await ops.post('/api/vendors', {
      name: 'Teleperf',
      timeZone: 'Europe/Lisbon',
      reportRecipients: ['lead@example.com'],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Teleperf',
      timeZone: 'Europe/Lisbon',
      reportRecipients: ['lead@example.com'],
    });
    expect((await ops.post('/api/vendors', { name: 'Teleperf' })).statusCode).toBe(409);
    expect((await ops.post('/api/vendors', { name: 'Bad zone', timeZone: 'Mars/Olympus' })).statusCode).toBe(400);
    const patched = await ops.patch(`/api/vendors/${created.json().id}`, { name: 'Teleperf PT' });
    expect(patched.json()).toMatchObject({ name: 'Teleperf PT' });
    expect((await ops.patch('/api/vendors/999999', { name: 'x' })).statusCode).toBe(404);
  });

  it('shows a vendor user only its own vendor, and keeps imports and mappings to ops', async () => {
    const other = (await ops.post('/api/vendors', { name: 'Other' })).json() as { id: number };
    const mine = (await ops.post('/api/vendors', { name: 'Mine' })).json() as { id: number };
    const vendorUser = await callerAs(app, 'vendor', { vendorId: mine.id });
    expect((await vendorUser.get('/api/vendors')).json().items.map((v: { id: number }) => v.id)).toEqual([mine.id]);
    expect((await vendorUser.patch(`/api/vendors/${other.id}`, { name: 'Taken over' })).statusCode).toBe(403);
    expect((await vendorUser.get('/api/imports')).statusCode).toBe(403);
    const viewer = await callerAs(app, 'viewer');
    expect(
      (await viewer.post('/api/vendor-mappings', { source: 'generic', field: 'vendor', value: 'x', vendorId: mine.id }))
        .statusCode,
    ).toBe(403);
  });
});

describe('vendor mappings', () => {
  it('re-attributes the cases of a value mapped after the import and recomputes the old and new weeks', async () => {
    const response = await upload(ops, { name: 'teams.csv', content: FILE });
    expect(response.statusCode, response.body).toBe(202);
    const view = await waitForImport(ops, (response.json() as { id: number }).id);
    expect(view.unmapped).toEqual([
      { field: 'vendor', value: 'North', caseCount: 2 },
      { field: 'vendor', value: 'South', caseCount: 1 },
    ]);
    expect((await ops.get('/api/vendor-mappings/unmapped')).json().items).toEqual([
      { source: 'generic', field: 'vendor', value: 'North', caseCount: 2 },
      { source: 'generic', field: 'vendor', value: 'South', caseCount: 1 },
    ]);

    const acme = (await ops.post('/api/vendors', { name: 'Acme BPO' })).json() as { id: number };
    const created = await ops.post('/api/vendor-mappings', {
      source: 'generic',
      field: 'vendor',
      value: 'North',
      vendorId: acme.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    const mapping = created.json() as { id: number; casesMoved: number };
    expect(mapping).toMatchObject({
      source: 'generic',
      field: 'vendor',
      value: 'North',
      vendorId: acme.id,
      vendorName: 'Acme BPO',
      casesMoved: 2,
    });
    expect([await vendorOf('N1'), await vendorOf('N2'), await vendorOf('S1')]).toEqual([acme.id, acme.id, null]);

    // N1: arrival 2026-W47, completion 2026-W48, survey 2026-W49; N2: arrival W47. The old vendor was none.
    const job = await worker.queues.metrics.getJob(`recompute-mapping-${mapping.id}-create`);
    expect(job?.data).toEqual({
      scope: {
        kind: 'vendor-weeks',
        vendorWeeks: [
          { vendorId: acme.id, week: '2026-11-16' },
          { vendorId: acme.id, week: '2026-11-23' },
          { vendorId: acme.id, week: '2026-11-30' },
        ],
      },
      reason: `vendor mapping ${mapping.id} created`,
    });
    expect((await ops.get('/api/vendor-mappings/unmapped')).json().items).toEqual([
      { source: 'generic', field: 'vendor', value: 'South', caseCount: 1 },
    ]);
    expect(
      (
        await ops.post('/api/vendor-mappings', {
          source: 'generic',
          field: 'vendor',
          value: 'North',
          vendorId: acme.id,
        })
      ).statusCode,
    ).toBe(409);

    // A mapping moves cases away from a vendor matched by name, too: both vendors' weeks are recomputed.
    const south = (await ops.post('/api/vendors', { name: 'South' })).json() as { id: number };
    const reimport = await upload(ops, {
      name: 'teams-again.csv',
      content: `${FILE}S2,South,2026-11-20T10:00:00Z,,chat,Buyer,c4,,\n`,
    });
    await waitForImport(ops, (reimport.json() as { id: number }).id);
    expect(await vendorOf('S2')).toBe(south.id);
    const moved = (
      await ops.post('/api/vendor-mappings', { source: 'generic', field: 'vendor', value: 'South', vendorId: acme.id })
    ).json() as { id: number; casesMoved: number };
    expect(await vendorOf('S2')).toBe(acme.id);
    const movedJob = await worker.queues.metrics.getJob(`recompute-mapping-${moved.id}-create`);
    expect(movedJob?.data.scope.vendorWeeks).toEqual([
      { vendorId: acme.id, week: '2026-11-16' },
      { vendorId: south.id, week: '2026-11-16' },
    ]);

    // Deleting the mapping falls back to the name rule.
    const deleted = await ops.delete(`/api/vendor-mappings/${moved.id}`);
    expect(deleted.statusCode).toBe(200);
    expect(await vendorOf('S2')).toBe(south.id);
    expect((await ops.get('/api/vendor-mappings')).json().items.map((m: { value: string }) => m.value)).toEqual([
      'North',
    ]);
  });
});
