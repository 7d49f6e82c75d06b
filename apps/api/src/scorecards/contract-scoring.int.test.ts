/**
 * Through the API: a vendor's contract terms set the minimum sample of its statuses and the weights of
 * its composite (raw and adjusted) from their effective week; a vendor without terms keeps the organisation's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Static } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { MetricCase } from '@scorecard/domain/metrics/case-facts';
import { emailCase, insertCases } from '@scorecard/db/metrics/case-fixtures.testing';
import { recompute } from '@scorecard/db/metrics/recompute';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { buildApp } from '../app.ts';
import type { Breakdown, Scorecard, Trends } from './scorecards.schemas.ts';

type ScorecardBody = Static<typeof Scorecard>;

let database: TestDatabase;
let app: FastifyInstance;
let viewer: Caller;
let alpha: number;
let beta: number;

const HOUR = 3_600_000;
const W46 = Date.parse('2026-11-09T00:00:00Z');
const W47 = Date.parse('2026-11-16T00:00:00Z');

/**
 * One vendor-week of 60 solved email cases, created on the Monday: service level 54/60 = 90 % (6 answered after
 * 25 h, over the 24 h SLA), handling time 330 s over 60, CSAT 28/40 = 70 % (40 responses: a sample of 40).
 */
function week(vendorId: number, monday: number): MetricCase[] {
  return Array.from({ length: 60 }, (_, i) => {
    const responseHours = i < 6 ? 25 : 1;
    return emailCase(vendorId, new Date(monday + 8 * HOUR + i * 60_000), {
      responseHours,
      solvedHours: responseHours + 1,
      handleSeconds: 330,
      ...(i < 40 && { csatScore: i < 28 ? 5 : 2 }),
    });
  });
}

// Targets CSAT 80, service level 80, AHT 300: attainment × 100 ÷ 1.2 is CSAT 70/80 → 72.917 (missed),
// service level 90/80 → 93.75 (met), AHT 300/330 → 75.758 (missed: 330 > 1.05 × 300).
const CSAT = ((70 / 80) * 100) / 1.2;
const SL = ((90 / 80) * 100) / 1.2;
const AHT = ((300 / 330) * 100) / 1.2;
// The organisation's defaults: minimum sample 30, weights CSAT 30, service level 20, AHT 15 (FCR and FRT have
// no target): (30 × 72.917 + 20 × 93.75 + 15 × 75.758) ÷ 65 = 79.98.
const DEFAULT_COMPOSITE = (30 * CSAT + 20 * SL + 15 * AHT) / 65;
// Alpha's terms from W47: minimum sample 50 (CSAT's 40 responses are a low sample) and weights CSAT 50, service
// level 50 (AHT weighs nothing): the composite is service level's 93.75 alone.
const ALPHA_COMPOSITE = 93.75;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  const vendors = await database.db
    .insertInto('vendors')
    .values([{ name: 'Alpha' }, { name: 'Beta' }])
    .returning('id')
    .execute();
  [alpha, beta] = vendors.map((v) => v.id) as [number, number];
  await insertCases(database.db, [...week(alpha, W46), ...week(alpha, W47), ...week(beta, W46), ...week(beta, W47)]);
  await recompute(database.db, { kind: 'all' });
  const ops = await callerAs(app, 'ops');
  for (const [metric, value] of [
    ['csat', 80],
    ['service_level', 80],
    ['aht', 300],
  ] as const) {
    expect((await ops.post('/api/targets', { metric, value, effectiveFrom: '2026-W01' })).statusCode).toBe(201);
  }
  const terms = [
    { vendorId: alpha, effectiveFrom: '2026-W47', minSample: 50, compositeWeights: { csat: 50, service_level: 50 } },
    // Email only, for a view filtered to email: service level's 60 contacts are a low sample too.
    { vendorId: alpha, effectiveFrom: '2026-W47', channel: 'email', minSample: 70 },
  ];
  for (const body of terms) expect((await ops.post('/api/terms', body)).statusCode).toBe(201);
  viewer = await callerAs(app, 'viewer');
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

async function scorecard(query: string): Promise<ScorecardBody> {
  const response = await viewer.get(`/api/scorecards?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
const rowOf = (body: ScorecardBody, vendorId: number) => body.vendors.find((v) => v.vendorId === vendorId)!;
/** The terms a vendor's row names (the response states each distinct set once). */
const termsOf = (body: ScorecardBody, vendorId: number) => body.termSets[rowOf(body, vendorId).termSet];

describe('contract terms: minimum sample and composite weights', () => {
  const organisation = { csat: 'missed', min: 30, composite: DEFAULT_COMPOSITE };
  it.each([
    {
      name: 'Alpha under its terms',
      week: '2026-W47',
      vendor: () => alpha,
      csat: 'low_sample',
      min: 50,
      composite: ALPHA_COMPOSITE,
    },
    { name: 'Beta without terms', week: '2026-W47', vendor: () => beta, ...organisation },
    { name: 'Alpha the week before its terms', week: '2026-W46', vendor: () => alpha, ...organisation },
    { name: 'Beta the week before', week: '2026-W46', vendor: () => beta, ...organisation },
  ])('$name ($week): minimum sample $min, CSAT $csat', async ({ week, vendor, csat, min, composite }) => {
    const body = await scorecard(`week=${week}`);
    const row = rowOf(body, vendor());
    expect(row.metrics.csat).toMatchObject({ value: 70, sample: 40, status: csat });
    expect(row.metrics.service_level).toMatchObject({ value: 90, sample: 60, status: 'met' });
    expect(row.metrics.aht).toMatchObject({ value: 330, sample: 60, status: 'missed' });
    expect(row.composite).toBeCloseTo(composite, 9);
    // One stratum served alike by both vendors: the adjusted rates equal the raw ones, so the adjusted
    // composite equals the raw one only if it uses the same weights and minimum sample.
    expect(row.adjustedComposite).toBeCloseTo(composite, 9);
    expect(termsOf(body, vendor())).toMatchObject({ minSample: min });
    expect(termsOf(body, vendor())?.statusRule).toContain(`from a sample of ${min}`);
  });

  it('ranks by each vendor’s composite under its own weights, and states the weights', async () => {
    const body = await scorecard('week=2026-W47');
    expect(body.vendors.map((v) => [v.vendorId, v.rank])).toEqual([
      [alpha, 1],
      [beta, 2],
    ]);
    expect(termsOf(body, alpha)).toMatchObject({
      compositeWeights: { csat: 50, service_level: 50 },
      compositeFormula: expect.stringContaining('weighted CSAT 50, Service level 50,') as string,
    });
    expect(termsOf(body, beta)?.compositeWeights).toEqual({
      csat: 30,
      service_level: 20,
      fcr: 20,
      aht: 15,
      frt: 15,
    });
  });

  it('a view filtered to a channel follows that channel’s terms', async () => {
    const body = await scorecard('week=2026-W47&channel=email');
    const row = rowOf(body, alpha);
    expect(termsOf(body, alpha)?.minSample).toBe(70);
    expect(row.metrics.service_level).toMatchObject({ value: 90, sample: 60, status: 'low_sample' });
    // No metric with a status and a weight is left: no composite, no rank.
    expect(row).not.toHaveProperty('composite');
    expect(row).not.toHaveProperty('rank');
    expect(rowOf(await scorecard('week=2026-W47&channel=email'), beta).composite).toBeCloseTo(DEFAULT_COMPOSITE, 9);
  });

  it('trends and breakdowns take the terms of each week and group', async () => {
    const trends = (await viewer.get(`/api/vendors/${alpha}/trends?endWeek=2026-W47`)).json<Static<typeof Trends>>();
    expect(trends.series.csat!.slice(-2).map((p) => [p.week, p.status])).toEqual([
      ['2026-W46', 'missed'],
      ['2026-W47', 'low_sample'],
    ]);
    const status = async (by: string) =>
      (await viewer.get(`/api/vendors/${alpha}/breakdown?week=2026-W47&by=${by}`))
        .json<Static<typeof Breakdown>>()
        .rows.map((r) => [r.key, r.metrics.service_level!.status]);
    expect(await status('channel')).toEqual([['email', 'low_sample']]);
    expect(await status('tier')).toEqual([['1', 'met']]);
  });
});
