/**
 * Quality review writes. One review (its row, answers and history, in one transaction, as the API writes it)
 * costs its own score, the rebuild of its vendor-weeks' quality parts and the calibration pairs of its case:
 * none of that should grow with the reviews already stored. Prints the median of seven such writes with 1,000
 * and with 20,000 reviews already stored (20 vendors × 52 weeks, a vendor QA review beside every fourth internal
 * one, each in a database of its own, the writes alternated between the two), and their ratio (goal ≤ 1.5:
 * flat). Flags: --small, --large (review counts), --runs (default 7).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { createDb, type Db } from '../packages/db/src/database.ts';
import { migrateToLatest } from '../packages/db/src/migrate.ts';
import { createForm, publishForm } from '../packages/db/src/quality/forms.ts';
import { insertReview } from '../packages/db/src/quality/reviews.ts';
import { median } from './lib/median.ts';
import { numberArg } from './lib/flags.ts';
import { generateCases, insertVendors, timed } from './recompute.bench.ts';
import type { Bench, BenchContext, BenchRow } from './lib/types.ts';

const FLAT_GOAL = 1.5;
const causes = ['agent_error', 'sop_unclear_or_missing', 'tool_or_product_bug', 'policy'];
export const FORM = {
  name: 'Bench audit',
  kind: 'qa_audit' as const,
  rule: { na: 'excluded' as const, critical: 'zero' as const },
  sections: [
    {
      key: 'resolution',
      title: 'Resolution',
      weight: 3,
      criteria: [
        { key: 'accuracy', title: 'Accuracy', scale: 'points_5' as const, allowNa: false, critical: false },
        { key: 'policy', title: 'Policy', scale: 'pass_fail' as const, allowNa: false, critical: true },
      ].map((c) => ({ ...c, rootCauses: causes })),
    },
    {
      key: 'communication',
      title: 'Communication',
      weight: 1,
      criteria: [{ key: 'tone', title: 'Tone', scale: 'points_3' as const, allowNa: true, critical: false }].map(
        (c) => ({ ...c, rootCauses: causes }),
      ),
    },
  ],
};

/** Reviews from..to (exclusive) of the generated cases, written in one statement per table (so the triggers run). */
export async function generateReviews(db: Db, formId: number, from: number, to: number) {
  await sql`
    INSERT INTO quality_reviews (case_id, vendor_id, form_id, reviewer_kind, reviewer_name, reviewed_at, week)
    SELECT c.id, c.vendor_id, ${formId}, CASE WHEN g.i % 5 = 4 THEN 'vendor' ELSE 'internal' END, 'Bench',
      c.created_at + interval '1 day', scorecard_week(c.created_at + interval '1 day', 'UTC')
    FROM generate_series(${from}::int, ${to - 1}::int) g(i)
    -- Every fifth review is the vendor QA's own review of the case before (an internal review's calibration pair).
    JOIN cases c ON c.id = 1 + (g.i - g.i % 5 + (g.i % 5) % 4)`.execute(db);
  await sql`
    INSERT INTO quality_review_answers (review_id, criterion_key, value, root_cause)
    SELECT r.id, k.key, k.scale_min + (hashint8(r.id * 7 + k.position) & 1023) % (k.scale_max - k.scale_min + 1),
      CASE WHEN r.id % 3 = 0 THEN 'agent_error' END
    FROM quality_reviews r JOIN quality_form_criteria k ON k.form_id = r.form_id
    WHERE NOT EXISTS (SELECT 1 FROM quality_review_answers a WHERE a.review_id = r.id)`.execute(db);
  await sql`ANALYZE quality_reviews; ANALYZE quality_review_answers`.execute(db);
}

/** One internal review of a case of vendor 1, as the API writes it: its ms. */
async function timeReviewWrite(db: Db, formId: number) {
  const { id: caseId } = await db
    .selectFrom('cases')
    .select('id')
    .where('vendor_id', '=', 1)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return timed(() =>
    db.transaction().execute((trx) =>
      insertReview(
        trx,
        { userId: null, kind: 'system' },
        { kind: 'all' },
        {
          caseId,
          formId,
          reviewerKind: 'internal',
          reviewerUserId: null,
          reviewerName: 'Bench',
          feedback: '',
          reviewedAt: new Date('2026-03-04T10:00:00Z'),
          answers: { accuracy: { value: 4 }, policy: { value: 1 }, tone: { value: null } },
        },
      ),
    ),
  );
}

/** A fresh migrated database holding `reviews` reviews of as many generated cases. */
async function reviewDatabase(ctx: BenchContext, reviews: number) {
  const name = `scorecard_bench_quality_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ctx.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ctx.adminUrl);
  url.pathname = `/${name}`;
  const { db, pool } = createDb({ url: url.toString(), maxConnections: 1, applicationName: 'bench-quality' });
  // Dropping the database WITH (FORCE) ends idle pooled connections: expected, not a failure.
  pool.on('error', (error) => ctx.log(`pool: ${error.message}`));
  const drop = async () => {
    await db.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  };
  try {
    await migrateToLatest(db);
    await insertVendors(db);
    await generateCases(db, 0, reviews + 1);
    const formId = await db.transaction().execute(async (trx) => {
      const form = await createForm(trx, 'bench-audit', FORM, null);
      await publishForm(trx, form.id);
      return form.id;
    });
    ctx.log(`writing ${reviews.toLocaleString()} reviews`);
    await generateReviews(db, formId, 0, reviews);
    return { db, formId, drop };
  } catch (error) {
    await drop();
    throw error;
  }
}

const bench: Bench = {
  name: 'quality',
  description: 'one quality review write with 1,000 and with 20,000 reviews stored (goal: flat)',
  async run(ctx) {
    const small = numberArg(ctx.args, 'small', 1_000);
    const large = numberArg(ctx.args, 'large', ctx.smoke ? 5_000 : 20_000);
    const runs = numberArg(ctx.args, 'runs', 7);
    const databases = [await reviewDatabase(ctx, small)];
    try {
      databases.push(await reviewDatabase(ctx, large));
      // Alternated between the two databases: on a shared machine the load changes from one minute to the next.
      const times: number[][] = [[], []];
      for (let run = 0; run < runs; run++) {
        for (const [i, { db, formId }] of databases.entries()) times[i]!.push(await timeReviewWrite(db, formId));
      }
      const results: BenchRow[] = [small, large].map((size, i) => {
        ctx.log(`${size.toLocaleString()} reviews: ${times[i]!.map((ms) => ms.toFixed(1)).join(', ')} ms`);
        return {
          figure: `one review write, ${size.toLocaleString()} reviews stored (median of ${runs})`,
          ours: median(times[i]!),
          unit: 'ms',
        };
      });
      const ratio = results[1]!.ours / results[0]!.ours;
      results.push({
        figure: `review write at ${large.toLocaleString()} ÷ at ${small.toLocaleString()} reviews`,
        ours: ratio,
        unit: '×',
        ratio,
        goal: `≤ ${FLAT_GOAL}`,
        pass: ratio <= FLAT_GOAL,
      });
      return results;
    } finally {
      for (const { drop } of databases) await drop();
    }
  },
};

export default bench;
