import { weekLabel, weekOf } from '@scorecard/domain/weeks';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criterion, oneSectionForm } from '@scorecard/domain/quality/forms.testing';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type SignedInCaller } from '../../../../test/http.ts';
import { createForm } from '../../../../test/quality.ts';
import { buildApp } from '../app.ts';

const content = oneSectionForm('Audit', [
  criterion('a', 'A', 'pass_fail', { allowNa: true }),
  criterion('b', 'B', 'points_5'),
]);
/** The top of each criterion's scale: an answer below it lost points. */
const scaleMax: Record<string, number> = { a: 1, b: 5 };

type Answer = { value: number | null; rootCause: string };
/** One review per case; root causes named on fails, on partial credit, on passes and on N/A. */
const reviews: Record<string, Answer>[] = [
  { a: { value: 0, rootCause: 'agent_error' }, b: { value: 5, rootCause: 'policy' } },
  { a: { value: 0, rootCause: 'agent_error' }, b: { value: 3, rootCause: 'sop_unclear_or_missing' } },
  { a: { value: 1, rootCause: 'agent_error' }, b: { value: 4, rootCause: 'sop_unclear_or_missing' } },
  { a: { value: null, rootCause: 'policy' }, b: { value: 1, rootCause: 'tool_or_product_bug' } },
];
/** The vendor disputes review 0's fail of `a` and review 1's `b`; ops accepts both (to a pass, to partial). */
const disputes = [
  { review: 0, criterionKey: 'a', proposedValue: 1 },
  { review: 1, criterionKey: 'b', proposedValue: 4 },
];

let database: TestDatabase;
let app: FastifyInstance;
let ops: SignedInCaller;
let acmeUser: SignedInCaller;
let acme: number;
const reviewIds: number[] = [];
const week = weekLabel(weekOf(new Date(), 'UTC'));

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  acme = (await database.db.insertInto('vendors').values({ name: 'Acme' }).returning('id').executeTakeFirstOrThrow())
    .id;
  const cases = await database.db
    .insertInto('cases')
    .values(
      reviews.map((_, i) => ({
        source: 'generic' as const,
        external_id: `c-${i}`,
        vendor_id: acme,
        queue: 'Orders',
        channel: 'chat',
        created_at: new Date(),
      })),
    )
    .returning('id')
    .execute();
  [ops, acmeUser] = await Promise.all([callerAs(app, 'ops'), callerAs(app, 'vendor', { vendorId: acme })]);
  const formId = await createForm(ops, 'audit', content);
  for (const [i, answers] of reviews.entries()) {
    const created = await ops.post('/api/quality/reviews', { caseId: cases[i]!.id, formId, answers });
    expect(created.statusCode, created.body).toBe(201);
    reviewIds.push(created.json<{ review: { id: number } }>().review.id);
  }
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

interface Gap {
  rootCause: string;
  occurrences: number;
  reviewIds: number[];
}

/** Root cause → [occurrences, review indexes], counting only answers that lost points. */
function expectedGaps(answersByReview: Record<string, Answer>[]) {
  const expected = new Map<string, { occurrences: number; reviews: number[] }>();
  for (const [i, answers] of answersByReview.entries()) {
    for (const [key, answer] of Object.entries(answers)) {
      if (answer.value === null || answer.value >= scaleMax[key]!) continue;
      const entry = expected.get(answer.rootCause) ?? { occurrences: 0, reviews: [] };
      entry.occurrences += 1;
      if (!entry.reviews.includes(i)) entry.reviews.push(i);
      expected.set(answer.rootCause, entry);
    }
  }
  return expected;
}

async function gapsByCause() {
  const response = await ops.get(`/api/quality/knowledge-gaps?vendorId=${acme}&week=${week}`);
  expect(response.statusCode, response.body).toBe(200);
  const page = response.json<{ total: number; gaps: Gap[] }>();
  expect(page.total).toBe(page.gaps.length);
  return new Map(page.gaps.map((g) => [g.rootCause, g]));
}

function expectGaps(actual: Map<string, Gap>, expected: ReturnType<typeof expectedGaps>) {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [cause, { occurrences, reviews }] of expected) {
    expect(actual.get(cause)?.occurrences, cause).toBe(occurrences);
    expect([...actual.get(cause)!.reviewIds].sort(), cause).toEqual(reviews.map((i) => reviewIds[i]).sort());
  }
}

describe('knowledge gaps', () => {
  it('count a root cause only on an answer that lost points', async () => {
    expectGaps(await gapsByCause(), expectedGaps(reviews));
  });

  it('follow accepted disputes: a fail turned pass leaves the ranking, partial credit stays', async () => {
    for (const d of disputes) {
      const opened = await acmeUser.post(`/api/quality/reviews/${reviewIds[d.review]}/disputes`, {
        comment: 'Disputed',
        items: [{ criterionKey: d.criterionKey, proposedValue: d.proposedValue, comment: 'see SOP' }],
      });
      expect(opened.statusCode, opened.body).toBe(201);
      const disputeId = opened.json<{ dispute: { id: number } }>().dispute.id;
      const decided = await ops.post(`/api/quality/disputes/${disputeId}/decision`, {
        reason: 'Agreed',
        items: [{ criterionKey: d.criterionKey, accepted: true }],
      });
      expect(decided.statusCode, decided.body).toBe(200);
    }
    const after = reviews.map((answers) => ({ ...answers }));
    for (const d of disputes) {
      after[d.review]![d.criterionKey] = { ...after[d.review]![d.criterionKey]!, value: d.proposedValue };
    }
    expectGaps(await gapsByCause(), expectedGaps(after));

    // The review itself no longer names a root cause on the answer that now passes, and its history says so;
    // the answer left with partial credit keeps its cause.
    type Detail = {
      answers: Record<string, { rootCause: string | null }>;
      history: { kind: string; changes: Record<string, unknown> }[];
    };
    const passed = (await ops.get(`/api/quality/reviews/${reviewIds[0]}`)).json<Detail>();
    expect(passed.answers.a?.rootCause).toBeNull();
    expect(passed.history.find((h) => h.kind === 'answer_changed')?.changes).toEqual({
      a: { from: 0, to: 1, rootCause: { from: 'agent_error', to: null } },
    });
    const partial = (await ops.get(`/api/quality/reviews/${reviewIds[1]}`)).json<Detail>();
    expect(partial.answers.b?.rootCause).toBe('sop_unclear_or_missing');
  });
});

describe('knowledge gaps beyond one page', () => {
  // More groups (vendor × queue × week × root cause) than the largest page (500): each case its own queue, and
  // each review names two causes on answers that lost points.
  const cases = 260;
  const named = ['agent_error', 'policy'];

  it('count every row and page through all of them, none missing, none twice', async () => {
    const paged = (
      await database.db.insertInto('vendors').values({ name: 'Paged' }).returning('id').executeTakeFirstOrThrow()
    ).id;
    const formId = (await ops.get('/api/quality/forms'))
      .json<{ id: number; key: string }[]>()
      .find((f) => f.key === 'audit')!.id;
    const rows = await database.db
      .insertInto('cases')
      .values(
        Array.from({ length: cases }, (_, i) => ({
          source: 'generic' as const,
          external_id: `paged-${i}`,
          vendor_id: paged,
          queue: `Queue ${String(i).padStart(3, '0')}`,
          channel: 'chat',
          created_at: new Date(),
        })),
      )
      .returning(['id', 'queue'])
      .execute();
    const reviewed = await database.db
      .insertInto('quality_reviews')
      .values(
        rows.map((c) => ({
          case_id: c.id,
          vendor_id: paged,
          form_id: formId,
          reviewer_kind: 'internal',
          reviewer_name: 'Seed',
          reviewed_at: new Date(),
          week: weekOf(new Date(), 'UTC'),
        })),
      )
      .returning(['id', 'case_id'])
      .execute();
    await database.db
      .insertInto('quality_review_answers')
      .values(
        reviewed.flatMap((r) => [
          { review_id: r.id, criterion_key: 'a', value: 0, root_cause: named[0]! },
          { review_id: r.id, criterion_key: 'b', value: 2, root_cause: named[1]! },
        ]),
      )
      .execute();
    const expected = new Set<string>();
    for (const c of rows) for (const cause of named) expected.add(`${c.queue}|${cause}`);
    expect(expected.size).toBeGreaterThan(500);

    const seen: string[] = [];
    let offset = 0;
    for (;;) {
      const response = await ops.get(`/api/quality/knowledge-gaps?vendorId=${paged}&limit=500&offset=${offset}`);
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json<{ total: number; limit: number; offset: number; gaps: (Gap & { queue: string })[] }>();
      expect(page).toMatchObject({ total: expected.size, limit: 500, offset });
      seen.push(...page.gaps.map((g) => `${g.queue}|${g.rootCause}`));
      if (page.gaps.length < 500) break;
      offset += 500;
    }
    expect(seen).toHaveLength(expected.size);
    expect(new Set(seen)).toEqual(expected);

    // The default page is smaller and says so; a page past the end is empty but still counts the whole list.
    const first = (await ops.get(`/api/quality/knowledge-gaps?vendorId=${paged}`)).json<{
      total: number;
      gaps: Gap[];
    }>();
    expect(first.gaps.length).toBeLessThan(first.total);
    expect(first.total).toBe(expected.size);
    const past = (await ops.get(`/api/quality/knowledge-gaps?vendorId=${paged}&offset=${expected.size}`)).json<{
      total: number;
      gaps: Gap[];
    }>();
    expect(past).toMatchObject({ total: expected.size, gaps: [] });
    expect((await ops.get(`/api/quality/knowledge-gaps?vendorId=${paged}&limit=501`)).statusCode).toBe(400);
  });
});
