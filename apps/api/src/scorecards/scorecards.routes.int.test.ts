import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Static } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { emailCase, insertCases } from '@scorecard/db/metrics/case-fixtures.testing';
import { recompute } from '@scorecard/db/metrics/recompute';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { buildApp } from '../app.ts';
import type { Breakdown, Scorecard, Trends } from './scorecards.schemas.ts';

type ScorecardBody = Static<typeof Scorecard>;
type VendorRow = ScorecardBody['vendors'][number];
const json = <T>(response: { json(): unknown }) => response.json() as T;
/** The row of a vendor, or a failed test. */
function rowOf(body: ScorecardBody, vendorId: number): VendorRow {
  const row = body.vendors.find((v) => v.vendorId === vendorId);
  if (!row) throw new Error(`no row for vendor ${vendorId}`);
  return row;
}

let database: TestDatabase;
let app: FastifyInstance;
let admin: Caller;
let viewer: Caller;
let vendorUser: Caller;
let alpha: number;
let beta: number;
let gamma: number;

const W47 = Date.parse('2026-11-16T00:00:00Z');
const HOUR = 3_600_000;
/** `hours` after the start of 2026-W47. */
const inW47 = (hours: number) => new Date(W47 + hours * HOUR);

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  const vendors = await database.db
    .insertInto('vendors')
    .values([{ name: 'Alpha' }, { name: 'Beta' }, { name: 'Gamma' }])
    .returning('id')
    .execute();
  [alpha, beta, gamma] = vendors.map((v) => v.id) as [number, number, number];
  await insertCases(database.db, [
    // Alpha W47: SL 3/4 = 75 %, CSAT 1/2 = 50 %, AHT 250 s, FRT median 1 h
    emailCase(alpha, inW47(10), { responseHours: 1, solvedHours: 2, handleSeconds: 100, csatScore: 5 }),
    emailCase(alpha, inW47(11), { responseHours: 1, solvedHours: 3, handleSeconds: 200, csatScore: 3 }),
    emailCase(alpha, inW47(12), { responseHours: 1, solvedHours: 4, handleSeconds: 300 }),
    emailCase(alpha, inW47(13), { responseHours: 30, solvedHours: 40, handleSeconds: 400 }),
    // Alpha W46: SL 100 %
    emailCase(alpha, inW47(-100), { responseHours: 1, solvedHours: 2, handleSeconds: 100 }),
    emailCase(alpha, inW47(-90), { responseHours: 2, solvedHours: 3, handleSeconds: 100 }),
    // Beta W47: SL 100 %, CSAT 100 %, AHT 100 s
    emailCase(beta, inW47(10), { responseHours: 1, solvedHours: 2, handleSeconds: 100, csatScore: 5 }),
    emailCase(beta, inW47(20), { responseHours: 1, solvedHours: 2, handleSeconds: 100, csatScore: 4 }),
    // Gamma W47: one unsolved case only
    emailCase(gamma, inW47(10), { responseHours: 1, solvedHours: null }),
  ]);
  await recompute(database.db, { kind: 'all' });
  admin = await callerAs(app, 'admin');
  viewer = await callerAs(app, 'viewer');
  vendorUser = await callerAs(app, 'vendor', { vendorId: alpha });
  expect((await admin.put('/api/settings/metrics', { minSample: 1 })).statusCode).toBe(200);
  const ops = await callerAs(app, 'ops');
  for (const [metric, value] of [
    ['service_level', 80],
    ['csat', 80],
    ['aht', 300],
  ] as const) {
    expect((await ops.post('/api/targets', { metric, value, effectiveFrom: '2026-W01' })).statusCode).toBe(201);
  }
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

describe('GET /api/scorecards', () => {
  it('computes values, statuses, composite, rank, change and trend', async () => {
    const response = await viewer.get('/api/scorecards?week=2026-W47');
    expect(response.statusCode).toBe(200);
    const body = json<ScorecardBody>(response);
    expect(body).toMatchObject({ week: '2026-W47', weekStart: '2026-11-16', availableWeeks: ['2026-W47', '2026-W46'] });
    expect(body.metrics.map((m) => m.key)).toContain('abandon_rate');
    // Gamma's only case was answered within the SLA (SL 100 %, met): it ties with Beta; ranks 1, 1, 3.
    expect(body.vendors.map((v) => v.vendorName)).toEqual(['Beta', 'Gamma', 'Alpha']);
    const [b, g, a] = [rowOf(body, beta), rowOf(body, gamma), rowOf(body, alpha)];
    expect(b).toMatchObject({ rank: 1, composite: 100 });
    expect(a.rank).toBe(3);
    // csat 50/80 → 52.083; SL 75/80 → 78.125; AHT 300/250 capped 1.2 → 100; weights 30, 20, 15
    expect(a.composite).toBeCloseTo(((30 * (0.625 * 100)) / 1.2 + (20 * (0.9375 * 100)) / 1.2 + 15 * 100) / 65, 9);
    // 3 of 4 within the SLA; W46 was 100 %.
    expect(a.metrics.service_level).toEqual({
      value: 75,
      sample: 4,
      target: 80,
      status: 'missed',
      change: -25,
      interval: expect.any(Object) as unknown,
      changeSignificance: expect.any(Object) as unknown,
      targetSignificance: expect.any(Object) as unknown,
    });
    expect(a.metrics.csat).toMatchObject({ value: 50, sample: 2, status: 'missed' });
    expect(a.metrics.aht).toMatchObject({ value: 250, status: 'met' });
    expect(a.metrics.frt).toMatchObject({ value: 3600, sample: 4, status: 'no_target' });
    expect(g).toMatchObject({ rank: 1, composite: 100 });
    // No value, no target, no change: left out, not sent as null.
    expect(g.metrics.csat).toEqual({
      sample: 0,
      target: 80,
      status: 'no_data',
      reason: expect.any(String) as unknown,
    });
    expect(g.metrics.fcr).toEqual({ reason: 'no solved cases', sample: 0, status: 'no_data' });
    expect(response.body).not.toMatch(/NaN|Infinity|null/);
  });

  it('filters by channel: parts filtered then summed, medians from the cases', async () => {
    const body = json<ScorecardBody>(await viewer.get('/api/scorecards?week=2026-W47&channel=voice'));
    expect(body.vendors).toEqual([]);
    const a = rowOf(
      json<ScorecardBody>(await viewer.get('/api/scorecards?week=2026-W47&channel=email&queue=Buyer')),
      alpha,
    );
    expect(a.metrics.frt).toMatchObject({ value: 3600, sample: 4 });
    expect(a.metrics.service_level?.value).toBe(75);
  });

  it('shows a vendor user its own row only, its rank among all vendors only when the organisation shares it', async () => {
    const hidden = json<ScorecardBody>(await vendorUser.get('/api/scorecards?week=2026-W47'));
    expect(hidden.vendors).toHaveLength(1);
    expect(hidden.vendors[0]).toMatchObject({ vendorId: alpha });
    expect(hidden.vendors[0]).not.toHaveProperty('rank');
    expect(JSON.stringify(hidden)).not.toContain('Beta');
    expect((await admin.put('/api/settings/metrics', { shareRankWithVendors: true })).statusCode).toBe(200);
    try {
      const body = json<ScorecardBody>(await vendorUser.get('/api/scorecards?week=2026-W47'));
      expect(body.vendors).toHaveLength(1);
      expect(body.vendors[0]).toMatchObject({ vendorId: alpha, rank: 3 });
      expect(JSON.stringify(body)).not.toContain('Beta');
    } finally {
      await admin.put('/api/settings/metrics', { shareRankWithVendors: false });
    }
  });

  it('answers a future week with an empty list and defaults to the newest week with data', async () => {
    const future = await viewer.get('/api/scorecards?week=2030-W01');
    expect(future.statusCode).toBe(200);
    expect(json<ScorecardBody>(future).vendors).toEqual([]);
    expect(json<ScorecardBody>(await viewer.get('/api/scorecards')).week).toBe('2026-W47');
  });

  it.each(['2026-W60', 'yesterday', '2026-47'])('rejects the week label %s with a 400 problem', async (week) => {
    const response = await viewer.get(`/api/scorecards?week=${week}`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('rejects an unknown channel', async () => {
    expect((await viewer.get('/api/scorecards?week=2026-W47&channel=fax')).statusCode).toBe(400);
  });
});

describe('GET /api/vendors/:id/trends and /breakdown', () => {
  it('gives a weekly series per metric', async () => {
    const response = await viewer.get(`/api/vendors/${alpha}/trends?weeks=12&endWeek=2026-W47`);
    expect(response.statusCode).toBe(200);
    const body = json<Static<typeof Trends>>(response);
    expect(body.weeks).toHaveLength(12);
    expect(body.weeks.at(-1)).toBe('2026-W47');
    expect(body.series.service_level?.at(-1)).toMatchObject({
      week: '2026-W47',
      value: 75,
      target: 80,
      status: 'missed',
      sample: 4,
    });
    expect(body.series.service_level?.at(-2)).toMatchObject({ value: 100, status: 'met' });
    expect(body.series.csat?.[0]).toMatchObject({ value: null, status: 'no_data' });
  });

  it('rejects other lengths and hides other vendors from a vendor user', async () => {
    expect((await viewer.get(`/api/vendors/${alpha}/trends?weeks=13`)).statusCode).toBe(400);
    expect((await vendorUser.get(`/api/vendors/${beta}/trends`)).statusCode).toBe(404);
    expect((await vendorUser.get(`/api/vendors/${beta}/breakdown?by=queue`)).statusCode).toBe(404);
    expect((await vendorUser.get(`/api/vendors/${alpha}/trends`)).statusCode).toBe(200);
    expect((await viewer.get('/api/vendors/999999/trends')).statusCode).toBe(404);
  });

  it('breaks a vendor-week down by site with medians from the cases', async () => {
    const response = await viewer.get(`/api/vendors/${alpha}/breakdown?week=2026-W47&by=site`);
    expect(response.statusCode).toBe(200);
    const body = json<Static<typeof Breakdown>>(response);
    expect(body).toMatchObject({ by: 'site', week: '2026-W47', rows: [{ key: 'Manila' }] });
    const row = body.rows[0];
    expect(row?.metrics.service_level).toMatchObject({ value: 75, status: 'missed' });
    expect(row?.metrics.resolution_time).toMatchObject({ value: 3.5 * 3600 });
    expect(row?.metrics.csat).toMatchObject({ value: 50, detail: { responses: 2, responseRate: 0.5 } });
    expect(row?.metrics.frt).toMatchObject({ value: 3600, detail: { n: 4 } });
    expect(row?.metrics.frt?.detail.p90).toBeCloseTo(3600 + 0.7 * 29 * 3600, 6);
    expect((await viewer.get(`/api/vendors/${alpha}/breakdown?week=2026-W47&by=agent`)).statusCode).toBe(400);
  });
});
