import { weekLabel, weekOf } from '@scorecard/domain/weeks';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criterion, oneSectionForm } from '@scorecard/domain/quality/forms.testing';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type SignedInCaller } from '../../../../test/http.ts';
import { createForm } from '../../../../test/quality.ts';
import { buildApp } from '../app.ts';

/**
 * One section: `a` pass/fail, `b` 5-point and critical, both allowing N/A (left out); a failed critical keeps
 * the score (fatal_only).
 */
const content = oneSectionForm(
  'Calibration form',
  [
    criterion('a', 'A', 'pass_fail', { allowNa: true }),
    criterion('b', 'B', 'points_5', { allowNa: true, critical: true }),
  ],
  { kind: 'calibration' },
);
/** Score by hand for this form: the mean credit of a and (b − 1) ÷ 4. */
const score = (a: number, b: number) => (100 * (a + (b - 1) / 4)) / 2;

// [internal a, internal b, vendor a, vendor b]; the last case has no vendor review.
const answers: [number, number, number | null, number | null][] = [
  [1, 5, 1, 5],
  [0, 3, 1, 4],
  [1, 1, 1, 3],
  [0, 2, null, null],
];
/**
 * The case (index into `answers`) whose vendor QA reviews it again after its scored review, every answer N/A:
 * an unscored review pairs with nothing, so the case's pair stays the vendor's scored review.
 */
const unscoredLaterVendorReview = 1;

let database: TestDatabase;
let app: FastifyInstance;
let ops: SignedInCaller;
let acmeUser: SignedInCaller;
let globexUser: SignedInCaller;
let acme: number;
const week = weekLabel(weekOf(new Date(), 'UTC'));

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  const vendors = await database.db
    .insertInto('vendors')
    .values([{ name: 'Acme' }, { name: 'Globex' }])
    .returning('id')
    .execute();
  acme = vendors[0]!.id;
  const cases = await database.db
    .insertInto('cases')
    .values(
      [0, 1, 2, 3, 4, 5].map((i) => ({
        source: 'generic' as const,
        external_id: `c-${i}`,
        vendor_id: acme,
        queue: 'Orders',
        channel: 'chat',
        escalated: i >= 4,
        created_at: new Date(),
      })),
    )
    .returning('id')
    .execute();
  [ops, acmeUser, globexUser] = await Promise.all([
    callerAs(app, 'ops'),
    callerAs(app, 'vendor', { vendorId: acme }),
    callerAs(app, 'vendor', { vendorId: vendors[1]!.id }),
  ]);
  const formId = await createForm(ops, 'calibration', content);
  for (const [i, [ia, ib, va, vb]] of answers.entries()) {
    const caseId = cases[i]!.id;
    if (va !== null && vb !== null) {
      const own = await acmeUser.post('/api/quality/reviews', {
        caseId,
        formId,
        answers: { a: { value: va }, b: { value: vb } },
      });
      expect(own.statusCode, own.body).toBe(201);
    }
    if (i === unscoredLaterVendorReview) {
      const unscored = await acmeUser.post('/api/quality/reviews', {
        caseId,
        formId,
        answers: { a: { value: null }, b: { value: null } },
      });
      expect(unscored.statusCode, unscored.body).toBe(201);
    }
    const internal = await ops.post('/api/quality/reviews', {
      caseId,
      formId,
      answers: { a: { value: ia }, b: { value: ib } },
    });
    expect(internal.statusCode, internal.body).toBe(201);
  }
  await ops.put(`/api/quality/escalations/${cases[4]!.id}`, { verdict: 'avoidable', rootCause: 'policy' });
  await ops.put(`/api/quality/escalations/${cases[5]!.id}`, { verdict: 'valid', rootCause: 'tool_or_product_bug' });
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

interface Weekly {
  vendors: {
    vendorId: number;
    qualityScore: { value: number; n: number; interval: { low: number; high: number } };
    fatalErrorRate: { value: number; numerator: number; denominator: number };
    calibrationGap: { value: number; pairs: number };
    avoidableEscalationRate: { value: number };
    rules: string[];
    comparable: boolean;
  }[];
}

describe('weekly quality figures', () => {
  it('quality score with n and interval, fatal-error rate, calibration gap and avoidable escalations', async () => {
    const response = await ops.get(`/api/quality/weekly?week=${week}&vendorId=${acme}`);
    expect(response.statusCode, response.body).toBe(200);
    const figures = response.json<Weekly>().vendors[0]!;

    let sum = 0;
    let squares = 0;
    let fatal = 0;
    let gapSum = 0;
    let pairs = 0;
    for (const [ia, ib, va, vb] of answers) {
      const s = score(ia, ib);
      sum += s;
      squares += s * s;
      if (ib === 1) fatal += 1;
      if (va !== null && vb !== null) {
        gapSum += s - score(va, vb);
        pairs += 1;
      }
    }
    const n = answers.length;
    const mean = sum / n;
    const half = (1.959963984540054 * Math.sqrt((squares - n * mean * mean) / (n - 1))) / Math.sqrt(n);
    expect(figures.qualityScore.n).toBe(n);
    expect(figures.qualityScore.value).toBeCloseTo(mean, 9);
    expect(figures.qualityScore.interval.low).toBeCloseTo(Math.max(0, mean - half), 9);
    expect(figures.qualityScore.interval.high).toBeCloseTo(Math.min(100, mean + half), 9);
    expect(figures.fatalErrorRate).toMatchObject({ numerator: fatal, denominator: n });
    expect(figures.calibrationGap.pairs).toBe(pairs);
    expect(figures.calibrationGap.value).toBeCloseTo(gapSum / pairs, 9);
    expect(figures.avoidableEscalationRate.value).toBeCloseTo(50, 9);
    expect(figures.rules).toHaveLength(1);
    expect(figures.comparable).toBe(true);
  });

  it('calibration gap per criterion', async () => {
    const response = await ops.get(`/api/quality/calibration?week=${week}&vendorId=${acme}`);
    expect(response.statusCode, response.body).toBe(200);
    const rows = response.json<{ criterionKey: string; pairs: number; gap: number }[]>();
    let a = 0;
    let b = 0;
    let pairs = 0;
    for (const [ia, ib, va, vb] of answers) {
      if (va === null || vb === null) continue;
      a += 100 * (ia - va);
      b += 100 * ((ib - 1) / 4 - (vb - 1) / 4);
      pairs += 1;
    }
    const byKey = Object.fromEntries(rows.map((r) => [r.criterionKey, r]));
    expect(byKey.a).toMatchObject({ pairs });
    expect(byKey.a!.gap).toBeCloseTo(a / pairs, 9);
    expect(byKey.b!.gap).toBeCloseTo(b / pairs, 9);
  });

  it('shows another vendor nothing of these figures', async () => {
    const weekly = await globexUser.get(`/api/quality/weekly?week=${week}&vendorId=${acme}`);
    expect(weekly.json<Weekly>().vendors).toEqual([]);
    const calibration = await globexUser.get(`/api/quality/calibration?week=${week}&vendorId=${acme}`);
    expect(calibration.json<unknown[]>()).toEqual([]);
  });
});
