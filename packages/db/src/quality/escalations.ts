/**
 * Escalation reviews: the escalated cases of a vendor and arrival week form the queue; the in-house team
 * marks each avoidable or valid; the vendor's users acknowledge their own. Scoped in SQL.
 */
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { VendorScope } from '@scorecard/domain/vendors/scope';

function scoped(scope: VendorScope) {
  return scope.kind === 'vendor' ? sql`AND c.vendor_id = ${scope.vendorId}` : sql``;
}

export async function escalationQueue(db: Db, scope: VendorScope, week: string, vendorId?: number) {
  const vendor = vendorId === undefined ? sql`` : sql`AND c.vendor_id = ${vendorId}`;
  const { rows } = await sql<{
    caseId: number;
    vendorId: number;
    externalId: string;
    queue: string | null;
    channel: string;
    createdAt: Date;
    reviewId: number | null;
    verdict: string | null;
    rootCause: string | null;
    feedback: string | null;
    reviewedAt: Date | null;
    reviewWeek: string | null;
    acknowledgedAt: Date | null;
  }>`
    SELECT c.id AS "caseId", c.vendor_id AS "vendorId", c.external_id AS "externalId", c.queue, c.channel,
           c.created_at AS "createdAt", e.id AS "reviewId", e.verdict, e.root_cause AS "rootCause", e.feedback,
           e.reviewed_at AS "reviewedAt", e.week::text AS "reviewWeek", e.acknowledged_at AS "acknowledgedAt"
    FROM cases c CROSS JOIN organisation_settings s
    LEFT JOIN quality_escalation_reviews e ON e.case_id = c.id
    WHERE c.escalated AND c.vendor_id IS NOT NULL
      AND scorecard_week(c.created_at, s.reporting_time_zone) = ${week}::date ${scoped(scope)} ${vendor}
    ORDER BY e.id IS NOT NULL, c.created_at, c.id
    LIMIT 2000`.execute(db);
  return rows;
}

/** Records (or revises) the review of an escalated case the scope sees; false when there is none. */
export async function reviewEscalation(
  db: Db,
  caseId: number,
  review: {
    verdict: 'avoidable' | 'valid';
    rootCause: string;
    feedback: string;
    reviewerUserId: number | null;
    reviewedAt: Date;
  },
): Promise<boolean> {
  const { rows } = await sql<{ id: number }>`
    INSERT INTO quality_escalation_reviews (case_id, vendor_id, verdict, root_cause, feedback, reviewer_user_id, reviewed_at, week)
    SELECT c.id, c.vendor_id, ${review.verdict}, ${review.rootCause}, ${review.feedback}, ${review.reviewerUserId}, ${review.reviewedAt},
           scorecard_week(${review.reviewedAt}::timestamptz, s.reporting_time_zone)
    FROM cases c CROSS JOIN organisation_settings s
    WHERE c.id = ${caseId} AND c.escalated AND c.vendor_id IS NOT NULL
    ON CONFLICT (case_id) DO UPDATE SET verdict = EXCLUDED.verdict, root_cause = EXCLUDED.root_cause,
      feedback = EXCLUDED.feedback, reviewer_user_id = EXCLUDED.reviewer_user_id, reviewed_at = EXCLUDED.reviewed_at,
      week = EXCLUDED.week, acknowledged_by = NULL, acknowledged_at = NULL
    RETURNING id`.execute(db);
  return rows.length > 0;
}

/** The vendor's user acknowledges a review of its own escalated case; false when it sees none. */
export async function acknowledgeEscalation(db: Db, scope: VendorScope, caseId: number, userId: number | null) {
  const result = await db
    .updateTable('quality_escalation_reviews')
    .set({ acknowledged_by: userId, acknowledged_at: new Date() })
    .where('case_id', '=', caseId)
    .$if(scope.kind === 'vendor', (qb) => qb.where('vendor_id', '=', scope.kind === 'vendor' ? scope.vendorId : -1))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
