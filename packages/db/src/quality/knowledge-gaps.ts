/**
 * Knowledge gaps: root causes named on review answers and escalation reviews, ranked by how often, per
 * vendor, queue and review week, with the reviews and cases behind each. A review answer's root cause counts
 * only while the answer lost points (a value below its scale's top; N/A loses none), read from the answers as
 * they stand after accepted disputes, so a fail turned pass on dispute leaves the ranking.
 */
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { VendorScope } from '@scorecard/domain/vendors/scope';
import { scopeFilter } from './weekly.ts';

export interface KnowledgeGapRow {
  vendorId: number;
  vendorName: string;
  queue: string | null;
  week: string;
  rootCause: string;
  occurrences: number;
  reviewIds: number[];
  escalationReviewIds: number[];
  caseIds: number[];
}

/**
 * One page of the ranking (every row without `page`) and the number of rows the whole ranking has, so a
 * reader can tell the page from the list: nothing is left out without saying so.
 */
export async function knowledgeGaps(
  db: Db,
  scope: VendorScope,
  filter: { week?: string; vendorId?: number },
  page?: { limit: number; offset: number },
): Promise<{ total: number; rows: KnowledgeGapRow[] }> {
  const week = filter.week === undefined ? sql`` : sql`AND g.week = ${filter.week}::date`;
  const vendor = filter.vendorId === undefined ? sql`` : sql`AND g.vendor_id = ${filter.vendorId}`;
  const window = page === undefined ? sql`` : sql`LIMIT ${page.limit} OFFSET ${page.offset}`;
  const { rows } = await sql<KnowledgeGapRow & { total: number }>`
    WITH gaps AS (
      SELECT r.vendor_id, c.queue, r.week, a.root_cause, r.id AS review_id, NULL::bigint AS escalation_id, r.case_id
      FROM quality_review_answers a
      JOIN quality_reviews r ON r.id = a.review_id
      JOIN quality_form_criteria k ON k.form_id = r.form_id AND k.key = a.criterion_key
      JOIN cases c ON c.id = r.case_id
      WHERE a.root_cause IS NOT NULL AND a.value < k.scale_max
      UNION ALL
      SELECT e.vendor_id, c.queue, e.week, e.root_cause, NULL, e.id, e.case_id
      FROM quality_escalation_reviews e JOIN cases c ON c.id = e.case_id
      WHERE e.verdict = 'avoidable'
    ), ranked AS (
      SELECT g.vendor_id AS "vendorId", v.name AS "vendorName", g.queue, g.week::text AS week,
             g.root_cause AS "rootCause", count(*)::int AS occurrences,
             coalesce(array_agg(DISTINCT g.review_id) FILTER (WHERE g.review_id IS NOT NULL), '{}') AS "reviewIds",
             coalesce(array_agg(DISTINCT g.escalation_id) FILTER (WHERE g.escalation_id IS NOT NULL), '{}')
               AS "escalationReviewIds",
             array_agg(DISTINCT g.case_id) AS "caseIds"
      FROM gaps g JOIN vendors v ON v.id = g.vendor_id
      WHERE true ${scopeFilter(scope, 'g.vendor_id')} ${week} ${vendor}
      GROUP BY g.vendor_id, v.name, g.queue, g.week, g.root_cause
    )
    -- The count is of the whole ranking; a page past its end still carries it (one row of NULLs).
    SELECT t.total, p.*
    FROM (SELECT count(*)::int AS total FROM ranked) t
    LEFT JOIN LATERAL (
      SELECT * FROM ranked
      ORDER BY occurrences DESC, week DESC, "vendorName", queue NULLS LAST, "rootCause", "vendorId"
      ${window}
    ) p ON true`.execute(db);
  return {
    total: rows[0]?.total ?? 0,
    rows: rows
      .filter((r) => r.vendorId !== null)
      .map(({ total: _total, ...r }) => ({
        ...r,
        reviewIds: r.reviewIds.map(Number),
        escalationReviewIds: r.escalationReviewIds.map(Number),
        caseIds: r.caseIds.map(Number),
      })),
  };
}
