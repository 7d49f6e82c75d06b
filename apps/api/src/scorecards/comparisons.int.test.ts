/** Through the API: intervals, significance, case-mix-adjusted ranking and the gap decomposition. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Static } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { MetricCase } from '@scorecard/domain/metrics/case-facts';
import { wilsonInterval } from '@scorecard/domain/stats/intervals';
import { insertCases } from '@scorecard/db/metrics/case-fixtures.testing';
import { recompute } from '@scorecard/db/metrics/recompute';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { buildApp } from '../app.ts';
import type { MixDecomposition, Scorecard } from './scorecards.schemas.ts';

type ScorecardBody = Static<typeof Scorecard>;
const json = <T>(response: { json(): unknown }) => response.json() as T;

let database: TestDatabase;
let app: FastifyInstance;
let viewer: Caller;
let vendorUser: Caller;
let alpha: number;
let beta: number;

const W47 = Date.parse('2026-11-16T00:00:00Z');
const HOUR = 3_600_000;
let id = 1;

/** `count` solved email cases of one queue, the first `satisfied` of them rated 5, the rest 2. */
function rated(vendorId: number, queue: string, count: number, satisfied: number, weekOffsetHours = 0): MetricCase[] {
  return Array.from({ length: count }, (_, i) => {
    const createdAt = new Date(W47 + weekOffsetHours * HOUR + (10 + i) * 60_000);
    return {
      id: id++,
      vendorId,
      queue,
      channel: 'email',
      tier: 1,
      site: 'Manila',
      customerId: null,
      createdAt,
      firstResponseAt: new Date(createdAt.getTime() + HOUR),
      solvedAt: new Date(createdAt.getTime() + 2 * HOUR),
      reopenCount: 0,
      handleSeconds: 100,
      waitSeconds: null,
      answered: null,
      abandoned: null,
      csatScore: i < satisfied ? 5 : 2,
      csatScale: 5,
      csatAt: null,
      escalated: false,
      firstContactResolved: null,
    };
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  const vendors = await database.db
    .insertInto('vendors')
    .values([{ name: 'Alpha' }, { name: 'Beta' }])
    .returning('id')
    .execute();
  [alpha, beta] = vendors.map((v) => v.id) as [number, number];
  await insertCases(database.db, [
    // Simpson: Alpha is better in both queues (100 % vs 90 %, 60 % vs 50 %) but mostly serves the hard one.
    ...rated(alpha, 'Buyer', 10, 10),
    ...rated(alpha, 'Seller', 30, 18),
    ...rated(beta, 'Buyer', 30, 27),
    ...rated(beta, 'Seller', 10, 5),
    // Alpha the week before: 40/40 satisfied; the drop to 28/40 is beyond noise.
    ...rated(alpha, 'Seller', 40, 40, -7 * 24),
  ]);
  await recompute(database.db, { kind: 'all' });
  const admin = await callerAs(app, 'admin');
  viewer = await callerAs(app, 'viewer');
  vendorUser = await callerAs(app, 'vendor', { vendorId: alpha });
  expect((await admin.put('/api/settings/metrics', { minSample: 1 })).statusCode).toBe(200);
  expect((await admin.post('/api/targets', { metric: 'csat', value: 80, effectiveFrom: '2026-W01' })).statusCode).toBe(
    201,
  );
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

describe('GET /api/scorecards with intervals, significance and adjustment', () => {
  it('gives each rate a Wilson interval and marks a significant week-over-week change', async () => {
    const body = json<ScorecardBody>(await viewer.get('/api/scorecards?week=2026-W47'));
    const csat = body.vendors.find((v) => v.vendorId === alpha)!.metrics.csat!;
    const expected = wilsonInterval(28, 40)!;
    // 70 % after 100 % the week before.
    expect(csat).toMatchObject({ value: 70, change: -30 });
    // The interval's level and method, and the tests' names, are the metric's, stated once.
    expect(body.metrics.find((m) => m.key === 'csat')).toMatchObject({
      interval: { level: 0.95, method: 'Wilson score interval' },
      changeTest: expect.stringContaining('two-proportion') as string,
      targetTest: expect.any(String) as string,
    });
    expect(body.metrics.find((m) => m.key === 'volume')).not.toHaveProperty('interval');
    expect(csat.interval!.low).toBeCloseTo(expected.low * 100, 9);
    expect(csat.interval!.high).toBeCloseTo(expected.high * 100, 9);
    expect(csat.changeSignificance).toMatchObject({ significant: true });
    // 70 % of 40 against 80 %: z = −1.58, within noise.
    expect(csat.targetSignificance).toMatchObject({ significant: false });
    const beta = body.vendors.find((v) => v.vendorName === 'Beta')!.metrics.csat!;
    expect(beta).not.toHaveProperty('changeSignificance');
    expect(body.vendors[0]!.metrics.volume).not.toHaveProperty('interval');
  });

  it("ranks by raw composite by default and by adjusted composite on request (Simpson's paradox)", async () => {
    const raw = json<ScorecardBody>(await viewer.get('/api/scorecards?week=2026-W47'));
    expect(raw.rankBy).toBe('raw');
    expect(raw.vendors.map((v) => [v.vendorName, v.rank])).toEqual([
      ['Beta', 1],
      ['Alpha', 2],
    ]);
    const adjusted = json<ScorecardBody>(await viewer.get('/api/scorecards?week=2026-W47&rankBy=adjusted'));
    expect(adjusted.vendors.map((v) => [v.vendorName, v.rank])).toEqual([
      ['Alpha', 1],
      ['Beta', 2],
    ]);
    const alphaRow = adjusted.vendors.find((v) => v.vendorId === alpha)!;
    // CSAT is the only metric with a target: attainment 80 ÷ 80 = 1 → 100 ÷ 1.2; raw 70 ÷ 80 → 87.5 ÷ 1.2.
    expect(alphaRow.adjustedComposite).toBeCloseTo(100 / 1.2, 9);
    expect(alphaRow.composite).toBeCloseTo(87.5 / 1.2, 9);
    expect((await viewer.get('/api/scorecards?rankBy=best')).statusCode).toBe(400);
  });

  it('shows a vendor user its own row, with the chosen rank once the organisation shares rank', async () => {
    const unshared = json<ScorecardBody>(await vendorUser.get('/api/scorecards?week=2026-W47&rankBy=adjusted'));
    expect(unshared.vendors).toHaveLength(1);
    expect(unshared.vendors[0]).toMatchObject({ vendorId: alpha });
    expect(unshared.vendors[0]).not.toHaveProperty('rank');
    const admin = await callerAs(app, 'admin');
    expect((await admin.put('/api/settings/metrics', { shareRankWithVendors: true })).statusCode).toBe(200);
    try {
      const body = json<ScorecardBody>(await vendorUser.get('/api/scorecards?week=2026-W47&rankBy=adjusted'));
      expect(body.vendors).toHaveLength(1);
      expect(body.vendors[0]).toMatchObject({ vendorId: alpha, rank: 1 });
    } finally {
      await admin.put('/api/settings/metrics', { shareRankWithVendors: false });
    }
  });
});

describe('GET /api/vendors/:id/mix', () => {
  it('splits the gap to the others into mix and performance', async () => {
    const response = await viewer.get(`/api/vendors/${alpha}/mix?week=2026-W47`);
    expect(response.statusCode).toBe(200);
    const csat = json<Static<typeof MixDecomposition>>(response).metrics.csat!;
    // Alpha 70 % vs Beta 80 %: w_a = (0.25, 0.75), w_b = (0.75, 0.25), r_a = (100, 60), r_b = (90, 50).
    // mix = (−0.5)(190)/2 + (0.5)(110)/2 = −20; performance = (10)(1)/2 + (10)(1)/2 = 10.
    expect(csat.gap).toBeCloseTo(-10, 9);
    expect(csat.mix).toBeCloseTo(-20, 9);
    expect(csat.performance).toBeCloseTo(10, 9);
    expect(csat.unmatched).toBeCloseTo(0, 9);
    // Reference mix: Buyer 40, Seller 40 → Alpha 0.5·100 + 0.5·60 = 80 %, Beta 0.5·90 + 0.5·50 = 70 %.
    expect(csat.adjusted).toBeCloseTo(80, 9);
    expect(csat.uncoveredShare).toBe(0);
    const betaMix = json<Static<typeof MixDecomposition>>(await viewer.get(`/api/vendors/${beta}/mix?week=2026-W47`));
    expect(betaMix.metrics.csat!.adjusted).toBeCloseTo(70, 9);
  });

  it('is not available to a vendor user (the others are other vendors)', async () => {
    expect((await vendorUser.get(`/api/vendors/${alpha}/mix?week=2026-W47`)).statusCode).toBe(404);
    expect((await viewer.get('/api/vendors/999999/mix')).statusCode).toBe(404);
  });
});
