/**
 * The week's quality figures per vendor: the sums of the quality parts (`weekly_quality_parts`, rebuilt from the
 * view `quality_contributions`, migrations/0024 and 0029, the one home of the quality rules), added up over the
 * vendor's groups; ratios and intervals in packages/domain/src/quality/metrics.ts. Reviews count in the week
 * they were made (`quality_reviews.week`).
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
  /** The scoring rules the week's internal reviews were scored under (`scoringRulesByVendor`). */
  rules: ScoringRule[];
  disputed: number;
  disputesDecided: number;
  disputesAccepted: number;
  calibrationPairs: number;
  calibrationGap: number | null;
  escalationReviews: number;
  escalationsAvoidable: number;
  openDisputes: number;
}

export function scopeFilter(scope: VendorScope, column: string) {
  return scope.kind === 'vendor' ? sql`AND ${sql.ref(column)} = ${scope.vendorId}` : sql``;
}

export async function weeklyQuality(
  db: Db,
  scope: VendorScope,
  week: string,
  vendorId?: number,
): Promise<WeeklyQualityRow[]> {
  const vendorFilter = vendorId === undefined ? sql`` : sql`AND v.id = ${vendorId}`;
  const { rows } = await sql<Omit<WeeklyQualityRow, 'rules'>>`
    WITH parts AS (
      SELECT vendor_id, sum(quality_reviews)::int AS reviews, sum(quality_scored)::int AS scored,
             sum(quality_score_sum)::float8 AS score_sum, sum(quality_score_squares)::float8 AS score_squares,
             sum(quality_fatal)::int AS fatal, sum(quality_disputed)::int AS disputed,
             sum(quality_disputes_decided)::int AS decided, sum(quality_disputes_accepted)::int AS accepted,
             sum(calibration_pairs)::int AS pairs, sum(calibration_gap_sum)::float8 AS gap_sum,
             sum(escalation_reviews)::int AS escalation_reviews, sum(escalations_avoidable)::int AS avoidable
      FROM weekly_quality_parts WHERE week = ${week}::date ${scopeFilter(scope, 'vendor_id')}
      GROUP BY vendor_id
    ), open_disputes AS (
      SELECT vendor_id, count(*)::int AS open FROM quality_disputes d
      WHERE status = 'open' ${scopeFilter(scope, 'd.vendor_id')} GROUP BY vendor_id
    )
    SELECT v.id AS "vendorId", v.name AS "vendorName",
           coalesce(p.reviews, 0) AS reviews, coalesce(p.scored, 0) AS scored,
           coalesce(p.score_sum, 0) AS "scoreSum", coalesce(p.score_squares, 0) AS "scoreSquares",
           coalesce(p.fatal, 0) AS fatal, coalesce(p.disputed, 0) AS disputed,
           coalesce(p.decided, 0) AS "disputesDecided", coalesce(p.accepted, 0) AS "disputesAccepted",
           coalesce(p.pairs, 0) AS "calibrationPairs", p.gap_sum / nullif(p.pairs, 0) AS "calibrationGap",
           coalesce(p.escalation_reviews, 0) AS "escalationReviews", coalesce(p.avoidable, 0) AS "escalationsAvoidable",
           coalesce(o.open, 0) AS "openDisputes"
    FROM vendors v
    LEFT JOIN parts p ON p.vendor_id = v.id
    LEFT JOIN open_disputes o ON o.vendor_id = v.id
    WHERE true ${scopeFilter(scope, 'v.id')} ${vendorFilter}
    ORDER BY v.name`.execute(db);
  const rules = await scoringRulesByVendor(
    db,
    rows.map((r) => r.vendorId),
    week,
  );
  return rows.map((r) => ({ ...r, rules: rules.get(Number(r.vendorId)) ?? [] }));
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
 * calibration pairs of the week's internal reviews, on the criteria both answered (not N/A), matched by key.
 * The pairs are the view's (`quality_contributions.vendor_review_id`, over the stored scores), so the per-criterion
 * gaps cover exactly the pairs the week's calibration gap counts.
 */
export async function calibrationByCriterion(db: Db, scope: VendorScope, vendorId: number, week: string) {
  const { rows } = await sql<{ criterionKey: string; pairs: number; gap: number }>`
    WITH gaps AS (
      SELECT ia.criterion_key,
             100 * ((ia.value - ik.scale_min)::float8 / (ik.scale_max - ik.scale_min)
                  - (va.value - vk.scale_min)::float8 / (vk.scale_max - vk.scale_min)) AS gap
      FROM quality_contributions p
      JOIN quality_reviews i ON i.id = p.review_id
      JOIN quality_reviews v ON v.id = p.vendor_review_id
      JOIN quality_review_answers ia ON ia.review_id = i.id AND ia.value IS NOT NULL
      JOIN quality_form_criteria ik ON ik.form_id = i.form_id AND ik.key = ia.criterion_key
      JOIN quality_review_answers va ON va.review_id = v.id AND va.criterion_key = ia.criterion_key
           AND va.value IS NOT NULL
      JOIN quality_form_criteria vk ON vk.form_id = v.form_id AND vk.key = va.criterion_key
      WHERE p.kind = 'review' AND p.week = ${week}::date AND p.vendor_id = ${vendorId}
        ${scopeFilter(scope, 'p.vendor_id')}
    )
    SELECT criterion_key AS "criterionKey", count(*)::int AS pairs, avg(gap)::float8 AS gap
    FROM gaps GROUP BY criterion_key ORDER BY abs(avg(gap)) DESC, 1`.execute(db);
  return rows;
}
