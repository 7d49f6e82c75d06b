import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { buildApp } from '../app.ts';

interface TargetBody {
  id: number;
  metric: string;
}
const json = <T>(response: { json(): unknown }) => response.json() as T;

let database: TestDatabase;
let app: FastifyInstance;
let admin: Caller;
let ops: Caller;
let viewer: Caller;
let vendorUser: Caller;
let vendorId: number;
let otherVendorId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  const vendors = await database.db
    .insertInto('vendors')
    .values([{ name: 'Alpha' }, { name: 'Beta' }])
    .returning('id')
    .execute();
  [vendorId, otherVendorId] = vendors.map((v) => v.id) as [number, number];
  admin = await callerAs(app, 'admin');
  ops = await callerAs(app, 'ops');
  viewer = await callerAs(app, 'viewer');
  vendorUser = await callerAs(app, 'vendor', { vendorId });
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

const waitingRecomputes = async () =>
  (await app.queues.metrics.getJobs(['waiting', 'delayed', 'prioritized'])).filter((j) => j.name === 'recompute') as {
    data: unknown;
  }[];

describe('/api/settings/reporting-time-zone', () => {
  it('tells every role the zone the dashboard shows weeks and times in', async () => {
    for (const caller of [admin, viewer, vendorUser]) {
      const response = await caller.get('/api/settings/reporting-time-zone');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ reportingTimeZone: 'UTC' });
    }
  });
});

describe('/api/settings/metrics', () => {
  it('reads the documented defaults', async () => {
    const response = await admin.get('/api/settings/metrics');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      reportingTimeZone: 'UTC',
      slThresholdVoiceSeconds: 20,
      slThresholdChatSeconds: 60,
      asyncSlaSeconds: 86400,
      shortAbandonSeconds: 5,
      repeatWindowSeconds: 604800,
      satisfiedScore: 4,
      minSample: 30,
      compositeWeights: { csat: 30, service_level: 20, fcr: 20, aht: 15, frt: 15 },
    });
  });

  it('enqueues a full recompute only when a definition changes', async () => {
    const before = (await waitingRecomputes()).length;
    const weightsOnly = await admin.put('/api/settings/metrics', {
      minSample: 10,
      compositeWeights: { csat: 50, fcr: 50 },
    });
    expect(weightsOnly.statusCode).toBe(200);
    expect(weightsOnly.json()).toMatchObject({
      settings: { minSample: 10, compositeWeights: { csat: 50, fcr: 50 } },
      recompute: null,
    });
    expect((await waitingRecomputes()).length).toBe(before);

    const zone = await admin.put('/api/settings/metrics', { reportingTimeZone: 'Asia/Manila' });
    expect(zone.json()).toMatchObject({
      settings: { reportingTimeZone: 'Asia/Manila' },
      recompute: { status: 'queued' },
    });
    const jobs = await waitingRecomputes();
    expect(jobs.length).toBe(before + 1);
    expect(jobs.map((j) => j.data)).toContainEqual({ scope: { kind: 'all' }, reason: 'settings changed' });
  });

  it.each([
    [{ reportingTimeZone: 'Mars/Olympus' }],
    [{ slThresholdVoiceSeconds: -1 }],
    [{ satisfiedScore: 6 }],
    [{ asyncSlaSeconds: 0 }],
    [{ compositeWeights: { speed: 10 } }],
    [{ nonsense: true }],
    [{}],
  ])('rejects %j with a 400 problem', async (body) => {
    const response = await admin.put('/api/settings/metrics', body);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('is for admins only', async () => {
    expect((await ops.get('/api/settings/metrics')).statusCode).toBe(403);
    expect((await viewer.put('/api/settings/metrics', { minSample: 1 })).statusCode).toBe(403);
  });
});

describe('POST /api/recompute', () => {
  it('enqueues a full recompute for an admin, refuses others', async () => {
    const response = await admin.post('/api/recompute');
    expect(response.statusCode).toBe(202);
    const job = await app.queues.metrics.getJob(json<{ jobId: string }>(response).jobId);
    expect(job?.data).toEqual({ scope: { kind: 'all' }, reason: 'requested by an admin' });
    expect((await ops.post('/api/recompute')).statusCode).toBe(403);
  });
});

describe('/api/targets', () => {
  it('creates, lists, refuses duplicates and mixed segments, deletes', async () => {
    const created = await ops.post('/api/targets', { metric: 'csat', value: 85, vendorId, effectiveFrom: '2026-W40' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      metric: 'csat',
      value: 85,
      vendorId,
      channel: null,
      queue: null,
      effectiveFrom: '2026-W40',
    });
    expect(
      (await ops.post('/api/targets', { metric: 'csat', value: 90, vendorId, effectiveFrom: '2026-W40' })).statusCode,
    ).toBe(409);
    expect(
      (
        await ops.post('/api/targets', {
          metric: 'csat',
          value: 90,
          channel: 'chat',
          queue: 'Buyer',
          effectiveFrom: '2026-W40',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await ops.post('/api/targets', { metric: 'volume', value: 90, effectiveFrom: '2026-W40' })).statusCode,
    ).toBe(400);
    expect((await ops.post('/api/targets', { metric: 'csat', value: 90, effectiveFrom: '2026-W54' })).statusCode).toBe(
      400,
    );
    expect(
      (await ops.post('/api/targets', { metric: 'csat', value: 90, vendorId: 999999, effectiveFrom: '2026-W40' }))
        .statusCode,
    ).toBe(400);
    await ops.post('/api/targets', { metric: 'fcr', value: 70, vendorId: otherVendorId, effectiveFrom: '2026-W40' });
    await ops.post('/api/targets', { metric: 'aht', value: 300, effectiveFrom: '2026-W40' });

    expect(json<{ items: TargetBody[] }>(await viewer.get('/api/targets')).items).toHaveLength(3);
    const own = json<{ items: TargetBody[] }>(await vendorUser.get('/api/targets')).items;
    expect(own.map((t) => t.metric).sort()).toEqual(['aht', 'csat']);

    const { id } = json<TargetBody>(created);
    expect((await vendorUser.delete(`/api/targets/${id}`)).statusCode).toBe(403);
    expect((await ops.delete(`/api/targets/${id}`)).statusCode).toBe(204);
    expect((await ops.delete(`/api/targets/${id}`)).statusCode).toBe(404);
  });
});
