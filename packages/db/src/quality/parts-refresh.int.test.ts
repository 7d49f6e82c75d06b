/**
 * `refresh_weekly_quality_parts` (migration 0029) reads only the given vendor-weeks' reviews: with many stored
 * reviews of the same vendor in other weeks, the plan of a one-vendor-week refresh's INSERT (EXPLAIN ANALYZE,
 * BUFFERS, FORMAT JSON of the function's own statement, logged by auto_explain for nested statements) reads no
 * more rows of `quality_reviews` than the week's reviews and the reviews of their cases (the calibration pair's
 * lookup). The vendor-weeks reach the view's scans only through the OFFSET 0 fence; without it the view is
 * computed for every review and filtered afterwards, and this test fails.
 */
import { OK_FORM } from '@scorecard/domain/quality/forms.testing';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/harness.ts';
import { createForm, publishForm } from './forms.ts';

/** A Monday: the refreshed week. The other reviews are spread over the OTHER_WEEKS weeks before it. */
const WEEK = '2026-11-16';
const OTHER_WEEKS = 40;
const OTHER_REVIEWS = 10_000;
/** Internal reviews in WEEK, each of its own case, half of them also reviewed by the vendor's QA (in WEEK). */
const WEEK_REVIEWS = 6;

let database: TestDatabase;
let vendorId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  vendorId = (await db.insertInto('vendors').values({ name: 'Acme' }).returning('id').executeTakeFirstOrThrow()).id;
  const formId = await db.transaction().execute(async (trx) => {
    const form = await createForm(trx, 'audit', OK_FORM, null);
    await publishForm(trx, form.id);
    return form.id;
  });
  const caseIds = (
    await db
      .insertInto('cases')
      .values(
        Array.from({ length: 100 + WEEK_REVIEWS }, (_, i) => ({
          source: 'generic' as const,
          external_id: `c-${i}`,
          vendor_id: vendorId,
          channel: 'email',
          created_at: new Date('2026-01-05T00:00:00Z'),
        })),
      )
      .returning('id')
      .execute()
  ).map((c) => c.id);
  const otherCases = caseIds.slice(0, 100);
  const weekCases = caseIds.slice(100);

  // One statement each, so the triggers rebuild the touched vendor-weeks once.
  await sql`INSERT INTO quality_reviews (case_id, vendor_id, form_id, reviewer_kind, reviewer_name, reviewed_at, week)
    SELECT (${otherCases}::bigint[])[1 + g % 100], ${vendorId}, ${formId},
      CASE WHEN g % 3 = 0 THEN 'vendor' ELSE 'internal' END, 'QA',
      ${WEEK}::date - 7 * (1 + g % ${OTHER_WEEKS}) + time '09:00', ${WEEK}::date - 7 * (1 + g % ${OTHER_WEEKS})
    FROM generate_series(1, ${OTHER_REVIEWS}) g`.execute(db);
  const weekRows = weekCases.flatMap((caseId, i) => [
    { caseId, kind: 'internal' },
    ...(i % 2 === 0 ? [{ caseId, kind: 'vendor' }] : []),
  ]);
  await sql`INSERT INTO quality_reviews (case_id, vendor_id, form_id, reviewer_kind, reviewer_name, reviewed_at, week)
    SELECT u.case_id, ${vendorId}, ${formId}, u.kind, 'QA', ${WEEK}::date + time '09:00', ${WEEK}::date
    FROM unnest(${weekRows.map((r) => r.caseId)}::bigint[], ${weekRows.map((r) => r.kind)}::text[]) AS u(case_id, kind)`.execute(
    db,
  );
  await sql`INSERT INTO quality_review_answers (review_id, criterion_key, value)
    SELECT id, 'ok', (id % 2)::smallint FROM quality_reviews`.execute(db);
  await sql`ANALYZE`.execute(db);
}, 120_000);
afterAll(async () => database?.drop());

interface PlanNode {
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

/** Rows each scan of `relation` read (returned or removed by a filter), over all its loops, and their buffers. */
function reads(node: PlanNode, relation: string): { rows: number; buffers: number } {
  const own =
    node['Relation Name'] === relation
      ? {
          rows:
            (node['Actual Rows'] +
              (node['Rows Removed by Filter'] ?? 0) +
              (node['Rows Removed by Index Recheck'] ?? 0)) *
            node['Actual Loops'],
          buffers: node['Shared Hit Blocks'] + node['Shared Read Blocks'],
        }
      : { rows: 0, buffers: 0 };
  for (const child of node.Plans ?? []) {
    const below = reads(child, relation);
    own.rows += below.rows;
    own.buffers += below.buffers;
  }
  return own;
}

describe('refresh_weekly_quality_parts', () => {
  it("reads only the given vendor-week's reviews and their cases' reviews", { timeout: 60_000 }, async () => {
    // By hand: the week's reviews are read by (vendor, week); each internal one's case by case (the pair lookup).
    const week = await database.db
      .selectFrom('quality_reviews')
      .select(['case_id', 'reviewer_kind'])
      .where('vendor_id', '=', vendorId)
      .where('week', '=', WEEK)
      .execute();
    let bound = week.length;
    for (const review of week) {
      if (review.reviewer_kind !== 'internal') continue;
      for (const other of week) if (other.case_id === review.case_id) bound += 1;
    }
    expect(week).toHaveLength(WEEK_REVIEWS + WEEK_REVIEWS / 2);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const plans: string[] = [];
    client.on('notice', (notice) => plans.push(notice.message ?? ''));
    try {
      await client.query(`LOAD 'auto_explain'`);
      await client.query(`SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on;
        SET auto_explain.log_buffers = on; SET auto_explain.log_format = json;
        SET auto_explain.log_nested_statements = on; SET auto_explain.log_level = notice`);
      await client.query(`SELECT refresh_weekly_quality_parts(ARRAY[$1]::bigint[], ARRAY[$2]::date[])`, [
        vendorId,
        WEEK,
      ]);
    } finally {
      await client.end();
    }
    const insert = plans
      .map((message) => JSON.parse(message.slice(message.indexOf('{'))) as { 'Query Text': string; Plan: PlanNode })
      .find((plan) => plan['Query Text'].includes('INSERT INTO weekly_quality_parts'));
    expect(insert, 'the refresh logged no plan of its INSERT').toBeDefined();
    const read = reads(insert!.Plan, 'quality_reviews');
    expect(read.rows).toBeGreaterThan(0);
    expect(read.rows).toBeLessThanOrEqual(bound);
    // Each row read from its own block at worst, plus an index's root-to-leaf descent (≤ 3 levels) per row.
    expect(read.buffers).toBeLessThanOrEqual(4 * bound);
  });
});
