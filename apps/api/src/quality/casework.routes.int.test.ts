import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OK_FORM } from '@scorecard/domain/quality/forms.testing';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type SignedInCaller } from '../../../../test/http.ts';
import { createForm } from '../../../../test/quality.ts';
import { buildApp } from '../app.ts';

let database: TestDatabase;
let app: FastifyInstance;
let ops: SignedInCaller;
let otherOps: SignedInCaller;
let acmeUser: SignedInCaller;
let globexUser: SignedInCaller;
let acme: number;
let acmeCases: { id: number; external_id: string }[];
let formId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  const vendors = await database.db
    .insertInto('vendors')
    .values([{ name: 'Acme' }, { name: 'Globex' }])
    .returning('id')
    .execute();
  acme = vendors[0]!.id;
  // Four Acme cases in 2026-W45 (Monday 2 November, UTC reporting zone).
  acmeCases = await database.db
    .insertInto('cases')
    .values(
      [0, 1, 2, 3].map((i) => ({
        source: 'generic',
        external_id: `acme-${i}`,
        vendor_id: acme,
        queue: 'Billing',
        channel: 'email',
        escalated: i === 0,
        handle_seconds: 300 + i,
        created_at: new Date(Date.parse('2026-11-03T08:00:00Z') + i * 60_000),
        solved_at: new Date(Date.parse('2026-11-03T10:00:00Z') + i * 60_000),
      })),
    )
    .returning(['id', 'external_id'])
    .execute();
  [ops, otherOps, acmeUser, globexUser] = await Promise.all([
    callerAs(app, 'ops'),
    callerAs(app, 'ops'),
    callerAs(app, 'vendor', { vendorId: acme }),
    callerAs(app, 'vendor', { vendorId: vendors[1]!.id }),
  ]);
  formId = await createForm(ops, 'audit', OK_FORM);
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

describe('case facts beside the review form', () => {
  it("serves a case's facts with its arrival week, to staff and to its own vendor only", async () => {
    const first = acmeCases[0]!;
    const staff = await ops.get(`/api/quality/cases/${first.id}`);
    expect(staff.statusCode, staff.body).toBe(200);
    expect(staff.json()).toMatchObject({
      id: first.id,
      externalId: 'acme-0',
      vendorId: acme,
      vendorName: 'Acme',
      queue: 'Billing',
      channel: 'email',
      escalated: true,
      handleSeconds: 300,
      createdAt: '2026-11-03T08:00:00.000Z',
      solvedAt: '2026-11-03T10:00:00.000Z',
      week: '2026-W45',
    });
    expect((await acmeUser.get(`/api/quality/cases/${first.id}`)).statusCode).toBe(200);
    expect((await globexUser.get(`/api/quality/cases/${first.id}`)).statusCode).toBe(404);
    expect((await ops.get('/api/quality/cases/999999')).statusCode).toBe(404);
  });
});

describe('my assigned sample cases', () => {
  it("lists each reviewer's own sample cases with the plan, and marks one done once reviewed on the plan's form", async () => {
    const reviewers = await ops.get('/api/quality/reviewers');
    expect(reviewers.statusCode).toBe(200);
    const reviewerIds = reviewers.json<{ id: number }[]>().map((r) => r.id);
    expect(reviewerIds).toEqual(expect.arrayContaining([ops.userId, otherOps.userId]));
    expect(reviewerIds).not.toContain(acmeUser.userId);
    expect((await acmeUser.get('/api/quality/reviewers')).statusCode).toBe(403);

    const created = await ops.post('/api/quality/sampling-plans', {
      vendorId: acme,
      period: '2026-W45',
      formId,
      marginPoints: 1,
      confidence: 0.95,
      reviewerUserIds: [ops.userId, otherOps.userId],
    });
    expect(created.statusCode, created.body).toBe(201);
    const plan = created.json<{
      id: number;
      cases: { caseId: number; caseExternalId: string; assignedUserId: number }[];
    }>();
    // ±1 point of a population of 4 is the whole population, two each.
    expect(plan.cases).toHaveLength(4);
    for (const c of plan.cases) {
      expect(c.caseExternalId).toBe(acmeCases.find((a) => a.id === c.caseId)!.external_id);
    }

    const mine = (await ops.get('/api/quality/assignments')).json<
      { planId: number; caseId: number; caseExternalId: string; vendorName: string; reviewId: number | null }[]
    >();
    const expectedMine = plan.cases.filter((c) => c.assignedUserId === ops.userId).map((c) => c.caseId);
    expect(mine.map((m) => m.caseId).sort()).toEqual(expectedMine.sort());
    expect(mine.every((m) => m.planId === plan.id && m.vendorName === 'Acme' && m.reviewId === null)).toBe(true);
    const theirs = (await otherOps.get('/api/quality/assignments')).json<{ caseId: number }[]>();
    expect(theirs.map((m) => m.caseId).sort()).toEqual(
      plan.cases
        .filter((c) => c.assignedUserId === otherOps.userId)
        .map((c) => c.caseId)
        .sort(),
    );

    const review = await ops.post('/api/quality/reviews', {
      caseId: mine[0]!.caseId,
      formId,
      answers: { ok: { value: 1 } },
    });
    expect(review.statusCode, review.body).toBe(201);
    const after = (await ops.get('/api/quality/assignments')).json<{ caseId: number; reviewId: number | null }[]>();
    const reviewId = review.json<{ review: { id: number } }>().review.id;
    expect(after.find((m) => m.caseId === mine[0]!.caseId)!.reviewId).toBe(reviewId);
    expect(after.filter((m) => m.reviewId === null)).toHaveLength(mine.length - 1);
    expect((await acmeUser.get('/api/quality/assignments')).statusCode).toBe(403);
  });
});
