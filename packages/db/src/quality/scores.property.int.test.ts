/**
 * Property: for random forms (sections, weights, scales, N/A allowance, critical flags, both rules) and
 * random answers, the score and fatal flag of the SQL view `quality_review_scores` equal the domain's
 * `scoreReview` on the same form and answers.
 */
import fc from 'fast-check';
import { scaleMax, scaleMin, SCALES, STANDARD_ROOT_CAUSES, type FormContent } from '@scorecard/domain/quality/forms';
import { scoreReview, type Answers } from '@scorecard/domain/quality/scoring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/harness.ts';
import { createForm, publishForm } from './forms.ts';
import { insertReview, listReviews } from './reviews.ts';

let database: TestDatabase;
let caseId: number;
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

/** Form plus answers: each criterion answered anywhere on its scale, or N/A where allowed. */
const formWithAnswers = formArbitrary.chain((generated) => {
  const content = toContent(generated);
  const criteria = content.sections.flatMap((s) => s.criteria);
  return fc
    .tuple(
      ...criteria.map((c) => {
        const value = fc.integer({ min: scaleMin(c.scale), max: scaleMax(c.scale) });
        return c.allowNa ? fc.option(value, { nil: null, freq: 3 }) : value;
      }),
    )
    .map((values) => {
      const answers: Answers = Object.fromEntries(criteria.map((c, i) => [c.key, { value: values[i] ?? null }]));
      return { content, answers };
    });
});

describe('quality_review_scores equals scoreReview', () => {
  it('on random forms and answers', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(formWithAnswers, async ({ content, answers }) => {
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
        const [stored] = await listReviews(database.db, { kind: 'all' }, { id: reviewId! }, false);
        const expected = scoreReview(content, answers);
        expect(stored!.fatal).toBe(expected.fatal);
        if (expected.score === null) expect(stored!.score).toBeNull();
        else expect(stored!.score).toBeCloseTo(expected.score, 9);
      }),
      { numRuns: 100 },
    );
  });
});
