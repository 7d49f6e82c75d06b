/**
 * The quality metrics through the metric catalogue: the scorecard's quality cells, their status against a
 * target, the drill-down to the reviews, and a dispute decision that moves the figure and the cached
 * scorecard. Every expected value is computed here, by loops over the reviews this test wrote.
 */
import { weekLabel, weekOf } from '@scorecard/domain/weeks';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailAuditForm } from '@scorecard/domain/quality/forms.testing';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type SignedInCaller } from '../../../../test/http.ts';
import { createForm } from '../../../../test/quality.ts';
import { buildApp } from '../app.ts';

/** Section weights 3 and 1; `accuracy` 5-point, `policy` pass/fail critical, `greeting` pass/fail with N/A. */
const content = emailAuditForm();
type Answers = [accuracy: number, policy: number, greeting: number | null];
const answers = ([accuracy, policy, greeting]: Answers) => ({
  accuracy: { value: accuracy, rootCause: accuracy < 5 ? 'sop_unclear_or_missing' : null },
  policy: { value: policy, rootCause: policy === 0 ? 'agent_error' : null },
  greeting: { value: greeting },
});
/** The form's rule by hand: credit (v − min) ÷ (max − min), sections weighted 3 and 1, N/A left out, fatal → 0. */
function scoreOf([accuracy, policy, greeting]: Answers): number {
  if (policy === 0) return 0;
  const resolution = ((accuracy - 1) / 4 + policy) / 2;
  return greeting === null ? 100 * resolution : (100 * (3 * resolution + greeting)) / 4;
}

type Cell = {
  value?: number;
  sample: number;
  target?: number;
  status: string;
  interval?: { low: number; high: number };
};
type ScorecardBody = {
  metrics: { key: string; unit: string; source: string }[];
  termSets: { formulas: Record<string, string> }[];
  vendors: {
    vendorId: number;
    metrics: Record<string, Cell>;
    termSet: number;
    qualityRules?: string[];
    qualityComparable?: boolean;
  }[];
};
/** A rate's count (its numerator): the rate in % of its sample. */
const counted = (cell: Cell | undefined) => ((cell?.value ?? NaN) * (cell?.sample ?? NaN)) / 100;

let database: TestDatabase;
let app: FastifyInstance;
let ops: SignedInCaller;
let admin: SignedInCaller;
let acmeUser: SignedInCaller;
let globexUser: SignedInCaller;
let acme: number;
let globex: number;
let formId: number;
const acmeCases: number[] = [];
const week = weekLabel(weekOf(new Date(), 'UTC'));
/** What this test wrote for Acme's internal reviews, in order; the review ids beside them. */
const acmeReviews: { caseIndex: number; answers: Answers; id?: number }[] = [
  { caseIndex: 0, answers: [5, 1, 1] },
  { caseIndex: 1, answers: [4, 1, null] },
  { caseIndex: 2, answers: [2, 0, 1] },
  { caseIndex: 3, answers: [3, 1, 0] },
  { caseIndex: 4, answers: [5, 1, null] },
];
/** Acme's own QA scored case 0 (once, then again: the latest counts) and case 3. */
const vendorReviews: { caseIndex: number; answers: Answers }[] = [
  { caseIndex: 0, answers: [3, 1, 1] },
  { caseIndex: 0, answers: [4, 1, 1] },
  { caseIndex: 3, answers: [5, 1, 1] },
];

async function scorecard(caller: SignedInCaller = ops): Promise<ScorecardBody> {
  const response = await caller.get(`/api/scorecards?week=${week}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ScorecardBody>();
}
const acmeRow = (body: ScorecardBody) => body.vendors.find((v) => v.vendorId === acme)!;

/** Mean and 95 % normal interval of a list, by hand. */
function meanWithInterval(values: number[]) {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  const half = (1.959963984540054 * Math.sqrt(squares / (values.length - 1))) / Math.sqrt(values.length);
  return { mean, low: Math.max(0, mean - half), high: Math.min(100, mean + half) };
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  const vendors = await database.db
    .insertInto('vendors')
    .values([{ name: 'Acme' }, { name: 'Globex' }])
    .returning('id')
    .execute();
  [acme, globex] = [vendors[0]!.id, vendors[1]!.id];
  const rows = await database.db
    .insertInto('cases')
    .values(
      [acme, acme, acme, acme, acme, acme, globex].map((vendorId, i) => ({
        source: 'generic' as const,
        external_id: `qm-${i}`,
        vendor_id: vendorId,
        queue: 'Billing',
        channel: 'email',
        escalated: i >= 4,
        // Three weeks ago: the case's own week is not the review week.
        created_at: new Date(Date.now() - 21 * 86_400_000),
      })),
    )
    .returning('id')
    .execute();
  acmeCases.push(...rows.slice(0, 6).map((r) => r.id));
  [ops, admin, acmeUser, globexUser] = await Promise.all([
    callerAs(app, 'ops'),
    callerAs(app, 'admin'),
    callerAs(app, 'vendor', { vendorId: acme }),
    callerAs(app, 'vendor', { vendorId: globex }),
  ]);
  formId = await createForm(ops, 'email-audit', content);
  // A status needs the minimum sample: 3 reviews here.
  expect((await admin.put('/api/settings/metrics', { minSample: 3 })).statusCode).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

describe('quality metrics on the scorecard', () => {
  it('shows the week’s internal reviews as the quality score with n, interval and status against its target', async () => {
    for (const review of acmeReviews) {
      const response = await ops.post('/api/quality/reviews', {
        caseId: acmeCases[review.caseIndex],
        formId,
        answers: answers(review.answers),
      });
      expect(response.statusCode, response.body).toBe(201);
      review.id = response.json<{ review: { id: number } }>().review.id;
    }
    for (const review of vendorReviews) {
      const response = await acmeUser.post('/api/quality/reviews', {
        caseId: acmeCases[review.caseIndex],
        formId,
        answers: answers(review.answers),
      });
      expect(response.statusCode, response.body).toBe(201);
    }
    const target = 70;
    expect(
      (await ops.post('/api/targets', { metric: 'quality_score', value: target, effectiveFrom: week })).statusCode,
    ).toBe(201);

    const scores = acmeReviews.map((r) => scoreOf(r.answers));
    const expected = meanWithInterval(scores);
    const body = await scorecard();
    expect(body.metrics.find((m) => m.key === 'quality_score')).toMatchObject({ unit: 'points', source: 'reviews' });
    const cell = acmeRow(body).metrics.quality_score!;
    expect(cell.sample).toBe(acmeReviews.length);
    expect(cell.value).toBeCloseTo(expected.mean, 9);
    expect(cell.interval?.low).toBeCloseTo(expected.low, 9);
    expect(cell.interval?.high).toBeCloseTo(expected.high, 9);
    expect(cell.target).toBe(target);
    const status = expected.mean >= target ? 'met' : expected.mean >= 0.95 * target ? 'at_risk' : 'missed';
    expect(cell.status).toBe(status);

    let fatal = 0;
    for (const r of acmeReviews) if (r.answers[1] === 0) fatal += 1;
    const fatalCell = acmeRow(body).metrics.fatal_error_rate!;
    expect(fatalCell.sample).toBe(acmeReviews.length);
    expect(counted(fatalCell)).toBeCloseTo(fatal, 9);
    expect(fatalCell.value).toBeCloseTo((100 * fatal) / acmeReviews.length, 9);

    // Calibration: each internal review against the vendor QA's latest review of the same case.
    const gaps: number[] = [];
    for (const r of acmeReviews) {
      const latest = vendorReviews.filter((v) => v.caseIndex === r.caseIndex).at(-1);
      if (latest) gaps.push(scoreOf(r.answers) - scoreOf(latest.answers));
    }
    const gapCell = acmeRow(body).metrics.calibration_gap!;
    expect(gapCell.sample).toBe(gaps.length);
    expect(gapCell.value).toBeCloseTo(gaps.reduce((a, b) => a + b, 0) / gaps.length, 9);
    expect(gapCell.status).toBe('no_target');
    // The scoring rule each vendor's figure used, and whether it can be set beside another vendor's.
    expect(body.termSets[acmeRow(body).termSet]?.formulas.quality_score).toContain('scored under N/A left out');
    expect(acmeRow(body).qualityRules).toHaveLength(1);
    expect(acmeRow(body).qualityComparable).toBe(true);
    expect(body.vendors.find((v) => v.vendorId === globex)?.qualityComparable).toBeUndefined();
  });

  it('counts escalation reviews in the avoidable-escalation rate', async () => {
    const verdicts = [
      { caseIndex: 4, verdict: 'avoidable' },
      { caseIndex: 5, verdict: 'valid' },
    ];
    for (const v of verdicts) {
      const response = await ops.put(`/api/quality/escalations/${acmeCases[v.caseIndex]}`, {
        verdict: v.verdict,
        rootCause: 'agent_error',
        feedback: 'Seen',
      });
      expect(response.statusCode, response.body).toBe(204);
    }
    let avoidable = 0;
    for (const v of verdicts) if (v.verdict === 'avoidable') avoidable += 1;
    const cell = acmeRow(await scorecard()).metrics.avoidable_escalation_rate!;
    expect(cell.sample).toBe(verdicts.length);
    expect(counted(cell)).toBeCloseTo(avoidable, 9);
  });

  it('drills down to the reviews behind the figure, with the case’s own week beside the review week', async () => {
    const response = await ops.get(`/api/quality/drill-down?vendorId=${acme}&week=${week}&metric=quality_score`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{
      counted: number;
      items: { reviewId: number; score: number; week: string; caseWeek: string; contributes: boolean }[];
    }>();
    expect(body.items.map((i) => i.reviewId).sort()).toEqual(acmeReviews.map((r) => r.id).sort());
    expect(body.counted).toBe(acmeReviews.length);
    for (const item of body.items) {
      const written = acmeReviews.find((r) => r.id === item.reviewId)!;
      expect(item.score).toBeCloseTo(scoreOf(written.answers), 9);
      expect(item.week).toBe(week);
      expect(item.caseWeek).not.toBe(week);
    }
    const escalations = await ops.get(
      `/api/quality/drill-down?vendorId=${acme}&week=${week}&metric=avoidable_escalation_rate`,
    );
    expect(escalations.json<{ total: number }>().total).toBe(2);
    const other = await globexUser.get(`/api/quality/drill-down?vendorId=${acme}&week=${week}&metric=quality_score`);
    expect(other.statusCode).toBe(404);
    const cases = await ops.get(`/api/cases?vendorId=${acme}&week=${week}&metric=quality_score`);
    expect(cases.statusCode).toBe(400);
  });

  it('a dispute accepted changes the figure and moves the cached scorecard', async () => {
    const disputed = acmeReviews.find((r) => r.answers[1] === 0)!;
    const before = acmeRow(await scorecard()).metrics;
    const cached = acmeRow(await scorecard()).metrics;
    expect(cached.quality_score!.value).toBe(before.quality_score!.value);

    const opened = await acmeUser.post(`/api/quality/reviews/${disputed.id}/disputes`, {
      comment: 'The refund policy allows this',
      items: [{ criterionKey: 'policy', proposedValue: 1 }],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const afterOpen = acmeRow(await scorecard()).metrics;
    expect(counted(afterOpen.dispute_rate)).toBeCloseTo(1, 9);

    const [dispute] = (await ops.get('/api/quality/disputes?status=open')).json<{ id: number }[]>();
    const decided = await ops.post(`/api/quality/disputes/${dispute!.id}/decision`, {
      reason: 'SOP 4.2 allows the refund',
      items: [{ criterionKey: 'policy', accepted: true }],
    });
    expect(decided.statusCode, decided.body).toBe(200);

    const accepted: Answers = [disputed.answers[0], 1, disputed.answers[2]];
    const scores = acmeReviews.map((r) => scoreOf(r === disputed ? accepted : r.answers));
    const expected = meanWithInterval(scores);
    const after = acmeRow(await scorecard()).metrics;
    expect(after.quality_score!.value).toBeCloseTo(expected.mean, 9);
    expect(after.quality_score!.value).not.toBeCloseTo(before.quality_score!.value!, 3);
    expect(counted(after.fatal_error_rate)).toBeCloseTo(counted(before.fatal_error_rate) - 1, 9);
    expect(after.dispute_acceptance_rate).toMatchObject({ value: 100, sample: 1 });
    // The vendor user's own row follows too (a separately cached body).
    const own = (await scorecard(acmeUser)).vendors;
    expect(own.map((v) => v.vendorId)).toEqual([acme]);
    expect(own[0]!.metrics.quality_score!.value).toBeCloseTo(expected.mean, 9);
  });

  it('a recompute rebuilds the same quality parts', async () => {
    const read = () =>
      database.db
        .selectFrom('weekly_quality_parts')
        .selectAll()
        .orderBy(['vendor_id', 'week', 'queue', 'channel'])
        .execute()
        .then((rows) => rows.map(({ computed_at: _, ...rest }) => rest));
    const before = await read();
    expect(before.length).toBeGreaterThan(0);
    const { recompute } = await import('@scorecard/db/metrics/recompute');
    await recompute(database.db, { kind: 'all' });
    expect(await read()).toEqual(before);
  });
});
