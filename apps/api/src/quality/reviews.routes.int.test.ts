import { weekLabel, weekOf } from '@scorecard/domain/weeks';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailAuditForm } from '@scorecard/domain/quality/forms.testing';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type SignedInCaller } from '../../../../test/http.ts';
import { createForm } from '../../../../test/quality.ts';
import { buildApp } from '../app.ts';

/** Section weights 3 and 1; `accuracy` 5-point, `policy` pass/fail critical, `greeting` pass/fail. */
const content = emailAuditForm();

let database: TestDatabase;
let app: FastifyInstance;
let ops: SignedInCaller;
let admin: SignedInCaller;
let viewer: SignedInCaller;
let acmeUser: SignedInCaller;
let globexUser: SignedInCaller;
let acme: number;
let formId: number;
const caseIds: number[] = [];
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
  const rows = await database.db
    .insertInto('cases')
    .values(
      [acme, acme, acme, vendors[1]!.id].map((vendorId, i) => ({
        source: 'generic' as const,
        external_id: `q-${i}`,
        vendor_id: vendorId,
        queue: 'Billing',
        channel: 'email',
        created_at: new Date(Date.now() - 20 * 86_400_000),
      })),
    )
    .returning('id')
    .execute();
  caseIds.push(...rows.map((r) => r.id));
  [ops, admin, viewer, acmeUser, globexUser] = await Promise.all([
    callerAs(app, 'ops'),
    callerAs(app, 'admin'),
    callerAs(app, 'viewer'),
    callerAs(app, 'vendor', { vendorId: acme }),
    callerAs(app, 'vendor', { vendorId: vendors[1]!.id }),
  ]);
  // A draft: the first test publishes it.
  formId = await createForm(ops, 'email-audit', content, { publish: false });
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

type Detail = {
  review: {
    id: number;
    score: number | null;
    fatal: boolean;
    reviewerName: string | null;
    week: string;
    caseWeek: string;
  };
  dispute: { id: number; status: string } | null;
  history: { kind: string; changes: Record<string, unknown>; note: string | null }[];
};
const answers = (accuracy: number, policy: number, greeting: number | null) => ({
  accuracy: { value: accuracy, rootCause: accuracy < 5 ? 'sop_unclear_or_missing' : null },
  policy: { value: policy, rootCause: policy === 0 ? 'agent_error' : null },
  greeting: { value: greeting },
});
/** The form's rule worked by hand for these three criteria: sections weighted 3 and 1, N/A left out. */
function expectedScore(accuracy: number, policy: number, greeting: number | null): number {
  if (policy === 0) return 0;
  const resolution = ((accuracy - 1) / 4 + policy) / 2;
  return greeting === null ? 100 * resolution : (100 * (3 * resolution + greeting)) / 4;
}
async function weeklyScore(caller: SignedInCaller) {
  const response = await caller.get(`/api/quality/weekly?week=${week}&vendorId=${acme}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{
    vendors: { qualityScore: { value: number | null; n: number }; disputeRate: { value: number | null } }[];
  }>().vendors[0]!;
}

describe('forms', () => {
  it('refuses reviews on a draft, then freezes the form once published', async () => {
    const draft = await ops.post('/api/quality/reviews', { caseId: caseIds[0], formId, answers: answers(5, 1, 1) });
    expect(draft.statusCode).toBe(409);
    expect((await ops.post(`/api/quality/forms/${formId}/publish`)).statusCode).toBe(200);
    const edit = await ops.put(`/api/quality/forms/${formId}`, { ...content, name: 'Changed' });
    expect(edit.statusCode).toBe(409);
    const next = await ops.post(`/api/quality/forms/${formId}/versions`);
    expect(next.statusCode).toBe(201);
    expect(next.json<{ version: number; status: string }>()).toMatchObject({ version: 2, status: 'draft' });
    expect((await ops.post(`/api/quality/forms/${formId}/versions`)).statusCode).toBe(409);
    const shown = await acmeUser.get(`/api/quality/forms/${formId}`);
    expect(shown.json<{ rule: string }>().rule).toContain('sets the score to 0');
  });

  it('refuses a form without the standard root causes', async () => {
    const bad = structuredClone(content);
    bad.sections[0]!.criteria[0]!.rootCauses = ['agent_error'];
    expect((await ops.post('/api/quality/forms', { key: 'bad-form', content: bad })).statusCode).toBe(400);
  });
});

describe('reviews and disputes', () => {
  let disputedId: number;

  it('scores reviews as the form says and counts them in the week they were made', async () => {
    const written: [number, number, number | null][] = [
      [4, 1, 1],
      [5, 0, 1],
      [3, 1, null],
    ];
    for (const [i, [accuracy, policy, greeting]] of written.entries()) {
      const response = await ops.post('/api/quality/reviews', {
        caseId: caseIds[i],
        formId,
        answers: answers(accuracy, policy, greeting),
        feedback: `Feedback ${i}`,
      });
      expect(response.statusCode, response.body).toBe(201);
      const detail = response.json<Detail>();
      expect(detail.review.score).toBeCloseTo(expectedScore(accuracy, policy, greeting), 9);
      expect(detail.review.fatal).toBe(policy === 0);
      expect(detail.review.week).toBe(week);
      expect(detail.review.caseWeek).not.toBe(week);
      if (i === 1) disputedId = detail.review.id;
    }
    let sum = 0;
    for (const [a, p, g] of written) sum += expectedScore(a, p, g);
    const weekly = await weeklyScore(ops);
    expect(weekly.qualityScore.n).toBe(3);
    expect(weekly.qualityScore.value).toBeCloseTo(sum / 3, 9);
  });

  it('refuses answers off the form and reviews by viewers or of unseen cases', async () => {
    expect(
      (await ops.post('/api/quality/reviews', { caseId: caseIds[0], formId, answers: answers(6, 1, 1) })).statusCode,
    ).toBe(400);
    expect(
      (await viewer.post('/api/quality/reviews', { caseId: caseIds[0], formId, answers: answers(5, 1, 1) })).statusCode,
    ).toBe(403);
    expect(
      (await globexUser.post('/api/quality/reviews', { caseId: caseIds[0], formId, answers: answers(5, 1, 1) }))
        .statusCode,
    ).toBe(404);
  });

  it('hides internal reviewers from vendor users unless the organisation shows them', async () => {
    const hidden = await acmeUser.get(`/api/quality/reviews/${disputedId}`);
    expect(hidden.json<Detail>().review.reviewerName).toBeNull();
    expect((await admin.put('/api/settings/quality', { reviewersShownToVendors: true })).statusCode).toBe(200);
    const shown = await acmeUser.get(`/api/quality/reviews/${disputedId}`);
    expect(shown.json<Detail>().review.reviewerName).toBe('Test ops');
    await admin.put('/api/settings/quality', { reviewersShownToVendors: false });
  });

  it('lets only the case’s vendor dispute, once', async () => {
    const body = {
      comment: 'The refund policy allows this',
      items: [{ criterionKey: 'policy', proposedValue: 1, comment: 'SOP 4.2' }],
    };
    expect((await globexUser.post(`/api/quality/reviews/${disputedId}/disputes`, body)).statusCode).toBe(404);
    expect((await globexUser.get(`/api/quality/reviews/${disputedId}`)).statusCode).toBe(404);
    expect((await ops.post(`/api/quality/reviews/${disputedId}/disputes`, body)).statusCode).toBe(403);
    const opened = await acmeUser.post(`/api/quality/reviews/${disputedId}/disputes`, body);
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json<Detail>().dispute?.status).toBe('open');
    expect((await acmeUser.post(`/api/quality/reviews/${disputedId}/disputes`, body)).statusCode).toBe(409);
    expect((await globexUser.get('/api/quality/disputes')).json<unknown[]>()).toEqual([]);
  });

  it('an accepted dispute changes the weekly quality score, and the history says why', async () => {
    const before = await weeklyScore(ops);
    const [dispute] = (await ops.get('/api/quality/disputes?status=open')).json<{ id: number }[]>();
    expect(
      (await acmeUser.post(`/api/quality/disputes/${dispute!.id}/decision`, { reason: 'x', items: [] })).statusCode,
    ).toBe(403);
    const decided = await ops.post(`/api/quality/disputes/${dispute!.id}/decision`, {
      reason: 'SOP 4.2 allows the refund',
      items: [{ criterionKey: 'policy', accepted: true }],
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const detail = decided.json<Detail>();
    expect(detail.dispute?.status).toBe('accepted');
    expect(detail.review.fatal).toBe(false);
    expect(detail.review.score).toBeCloseTo(expectedScore(5, 1, 1), 9);
    expect(detail.history.map((h) => h.kind)).toEqual([
      'review_created',
      'dispute_opened',
      'answer_changed',
      'dispute_decided',
    ]);
    expect(detail.history[2]!.changes).toEqual({
      policy: { from: 0, to: 1, rootCause: { from: 'agent_error', to: null } },
    });
    expect(detail.history[3]!.note).toBe('SOP 4.2 allows the refund');

    const after = await weeklyScore(ops);
    const sum = expectedScore(4, 1, 1) + expectedScore(5, 1, 1) + expectedScore(3, 1, null);
    expect(after.qualityScore.value).toBeCloseTo(sum / 3, 9);
    expect(after.qualityScore.value).not.toBeCloseTo(before.qualityScore.value!, 3);
    expect(after.disputeRate.value).toBeCloseTo(100 / 3, 9);
    expect(
      (
        await ops.post(`/api/quality/disputes/${dispute!.id}/decision`, {
          reason: 'again',
          items: [{ criterionKey: 'policy', accepted: false }],
        })
      ).statusCode,
    ).toBe(409);
  });

  it('closes the dispute window after the organisation’s days', async () => {
    const old = await ops.post('/api/quality/reviews', {
      caseId: caseIds[2],
      formId,
      answers: answers(2, 1, 1),
      reviewedAt: new Date(Date.now() - 8 * 86_400_000).toISOString(),
    });
    const id = old.json<Detail>().review.id;
    const body = { comment: 'Too late?', items: [{ criterionKey: 'accuracy', proposedValue: 5 }] };
    expect((await acmeUser.post(`/api/quality/reviews/${id}/disputes`, body)).statusCode).toBe(409);
    await admin.put('/api/settings/quality', { disputeWindowDays: 10 });
    expect((await acmeUser.post(`/api/quality/reviews/${id}/disputes`, body)).statusCode).toBe(201);
  });

  it('ranks root causes as knowledge gaps with the reviews behind them', async () => {
    const gaps = await ops.get(`/api/quality/knowledge-gaps?vendorId=${acme}`);
    expect(gaps.statusCode, gaps.body).toBe(200);
    const rows = gaps.json<{
      gaps: { rootCause: string; occurrences: number; reviewIds: number[]; queue: string }[];
    }>().gaps;
    expect(rows[0]).toMatchObject({ rootCause: 'sop_unclear_or_missing', queue: 'Billing' });
    expect((await globexUser.get(`/api/quality/knowledge-gaps?vendorId=${acme}`)).json()).toMatchObject({
      total: 0,
      gaps: [],
    });
  });
});
