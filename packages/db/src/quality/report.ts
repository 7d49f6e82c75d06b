/**
 * The quality block of one vendor's weekly report email: the week's top root causes, the calibration gap per
 * criterion, the escalation reviews made in the week and the vendor's open disputes. Every read is filtered
 * to the one vendor. The figures themselves (quality score, calibration gap) come from the scorecard row.
 */
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { knowledgeGaps } from './knowledge-gaps.ts';
import { calibrationByCriterion } from './weekly.ts';

export interface QualityReportData {
  /** Root causes named on the week's review answers and avoidable escalation reviews, most frequent first. */
  rootCauses: { rootCause: string; occurrences: number }[];
  calibrationCriteria: { criterionKey: string; pairs: number; gap: number }[];
  escalationReviews: { caseExternalId: string; verdict: string; rootCause: string; acknowledged: boolean }[];
  openDisputes: { caseExternalId: string; reviewWeek: string; openedAt: Date; criteria: string[] }[];
}

export async function qualityReportData(db: Db, vendorId: number, week: string): Promise<QualityReportData> {
  const scope = { kind: 'vendor' as const, vendorId };
  const [gaps, calibrationCriteria, escalations, disputes] = await Promise.all([
    knowledgeGaps(db, scope, { week, vendorId }),
    calibrationByCriterion(db, scope, vendorId, week),
    sql<QualityReportData['escalationReviews'][number]>`
      SELECT c.external_id AS "caseExternalId", e.verdict, e.root_cause AS "rootCause",
             e.acknowledged_at IS NOT NULL AS acknowledged
      FROM quality_escalation_reviews e JOIN cases c ON c.id = e.case_id
      WHERE e.vendor_id = ${vendorId} AND e.week = ${week}::date
      ORDER BY e.verdict, e.reviewed_at, e.id`.execute(db),
    sql<QualityReportData['openDisputes'][number]>`
      SELECT c.external_id AS "caseExternalId", r.week::text AS "reviewWeek", d.opened_at AS "openedAt",
             coalesce(array_agg(i.criterion_key ORDER BY i.criterion_key) FILTER (WHERE i.criterion_key IS NOT NULL), '{}')
               AS criteria
      FROM quality_disputes d
      JOIN quality_reviews r ON r.id = d.review_id
      JOIN cases c ON c.id = r.case_id
      LEFT JOIN quality_dispute_items i ON i.dispute_id = d.id
      WHERE d.vendor_id = ${vendorId} AND d.status = 'open'
      GROUP BY d.id, c.external_id, r.week
      ORDER BY d.opened_at, d.id`.execute(db),
  ]);
  // The ranking is per queue (all of its rows: one vendor-week); the email ranks the root causes over all of the
  // vendor's queues.
  const byCause = new Map<string, number>();
  for (const gap of gaps.rows) byCause.set(gap.rootCause, (byCause.get(gap.rootCause) ?? 0) + gap.occurrences);
  const rootCauses = [...byCause.entries()]
    .map(([rootCause, occurrences]) => ({ rootCause, occurrences }))
    .sort((a, b) => b.occurrences - a.occurrences || a.rootCause.localeCompare(b.rootCause));
  return { rootCauses, calibrationCriteria, escalationReviews: escalations.rows, openDisputes: disputes.rows };
}
