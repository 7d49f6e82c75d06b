/**
 * The week's quality figures per vendor, set-based: sums and counts here, ratios and intervals in
 * packages/domain/src/quality/metrics.ts. Reviews count in the week they were made (`quality_reviews.week`).
 */
import type { ScoringRule } from '@scorecard/domain/quality/forms';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { VendorScope } from '@scorecard/domain/vendors/scope';

export interface WeeklyQualityRow {
  vendorId: number;
  vendorName: string;
  /** Internal reviews made in the week, scored ones, Σ score and Σ score², fatal ones. */
  reviews: number;
  scored: number;
  scoreSum: number;
  scoreSquares: number;
  fatal: number;
  /** The scoring rules ("na/critical") the week's internal reviews were scored under. */
  rules: string[];
  disputed: number;
  disputesDecided: number;
  disputesAccepted: number;
  calibrationPairs: number;
  calibrationGap: number | null;
  escalationReviews: number;
  escalationsAvoidable: number;
  openDisputes: number;
}

function scopeFilter(scope: VendorScope, column: string) {
  return scope.kind === 'vendor' ? sql`AND ${sql.ref(column)} = ${scope.vendorId}` : sql``;
}

export async function weeklyQuality(db: Db, scope: VendorScope, week: string, vendorId?: number) {
  const vendorFilter = vendorId === undefined ? sql`` : sql`AND v.id = ${vendorId}`;
  const { rows } = await sql<WeeklyQualityRow>`
    WITH internal AS (
      SELECT r.id, r.vendor_id, r.case_id, q.score, q.fatal, f.na_rule || '/' || f.critical_rule AS rule
      FROM quality_reviews r
      JOIN quality_review_scores q ON q.review_id = r.id
      JOIN quality_forms f ON f.id = r.form_id
      WHERE r.week = ${week}::date AND r.reviewer_kind = 'internal' ${scopeFilter(scope, 'r.vendor_id')}
    ), reviews AS (
      SELECT vendor_id, count(*)::int AS reviews, count(score)::int AS scored,
             coalesce(sum(score), 0)::float8 AS score_sum, coalesce(sum(score * score), 0)::float8 AS score_squares,
             count(*) FILTER (WHERE fatal)::int AS fatal, array_agg(DISTINCT rule ORDER BY rule) AS rules
      FROM internal GROUP BY vendor_id
    ), disputes AS (
      SELECT i.vendor_id, count(d.id)::int AS disputed,
             count(d.id) FILTER (WHERE d.status <> 'open')::int AS decided,
             count(d.id) FILTER (WHERE d.status IN ('accepted', 'partly_accepted'))::int AS accepted
      FROM internal i JOIN quality_disputes d ON d.review_id = i.id GROUP BY i.vendor_id
    ), pairs AS (
      -- Each internal review against the vendor's latest own review of the same case.
      SELECT DISTINCT ON (i.id) i.vendor_id, i.score - vq.score AS gap
      FROM internal i
      JOIN quality_reviews v ON v.case_id = i.case_id AND v.reviewer_kind = 'vendor'
      JOIN quality_review_scores vq ON vq.review_id = v.id
      WHERE i.score IS NOT NULL AND vq.score IS NOT NULL
      ORDER BY i.id, v.reviewed_at DESC, v.id DESC
    ), calibration AS (
      SELECT vendor_id, count(*)::int AS pairs, avg(gap)::float8 AS gap FROM pairs GROUP BY vendor_id
    ), escalations AS (
      SELECT vendor_id, count(*)::int AS reviewed, count(*) FILTER (WHERE verdict = 'avoidable')::int AS avoidable
      FROM quality_escalation_reviews e WHERE week = ${week}::date ${scopeFilter(scope, 'e.vendor_id')}
      GROUP BY vendor_id
    ), open_disputes AS (
      SELECT vendor_id, count(*)::int AS open FROM quality_disputes d
      WHERE status = 'open' ${scopeFilter(scope, 'd.vendor_id')} GROUP BY vendor_id
    )
    SELECT v.id AS "vendorId", v.name AS "vendorName",
           coalesce(r.reviews, 0) AS reviews, coalesce(r.scored, 0) AS scored,
           coalesce(r.score_sum, 0) AS "scoreSum", coalesce(r.score_squares, 0) AS "scoreSquares",
           coalesce(r.fatal, 0) AS fatal, coalesce(r.rules, '{}') AS rules,
           coalesce(d.disputed, 0) AS disputed, coalesce(d.decided, 0) AS "disputesDecided",
           coalesce(d.accepted, 0) AS "disputesAccepted",
           coalesce(c.pairs, 0) AS "calibrationPairs", c.gap AS "calibrationGap",
           coalesce(e.reviewed, 0) AS "escalationReviews", coalesce(e.avoidable, 0) AS "escalationsAvoidable",
           coalesce(o.open, 0) AS "openDisputes"
    FROM vendors v
    LEFT JOIN reviews r ON r.vendor_id = v.id
    LEFT JOIN disputes d ON d.vendor_id = v.id
    LEFT JOIN calibration c ON c.vendor_id = v.id
    LEFT JOIN escalations e ON e.vendor_id = v.id
    LEFT JOIN open_disputes o ON o.vendor_id = v.id
    WHERE true ${scopeFilter(scope, 'v.id')} ${vendorFilter}
    ORDER BY v.name`.execute(db);
  return rows;
}

/**
 * The scoring rules (distinct, in a stable order) each vendor's internal reviews made in `week` were scored
 * under: what the vendor's quality figures of that week followed. Vendors without such reviews are absent.
 */
export async function scoringRulesByVendor(
  db: Db,
  vendorIds: readonly number[],
  week: string,
): Promise<Map<number, ScoringRule[]>> {
  const result = new Map<number, ScoringRule[]>();
  if (vendorIds.length === 0) return result;
  const { rows } = await sql<{ vendorId: number; na: ScoringRule['na']; critical: ScoringRule['critical'] }>`
    SELECT DISTINCT r.vendor_id AS "vendorId", f.na_rule AS na, f.critical_rule AS critical
    FROM quality_reviews r JOIN quality_forms f ON f.id = r.form_id
    WHERE r.week = ${week}::date AND r.reviewer_kind = 'internal' AND r.vendor_id = ANY (${vendorIds}::bigint[])
    ORDER BY 1, 2, 3`.execute(db);
  for (const row of rows) {
    const vendorId = Number(row.vendorId);
    result.set(vendorId, [...(result.get(vendorId) ?? []), { na: row.na, critical: row.critical }]);
  }
  return result;
}

/**
 * Calibration gap per criterion for one vendor-week: mean of (internal − vendor) credit × 100 over the
 * pairs of the week's internal reviews and the vendor's latest own review of the same case, on the criteria
 * both answered (not N/A), matched by key.
 */
export async function calibrationByCriterion(db: Db, scope: VendorScope, vendorId: number, week: string) {
  const { rows } = await sql<{ criterionKey: string; pairs: number; gap: number }>`
    WITH pairs AS (
      SELECT DISTINCT ON (i.id) i.id AS internal_id, i.form_id AS internal_form, v.id AS vendor_review, v.form_id AS vendor_form
      FROM quality_reviews i
      JOIN quality_reviews v ON v.case_id = i.case_id AND v.reviewer_kind = 'vendor'
      WHERE i.week = ${week}::date AND i.reviewer_kind = 'internal' AND i.vendor_id = ${vendorId}
        ${scopeFilter(scope, 'i.vendor_id')}
      ORDER BY i.id, v.reviewed_at DESC, v.id DESC
    )
    SELECT ia.criterion_key AS "criterionKey", count(*)::int AS pairs,
           avg(100 * ((ia.value - ik.scale_min)::float8 / (ik.scale_max - ik.scale_min)
                    - (va.value - vk.scale_min)::float8 / (vk.scale_max - vk.scale_min)))::float8 AS gap
    FROM pairs p
    JOIN quality_review_answers ia ON ia.review_id = p.internal_id AND ia.value IS NOT NULL
    JOIN quality_form_criteria ik ON ik.form_id = p.internal_form AND ik.key = ia.criterion_key
    JOIN quality_review_answers va ON va.review_id = p.vendor_review AND va.criterion_key = ia.criterion_key
         AND va.value IS NOT NULL
    JOIN quality_form_criteria vk ON vk.form_id = p.vendor_form AND vk.key = va.criterion_key
    GROUP BY ia.criterion_key ORDER BY abs(avg(100 * ((ia.value - ik.scale_min)::float8 / (ik.scale_max - ik.scale_min)
                    - (va.value - vk.scale_min)::float8 / (vk.scale_max - vk.scale_min)))) DESC, 1`.execute(db);
  return rows;
}

/**
 * Knowledge gaps: root causes named on review answers and escalation reviews, ranked by how often, per
 * vendor, queue and review week, with the reviews and cases behind each. A review answer's root cause counts
 * only while the answer lost points (a value below its scale's top; N/A loses none), read from the answers as
 * they stand after accepted disputes, so a fail turned pass on dispute leaves the ranking.
 */
export async function knowledgeGaps(db: Db, scope: VendorScope, filter: { week?: string; vendorId?: number }) {
  const week = filter.week === undefined ? sql`` : sql`AND g.week = ${filter.week}::date`;
  const vendor = filter.vendorId === undefined ? sql`` : sql`AND g.vendor_id = ${filter.vendorId}`;
  const { rows } = await sql<{
    vendorId: number;
    vendorName: string;
    queue: string | null;
    week: string;
    rootCause: string;
    occurrences: number;
    reviewIds: number[];
    escalationReviewIds: number[];
    caseIds: number[];
  }>`
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
    )
    SELECT g.vendor_id AS "vendorId", v.name AS "vendorName", g.queue, g.week::text AS week,
           g.root_cause AS "rootCause", count(*)::int AS occurrences,
           coalesce(array_agg(DISTINCT g.review_id) FILTER (WHERE g.review_id IS NOT NULL), '{}') AS "reviewIds",
           coalesce(array_agg(DISTINCT g.escalation_id) FILTER (WHERE g.escalation_id IS NOT NULL), '{}') AS "escalationReviewIds",
           array_agg(DISTINCT g.case_id) AS "caseIds"
    FROM gaps g JOIN vendors v ON v.id = g.vendor_id
    WHERE true ${scopeFilter(scope, 'g.vendor_id')} ${week} ${vendor}
    GROUP BY g.vendor_id, v.name, g.queue, g.week, g.root_cause
    ORDER BY occurrences DESC, g.week DESC, v.name, g.queue NULLS LAST, g.root_cause
    LIMIT 500`.execute(db);
  return rows.map((r) => ({
    ...r,
    reviewIds: r.reviewIds.map(Number),
    escalationReviewIds: r.escalationReviewIds.map(Number),
    caseIds: r.caseIds.map(Number),
  }));
}
