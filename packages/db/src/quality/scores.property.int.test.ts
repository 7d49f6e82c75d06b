/**
 * Property: for random forms (sections, weights, scales, N/A allowance, critical flags, both rules), random
 * answers and a random sequence of later answer changes (edited in place, re-imported as a delete and insert,
 * or proposed in a dispute and accepted or rejected per criterion), the score and fatal flag stored in
 * `quality_review_scores` (kept by the triggers of migrations/0029) equal the domain's `scoreReview` on the
 * same form and the answers as they stand, after every step.
 */
import fc from 'fast-check';
import { scaleMax, scaleMin, SCALES, STANDARD_ROOT_CAUSES, type FormContent } from '@scorecard/domain/quality/forms';
import { scoreReview, type Answers } from '@scorecard/domain/quality/scoring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/harness.ts';
import { decisionOf } from '@scorecard/domain/quality/disputes';
import { sql } from 'kysely';
import { decideDispute, insertDispute, listDisputes } from './disputes.ts';
import { createForm, publishForm } from './forms.ts';
import { insertReview, listReviews } from './reviews.ts';

let database: TestDatabase;
let caseId: number;
let vendorId: number;
const actor = { userId: null, kind: 'system' as const };

beforeAll(async () => {
  database = await createTestDatabase();
  const vendor = await database.db
    .insertInto('vendors')
    .values({ name: 'P' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await database.db
    .insertInto('cases')
    .values({ source: 'generic', external_id: 'c1', vendor_id: vendor.id, channel: 'email', created_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  caseId = row.id;
  vendorId = vendor.id;
});
afterAll(async () => database?.drop());

const criterion = fc.record({
  scale: fc.constantFrom(...SCALES),
  allowNa: fc.boolean(),
  critical: fc.boolean(),
});
const formArbitrary = fc.record({
  rule: fc.record({
    na: fc.constantFrom('excluded' as const, 'pass' as const),
    critical: fc.constantFrom('zero' as const, 'fatal_only' as const),
  }),
  sections: fc.array(
    fc.record({
      weight: fc.oneof(fc.constantFrom(1, 2, 5), fc.double({ min: 0.1, max: 100, noNaN: true })),
      criteria: fc.array(criterion, { minLength: 1, maxLength: 4 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

type GeneratedForm = typeof formArbitrary extends fc.Arbitrary<infer T> ? T : never;

function toContent(generated: GeneratedForm): FormContent {
  let n = 0;
  return {
    name: 'Random form',
    kind: 'qa_audit',
    rule: generated.rule,
    sections: generated.sections.map((s, i) => ({
      key: `s${i}`,
      title: `Section ${i}`,
      weight: s.weight,
      criteria: s.criteria.map((c) => ({
        key: `c${n++}`,
        title: 'Criterion',
        ...c,
        rootCauses: [...STANDARD_ROOT_CAUSES],
      })),
    })),
  };
}

type Change = { kind: 'edit' | 'reimport' | 'dispute'; answers: Answers; touched: boolean[]; accepted: boolean[] };

/** Answers for every criterion: anywhere on its scale, or N/A where allowed. */
function answersArbitrary(content: FormContent): fc.Arbitrary<Answers> {
  const criteria = content.sections.flatMap((s) => s.criteria);
  return fc
    .tuple(
      ...criteria.map((c) => {
        const value = fc.integer({ min: scaleMin(c.scale), max: scaleMax(c.scale) });
        return c.allowNa ? fc.option(value, { nil: null, freq: 3 }) : value;
      }),
    )
    .map((values) => Object.fromEntries(criteria.map((c, i) => [c.key, { value: values[i] ?? null }])));
}

/** Form, first answers and up to four later changes, each to a random subset of the criteria. */
const formWithHistory = formArbitrary.chain((generated) => {
  const content = toContent(generated);
  const count = content.sections.flatMap((s) => s.criteria).length;
  const flags = fc.array(fc.boolean(), { minLength: count, maxLength: count });
  const change: fc.Arbitrary<Change> = fc.record({
    kind: fc.constantFrom('edit' as const, 'reimport' as const, 'dispute' as const),
    answers: answersArbitrary(content),
    touched: flags,
    accepted: flags,
  });
  return fc.record({
    content: fc.constant(content),
    answers: answersArbitrary(content),
    changes: fc.array(change, { maxLength: 4 }),
  });
});

/** Applies one change as the product writes it; returns the answers as they now stand. */
async function applyChange(reviewId: number, current: Answers, change: Change): Promise<Answers> {
  const keys = Object.keys(current).filter((_, i) => change.touched[i]);
  if (keys.length === 0) return current;
  const next = { ...current };
  await database.db.transaction().execute(async (trx) => {
    if (change.kind === 'edit') {
      for (const key of keys) {
        await sql`UPDATE quality_review_answers SET value = ${change.answers[key]!.value}
          WHERE review_id = ${reviewId} AND criterion_key = ${key}`.execute(trx);
        next[key] = change.answers[key]!;
      }
    } else if (change.kind === 'reimport') {
      for (const key of keys) next[key] = change.answers[key]!;
      await sql`DELETE FROM quality_review_answers WHERE review_id = ${reviewId}`.execute(trx);
      await trx
        .insertInto('quality_review_answers')
        .values(Object.entries(next).map(([key, a]) => ({ review_id: reviewId, criterion_key: key, value: a.value })))
        .execute();
    } else {
      // One dispute per review: a later dispute step finds the review already disputed and changes nothing.
      if ((await listDisputes(trx, { kind: 'all' }, { reviewId })).length > 0) return;
      const review = { id: reviewId, vendorId };
      const items = keys.map((key) => ({ criterionKey: key, proposedValue: change.answers[key]!.value, comment: '' }));
      const disputeId = await insertDispute(trx, actor, review, 'Disputed', items);
      const [dispute] = await listDisputes(trx, { kind: 'all' }, { id: disputeId });
      const verdicts = new Map(keys.map((key, i) => [key, change.accepted[i] === true]));
      const decision = decisionOf([...verdicts.values()].map((accepted) => ({ accepted })));
      await decideDispute(trx, actor, dispute!, decision, verdicts, 'Decided');
      for (const [key, accepted] of verdicts) if (accepted) next[key] = change.answers[key]!;
    }
  });
  return next;
}

async function expectStoredScore(reviewId: number, content: FormContent, answers: Answers) {
  const [stored] = await listReviews(database.db, { kind: 'all' }, { id: reviewId }, false);
  const expected = scoreReview(content, answers);
  expect(stored!.fatal).toBe(expected.fatal);
  if (expected.score === null) expect(stored!.score).toBeNull();
  else expect(stored!.score).toBeCloseTo(expected.score, 9);
}

describe('quality_review_scores equals scoreReview', () => {
  it('on random forms, answers and answer changes', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(formWithHistory, async ({ content, answers, changes }) => {
        run += 1;
        const reviewId = await database.db.transaction().execute(async (trx) => {
          const form = await createForm(trx, `p-${run}`, content, null);
          await publishForm(trx, form.id);
          return insertReview(
            trx,
            actor,
            { kind: 'all' },
            {
              caseId,
              formId: form.id,
              reviewerKind: 'internal',
              reviewerUserId: null,
              reviewerName: 'Property',
              feedback: '',
              reviewedAt: new Date(),
              answers,
            },
          );
        });
        let current = answers;
        await expectStoredScore(reviewId!, content, current);
        for (const change of changes) {
          current = await applyChange(reviewId!, current, change);
          await expectStoredScore(reviewId!, content, current);
        }
      }),
      { numRuns: 100 },
    );
  });
});
