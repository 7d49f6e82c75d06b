/**
 * The rows behind a quality figure of one vendor-week: the view `quality_contributions` (migrations/0024),
 * the same rows the weekly quality parts are summed from, with the reviewed case's own arrival week beside
 * the review week. Scoped to the caller's vendor in SQL.
 */
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { VendorScope } from '@scorecard/domain/vendors/scope';

export interface QualityDrillDownFilter {
  vendorId: number;
  /** The review week (Monday). */
  week: string;
  /** 'escalation' for the avoidable-escalation rate, 'review' for the other figures. */
  kind: 'review' | 'escalation';
  queue?: string;
  channel?: string;
}

export interface QualityDrillDownRow {
  kind: 'review' | 'escalation';
  reviewId: number | null;
  escalationReviewId: number | null;
  caseId: number;
  caseExternalId: string;
  caseWeek: string;
  week: string;
  reviewedAt: Date;
  queue: string | null;
  channel: string;
  score: number | null;
  fatal: boolean;
  disputeStatus: string | null;
  vendorReviewId: number | null;
  vendorScore: number | null;
  gap: number | null;
  verdict: string | null;
}

export async function qualityDrillDown(
  db: Db,
  scope: VendorScope,
  filter: QualityDrillDownFilter,
): Promise<QualityDrillDownRow[]> {
  const conditions = [
    sql`x.vendor_id = ${filter.vendorId}`,
    sql`x.week = ${filter.week}::date`,
    sql`x.kind = ${filter.kind}`,
  ];
  if (scope.kind === 'vendor') conditions.push(sql`x.vendor_id = ${scope.vendorId}`);
  if (filter.queue !== undefined) conditions.push(sql`x.queue = ${filter.queue}`);
  if (filter.channel !== undefined) conditions.push(sql`x.channel = ${filter.channel}`);
  const { rows } = await sql<QualityDrillDownRow>`
    SELECT x.kind, x.review_id AS "reviewId", x.escalation_review_id AS "escalationReviewId", x.case_id AS "caseId",
      c.external_id AS "caseExternalId", x.case_week::text AS "caseWeek", x.week::text AS week,
      x.reviewed_at AS "reviewedAt", x.queue, x.channel, x.score, x.fatal, x.dispute_status AS "disputeStatus",
      x.vendor_review_id AS "vendorReviewId", x.vendor_score AS "vendorScore", x.gap, x.verdict
    FROM quality_contributions x
    JOIN cases c ON c.id = x.case_id
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY x.reviewed_at, coalesce(x.review_id, x.escalation_review_id)`.execute(db);
  return rows.map((r) => ({
    ...r,
    reviewId: r.reviewId === null ? null : Number(r.reviewId),
    escalationReviewId: r.escalationReviewId === null ? null : Number(r.escalationReviewId),
    caseId: Number(r.caseId),
    vendorReviewId: r.vendorReviewId === null ? null : Number(r.vendorReviewId),
  }));
}
