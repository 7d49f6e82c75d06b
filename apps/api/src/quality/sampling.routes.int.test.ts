import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OK_FORM } from '@scorecard/domain/quality/forms.testing';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type SignedInCaller } from '../../../../test/http.ts';
import { createForm } from '../../../../test/quality.ts';
import { buildApp } from '../app.ts';

// 2026-W45 (Monday 2 November); strata sizes per (queue, channel).
const WEEK = '2026-W45';
const strata = [
  { queue: 'Billing', channel: 'email', n: 600 },
  { queue: 'Billing', channel: 'chat', n: 300 },
  { queue: null, channel: 'voice', n: 100 },
];

let database: TestDatabase;
let app: FastifyInstance;
let ops: SignedInCaller;
let secondReviewer: SignedInCaller;
let acmeUser: SignedInCaller;
let globexUser: SignedInCaller;
let acme: number;
let formId: number;
let escalatedCase: number;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  const vendors = await database.db
    .insertInto('vendors')
    .values([{ name: 'Acme' }, { name: 'Globex' }])
    .returning('id')
    .execute();
  acme = vendors[0]!.id;
  let serial = 0;
  const cases = strata.flatMap((s) =>
    Array.from({ length: s.n }, (_, i) => ({
      source: 'generic' as const,
      external_id: `s-${serial++}`,
      vendor_id: acme,
      queue: s.queue,
      channel: s.channel,
      escalated: i < 2,
      created_at: new Date(Date.parse('2026-11-02T08:00:00Z') + i * 60_000),
    })),
  );
  // Out of scope: another week and another vendor.
  cases.push({
    ...cases[0]!,
    external_id: 'other-week',
    escalated: false,
    created_at: new Date('2026-11-10T08:00:00Z'),
  });
  cases.push({ ...cases[0]!, external_id: 'other-vendor', vendor_id: vendors[1]!.id, escalated: false });
  const rows = await database.db.insertInto('cases').values(cases).returning(['id', 'escalated']).execute();
  escalatedCase = rows.find((r) => r.escalated)!.id;
  [ops, secondReviewer, acmeUser, globexUser] = await Promise.all([
    callerAs(app, 'ops'),
    callerAs(app, 'ops'),
    callerAs(app, 'vendor', { vendorId: acme }),
    callerAs(app, 'vendor', { vendorId: vendors[1]!.id }),
  ]);
  formId = await createForm(ops, 'audit', OK_FORM);
  // The vendor's own QA reviewed 20 of the week's cases.
  for (const row of rows.slice(0, 20)) {
    const own = await acmeUser.post('/api/quality/reviews', { caseId: row.id, formId, answers: { ok: { value: 1 } } });
    expect(own.statusCode, own.body).toBe(201);
  }
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

interface PlanJson {
  id: number;
  population: number;
  sampleSize: number;
  done: number;
  due: number;
  cases: {
    caseId: number;
    purpose: string;
    stratumQueue: string | null;
    stratumChannel: string;
    assignedUserId: number;
  }[];
}

describe('sampling plans', () => {
  it('draws the size the wanted interval needs, stratified by queue and channel, with double audits', async () => {
    const response = await ops.post('/api/quality/sampling-plans', {
      vendorId: acme,
      period: WEEK,
      formId,
      marginPoints: 5,
      confidence: 0.95,
      doubleAuditShare: 0.25,
      reviewerUserIds: [ops.userId, secondReviewer.userId],
    });
    expect(response.statusCode, response.body).toBe(201);
    const plan = response.json<PlanJson>();

    // Expected, worked here: n = ⌈n₀N ÷ (n₀ + N − 1)⌉ with n₀ = (1.96 × 50 ÷ 5)², split by largest remainder.
    let population = 0;
    for (const s of strata) population += s.n;
    const n0 = ((1.959963984540054 * 50) / 5) ** 2;
    const size = Math.ceil((n0 * population) / (n0 + population - 1));
    expect(plan.population).toBe(population);
    expect(plan.sampleSize).toBe(size);
    expect(size).toBe(278);
    const expectedPerStratum = [167, 83, 28]; // 166.8, 83.4, 27.8: the two .8 remainders take the last two
    const random = plan.cases.filter((c) => c.purpose === 'random');
    expect(random).toHaveLength(size);
    strata.forEach((s, i) => {
      const drawn = random.filter((c) => c.stratumQueue === s.queue && c.stratumChannel === s.channel);
      expect(drawn, `${s.queue}/${s.channel}`).toHaveLength(expectedPerStratum[i]!);
    });
    expect(new Set(plan.cases.map((c) => c.caseId)).size).toBe(plan.cases.length);

    const doubleAudit = plan.cases.filter((c) => c.purpose === 'double_audit');
    const alreadyDrawn = new Set(random.map((c) => c.caseId));
    expect(doubleAudit.length).toBeLessThanOrEqual(5); // ⌈0.25 × 20⌉, less those the random draw took
    expect(doubleAudit.every((c) => !alreadyDrawn.has(c.caseId))).toBe(true);

    const perReviewer = [ops.userId, secondReviewer.userId].map(
      (id) => random.filter((c) => c.assignedUserId === id).length,
    );
    expect(Math.abs(perReviewer[0]! - perReviewer[1]!)).toBeLessThanOrEqual(1);
    expect(plan.due).toBe(plan.cases.length);

    const audit = await ops.post('/api/quality/reviews', {
      caseId: random[0]!.caseId,
      formId,
      answers: { ok: { value: 0 } },
    });
    expect(audit.statusCode).toBe(201);
    const after = (await ops.get(`/api/quality/sampling-plans/${plan.id}`)).json<PlanJson>();
    expect(after.done).toBe(1);
    expect(after.due).toBe(plan.cases.length - 1);
  });

  it('refuses a second plan for the same scope and hides plans from vendors', async () => {
    const again = await ops.post('/api/quality/sampling-plans', {
      vendorId: acme,
      period: WEEK,
      formId,
      marginPoints: 10,
      confidence: 0.9,
      reviewerUserIds: [ops.userId],
    });
    expect(again.statusCode).toBe(409);
    expect((await acmeUser.get('/api/quality/sampling-plans')).statusCode).toBe(403);
  });
});

describe('escalation reviews', () => {
  it('queues the week’s escalated cases; ops mark them; the vendor acknowledges its own', async () => {
    const queue = await ops.get(`/api/quality/escalations?week=${WEEK}&vendorId=${acme}`);
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json<unknown[]>()).toHaveLength(6); // two escalated cases per stratum
    const marked = await ops.put(`/api/quality/escalations/${escalatedCase}`, {
      verdict: 'avoidable',
      rootCause: 'sop_unclear_or_missing',
      feedback: 'The refund SOP covers this',
    });
    expect(marked.statusCode, marked.body).toBe(204);
    expect((await globexUser.post(`/api/quality/escalations/${escalatedCase}/acknowledgement`)).statusCode).toBe(404);
    expect((await globexUser.get(`/api/quality/escalations?week=${WEEK}`)).json<unknown[]>()).toEqual([]);
    expect((await acmeUser.post(`/api/quality/escalations/${escalatedCase}/acknowledgement`)).statusCode).toBe(204);
    const mine = (await acmeUser.get(`/api/quality/escalations?week=${WEEK}`)).json<
      { caseId: number; review: { acknowledgedAt: string | null } | null }[]
    >();
    expect(mine.find((c) => c.caseId === escalatedCase)?.review?.acknowledgedAt).not.toBeNull();
  });
});
