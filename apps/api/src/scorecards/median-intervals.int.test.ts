/**
 * The parts finished after the first pass: the median's order-statistic interval stored by the
 * recompute and served by the scorecard (stored and filtered paths), and intervals with the change's
 * significance on every trend point.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Static } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { MetricCase } from '@scorecard/domain/metrics/case-facts';
import { medianInterval, medianRanks, wilsonInterval } from '@scorecard/domain/stats/intervals';
import { insertCases } from '@scorecard/db/metrics/case-fixtures.testing';
import { recompute } from '@scorecard/db/metrics/recompute';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { buildApp } from '../app.ts';
import type { Scorecard, Trends } from './scorecards.schemas.ts';

const json = <T>(response: { json(): unknown }) => response.json() as T;

let database: TestDatabase;
let app: FastifyInstance;
let viewer: Caller;
let alpha: number;

const W47 = Date.parse('2026-11-16T00:00:00Z');
const MINUTE = 60_000;
let id = 1;

/** FRT of case i: a scrambled permutation of 1..n minutes (so storage order is not sorted order). */
const frtMinutes = (n: number) => Array.from({ length: n }, (_, i) => ((i * 7) % n) + 1);

function cases(vendorId: number, weekOffsetDays: number, count: number, satisfied: number): MetricCase[] {
  return frtMinutes(count).map((minutes, i) => {
    const createdAt = new Date(W47 + weekOffsetDays * 86_400_000 + (60 + i) * MINUTE);
    return {
      id: id++,
      vendorId,
      queue: 'Buyer',
      channel: 'email',
      tier: 1,
      site: 'Manila',
      customerId: null,
      createdAt,
      firstResponseAt: new Date(createdAt.getTime() + minutes * MINUTE),
      solvedAt: new Date(createdAt.getTime() + 2 * minutes * MINUTE),
      reopenCount: 0,
      handleSeconds: 100,
      waitSeconds: null,
      answered: null,
      abandoned: null,
      csatScore: i < satisfied ? 5 : 1,
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
  alpha = (await database.db.insertInto('vendors').values({ name: 'Alpha' }).returning('id').executeTakeFirstOrThrow())
    .id;
  // n = 20 in W47 (CSAT 8/20), n = 5 in W46 (too few for a median interval; CSAT 5/5).
  await insertCases(database.db, [...cases(alpha, 0, 20, 8), ...cases(alpha, -7, 5, 5)]);
  await recompute(database.db, { kind: 'all' });
  viewer = await callerAs(app, 'viewer');
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
});

// n = 20: r = 6 (P(X ≤ 5) = 0.0207 ≤ 0.025 < P(X ≤ 6) = 0.0577, binomial table n = 20, p = ½): x(6)..x(15).
const expectedFrt = { low: 6 * 60, high: 15 * 60 };

describe('median intervals', () => {
  it('SQL median_ci_rank(n) equals the domain medianRanks(n) for every n up to 400 and a few large n', async () => {
    const ns = [...Array.from({ length: 400 }, (_, i) => i + 1), 1_000, 4_099, 10_007, 100_000];
    const { rows } = await sql<{ n: number; rank: number | null }>`
      SELECT n, median_ci_rank(n) AS rank FROM unnest(${ns}::bigint[]) AS n`.execute(database.db);
    for (const row of rows)
      expect([Number(row.n), row.rank]).toEqual([Number(row.n), medianRanks(Number(row.n))?.lower ?? null]);
  });

  it('serves the stored FRT and resolution-time intervals on the scorecard, none for n < 6', async () => {
    expect(
      medianInterval(
        frtMinutes(20)
          .map((m) => m * 60)
          .sort((a, b) => a - b),
      ),
    ).toEqual(expectedFrt);
    const body = json<Static<typeof Scorecard>>(await viewer.get('/api/scorecards?week=2026-W47'));
    const metrics = body.vendors[0]!.metrics;
    const method = 'distribution-free order-statistic interval (binomial ranks)';
    // The level and method are the metric's, stated once beside its label.
    for (const key of ['frt', 'resolution_time']) {
      expect(body.metrics.find((m) => m.key === key)?.interval).toEqual({ level: 0.95, method });
    }
    expect(metrics.frt!.interval).toEqual(expectedFrt);
    expect(metrics.resolution_time!.interval).toEqual({ low: 2 * expectedFrt.low, high: 2 * expectedFrt.high });
    expect(metrics.aht).not.toHaveProperty('interval');
    const w46 = json<Static<typeof Scorecard>>(await viewer.get('/api/scorecards?week=2026-W46'));
    expect(w46.vendors[0]!.metrics.frt!.value).toBe(180);
    expect(w46.vendors[0]!.metrics.frt).not.toHaveProperty('interval');
  });

  it('computes the same interval from the cases for a filtered scorecard', async () => {
    const body = json<Static<typeof Scorecard>>(await viewer.get('/api/scorecards?week=2026-W47&channel=email'));
    expect(body.vendors[0]!.metrics.frt!.interval).toMatchObject(expectedFrt);
  });
});

describe('GET /api/vendors/:id/trends with intervals', () => {
  it('gives each point its interval and the significance of its change against the week before', async () => {
    const body = json<Static<typeof Trends>>(
      await viewer.get(`/api/vendors/${alpha}/trends?weeks=12&endWeek=2026-W47`),
    );
    const csat = body.series.csat!;
    const w47 = csat.at(-1)!;
    const w46 = csat.at(-2)!;
    const wilson = wilsonInterval(8, 20)!;
    expect(w47.value).toBe(40);
    expect(w47.interval!.low).toBeCloseTo(wilson.low * 100, 9);
    expect(w47.interval!.high).toBeCloseTo(wilson.high * 100, 9);
    // 8/20 against 5/5: pooled 13/25, variance 0.52·0.48·(1/20 + 1/5) = 0.0624, z = −0.6/0.2498 = −2.40, p = 0.0163.
    expect(w47.changeSignificance).toMatchObject({
      significant: true,
      method: expect.stringContaining('two-proportion') as string,
    });
    expect(w47.changeSignificance!.pValue).toBeCloseTo(0.0163, 3);
    // W45 is empty: no test for W46's change, and none for the first point of the series either.
    expect(w46.changeSignificance).toBeNull();
    expect(csat[0]!.changeSignificance).toBeNull();
    expect(body.series.frt!.at(-1)!.interval).toMatchObject(expectedFrt);
    expect(body.series.frt!.at(-1)!.changeSignificance).toBeNull();
  });
});
