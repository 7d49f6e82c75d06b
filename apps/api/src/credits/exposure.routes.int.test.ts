/**
 * The current month's exposure: the projected figure, the rate the rest of the month must run at and the
 * credit they imply equal a direct computation here, by plain loops over the cases written (so far, the
 * trailing 7 days, the weekday pattern of the 4 weeks before the current week).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCases } from '@scorecard/db/metrics/case-fixtures.testing';
import type { MetricCase } from '@scorecard/domain/metrics/case-facts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import {
  callCase,
  criticalLevel,
  defaultCredit,
  moneyTerms,
  putTerms,
  startCreditsFixture,
  type CreditsFixture,
} from './credits.testing.ts';

let fixture: CreditsFixture;
let app: FastifyInstance;
let finance: Caller;
let vendorId: number;
let cases: MetricCase[];

const AS_OF = new Date('2026-03-17T00:00:00Z'); // a Tuesday; the reporting zone is UTC
const DAY_MS = 86_400_000;
const ALLOCATION_BP = 4000;
const EXPECTED = 90;
const MINIMUM = 85;

/** Four answered calls a day from 9 February to 16 March: half within 20 s until 10 March, all within after. */
function writtenCases(): MetricCase[] {
  const out: MetricCase[] = [];
  for (let day = Date.UTC(2026, 1, 9); day < AS_OF.getTime(); day += DAY_MS) {
    const waits = day >= Date.UTC(2026, 2, 11) ? [5, 5, 5, 5] : [5, 10, 30, 60];
    waits.forEach((wait, i) => {
      const createdAt = new Date(day + (8 + i) * 3_600_000);
      out.push(
        callCase(vendorId, {
          createdAt,
          firstResponseAt: new Date(createdAt.getTime() + wait * 1000),
          waitSeconds: wait,
          answered: true,
          abandoned: false,
        }),
      );
    });
  }
  return out;
}

beforeAll(async () => {
  fixture = await startCreditsFixture(['Exposure Co']);
  ({ app, finance } = fixture);
  [vendorId] = fixture.vendorIds as [number];
  cases = writtenCases();
  await insertCases(app.db, cases);
  const level = criticalLevel('service_level', { expected: EXPECTED, minimum: MINIMUM, allocationBp: ALLOCATION_BP });
  await putTerms(finance, moneyTerms(vendorId, { levels: [level] }));
});
afterAll(async () => {
  await fixture?.close();
});

/** The direct computation: SPEC service level (answered within 20 s ÷ answered) over plain loops. */
function direct() {
  const between = (c: MetricCase, from: number, to: number) =>
    c.createdAt.getTime() >= from && c.createdAt.getTime() < to;
  const monthStart = Date.UTC(2026, 2, 1);
  let n = 0;
  let good = 0;
  let trailingN = 0;
  let trailingGood = 0;
  const today = AS_OF.getTime();
  for (const c of cases) {
    const within = (c.waitSeconds ?? Infinity) <= 20 ? 1 : 0;
    if (between(c, monthStart, today + DAY_MS)) {
      n += 1;
      good += within;
    }
    if (between(c, today - 6 * DAY_MS, today + DAY_MS)) {
      trailingN += 1;
      trailingGood += within;
    }
  }
  // Weekday means over the 4 weeks before the current week (Monday 16 March): 16 February … 15 March.
  const patternStart = Date.UTC(2026, 1, 16);
  const perWeekday = [0, 0, 0, 0, 0, 0, 0];
  for (const c of cases) {
    if (between(c, patternStart, patternStart + 28 * DAY_MS)) perWeekday[(c.createdAt.getUTCDay() + 6) % 7]! += 1;
  }
  const means = perWeekday.map((count) => count / 4);
  // The days still to come (today has just begun: 16 days elapsed): 17 … 31 March.
  let remaining = 0;
  for (let day = today; day < Date.UTC(2026, 3, 1); day += DAY_MS)
    remaining += means[(new Date(day).getUTCDay() + 6) % 7]!;
  const rate = trailingGood / trailingN;
  const projected = ((good + rate * remaining) / (n + remaining)) * 100;
  const requiredFor = (level: number) => ((level / 100) * (n + remaining) - good) / remaining;
  const credit = projected < MINIMUM ? defaultCredit(ALLOCATION_BP) : 0;
  return { n, good, remaining, projected, requiredFor, credit };
}

describe('the exposure of the current month', () => {
  it('projects the level and the credit as a direct computation does', async () => {
    const response = await finance.get(`/api/credits/exposure?vendorId=${vendorId}&asOf=${AS_OF.toISOString()}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const want = direct();
    expect(body.month).toBe('2026-03');
    expect(body.elapsedDays).toBe(16);
    const level = body.levels[0];
    expect(level.soFar).toEqual({ value: (want.good / want.n) * 100, n: want.n });
    expect(level.projected.value).toBeCloseTo(want.projected, 9);
    expect(level.projected.n).toBe(Math.round(want.n + want.remaining));
    expect(level.projected.low).toBeLessThanOrEqual(level.projected.value);
    expect(level.projected.high).toBeGreaterThanOrEqual(level.projected.value);
    expect(level.requiredForExpected.rate).toBeCloseTo(want.requiredFor(EXPECTED) * 100, 9);
    expect(level.requiredForMinimum.rate).toBeCloseTo(want.requiredFor(MINIMUM) * 100, 9);
    expect(level.requiredForMinimum.state).toBe(want.requiredFor(MINIMUM) > 1 ? 'already_lost' : 'achievable');
    expect(want.credit).toBeGreaterThan(0);
    expect(body.projected.creditsMinor).toBe(want.credit);
    expect(body.projected.lines[0].chargedMinor).toBe(want.credit);
    // The unfavourable end of the interval never costs less, the favourable end never more.
    expect(body.worst.creditsMinor).toBeGreaterThanOrEqual(body.projected.creditsMinor);
    expect(body.best.creditsMinor).toBeLessThanOrEqual(body.projected.creditsMinor);
  });

  it('hides the amounts from a viewer and the projection from a vendor user', async () => {
    const url = `/api/credits/exposure?vendorId=${vendorId}&asOf=${AS_OF.toISOString()}`;
    const viewer = (await (await callerAs(app, 'viewer')).get(url)).json();
    expect([viewer.amountsShown, viewer.projected.creditsMinor, viewer.worst.netMinor]).toEqual([false, null, null]);
    expect(JSON.stringify(viewer)).not.toMatch(/EUR = /);
    const vendor = await callerAs(app, 'vendor', { vendorId });
    expect((await vendor.get(url)).statusCode).toBe(404);
  });

  it('answers that no money terms are in force, naming the month, where none are', async () => {
    const response = await finance.get(`/api/credits/exposure?vendorId=${vendorId}&asOf=2025-06-10T00:00:00Z`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ termsInForce: false, vendorId, month: '2025-06' });
  });
});
