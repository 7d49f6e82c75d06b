/**
 * Sampling plans: the cases in scope counted per stratum (queue × channel), the sample size and split from
 * the domain (packages/domain/src/quality/sampling.ts), the random draw per stratum in SQL, assignment to
 * the plan's reviewers in turn, and a share of the vendor's own QA reviews drawn again for double audit.
 */
import { allocate, doubleAuditCount, sampleSize, type Confidence } from '@scorecard/domain/quality/sampling';
import { sql, type Transaction } from 'kysely';
import type { Db, DB } from '../database.ts';

export interface NewSamplingPlan {
  vendorId: number;
  queue: string | null;
  channel: string | null;
  period: 'week' | 'month';
  periodStart: string;
  formId: number;
  marginPoints: number;
  confidence: Confidence;
  doubleAuditShare: number;
  reviewerUserIds: number[];
  createdBy: number | null;
}

/** The plan's cases: the vendor's, arrived in the period (reporting time zone), in its queue and channel. */
function inScope(plan: Pick<NewSamplingPlan, 'vendorId' | 'queue' | 'channel' | 'period' | 'periodStart'>) {
  const period =
    plan.period === 'week'
      ? sql`scorecard_week(c.created_at, s.reporting_time_zone) = ${plan.periodStart}::date`
      : sql`date_trunc('month', c.created_at AT TIME ZONE s.reporting_time_zone)::date = ${plan.periodStart}::date`;
  return sql`c.vendor_id = ${plan.vendorId} AND ${period}
    AND (${plan.queue}::text IS NULL OR c.queue = ${plan.queue})
    AND (${plan.channel}::text IS NULL OR c.channel = ${plan.channel})`;
}

/** Creates the plan and draws its sample; null when the plan exists already (same vendor, scope, period). */
export async function createSamplingPlan(trx: Transaction<DB>, plan: NewSamplingPlan): Promise<number | null> {
  const { rows: strata } = await sql<{ queue: string | null; channel: string; n: number }>`
    SELECT c.queue, c.channel, count(*)::int AS n FROM cases c CROSS JOIN organisation_settings s
    WHERE ${inScope(plan)} GROUP BY c.queue, c.channel ORDER BY c.queue NULLS LAST, c.channel`.execute(trx);
  const population = strata.reduce((sum, s) => sum + s.n, 0);
  const size = sampleSize(plan.marginPoints, plan.confidence, population);
  const parts = allocate(
    size,
    strata.map((s) => s.n),
  );
  const inserted = await trx
    .insertInto('quality_sampling_plans')
    .values({
      vendor_id: plan.vendorId,
      queue: plan.queue,
      channel: plan.channel,
      period: plan.period,
      period_start: plan.periodStart,
      form_id: plan.formId,
      margin_points: plan.marginPoints,
      confidence: plan.confidence,
      double_audit_share: plan.doubleAuditShare,
      reviewer_user_ids: plan.reviewerUserIds,
      population,
      sample_size: size,
      created_by: plan.createdBy,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;
  const allocation = strata.map((s, i) => ({ queue: s.queue, channel: s.channel, take: parts[i]! }));
  await sql`
    WITH wanted AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(allocation)}::jsonb) AS w(queue text, channel text, take int)
    ), ranked AS (
      SELECT c.id, c.queue, c.channel, row_number() OVER (PARTITION BY c.queue, c.channel ORDER BY random()) AS rank
      FROM cases c CROSS JOIN organisation_settings s WHERE ${inScope(plan)}
    ), drawn AS (
      SELECT r.id, r.queue, r.channel, row_number() OVER (ORDER BY random()) AS turn
      FROM ranked r JOIN wanted w ON w.queue IS NOT DISTINCT FROM r.queue AND w.channel = r.channel
      WHERE r.rank <= w.take
    )
    INSERT INTO quality_sample_cases (plan_id, case_id, vendor_id, purpose, stratum_queue, stratum_channel, assigned_user_id)
    SELECT ${inserted.id}, d.id, ${plan.vendorId}, 'random', d.queue, d.channel,
           (${plan.reviewerUserIds}::bigint[])[1 + (d.turn - 1) % ${plan.reviewerUserIds.length}]
    FROM drawn d`.execute(trx);

  const { rows: ownReviewed } = await sql<{ n: number }>`
    SELECT count(DISTINCT c.id)::int AS n FROM cases c CROSS JOIN organisation_settings s
    JOIN quality_reviews r ON r.case_id = c.id AND r.reviewer_kind = 'vendor'
    WHERE ${inScope(plan)}`.execute(trx);
  const doubleAudits = doubleAuditCount(plan.doubleAuditShare, ownReviewed[0]?.n ?? 0);
  await sql`
    INSERT INTO quality_sample_cases (plan_id, case_id, vendor_id, purpose, stratum_queue, stratum_channel, assigned_user_id)
    SELECT ${inserted.id}, x.id, ${plan.vendorId}, 'double_audit', x.queue, x.channel,
           (${plan.reviewerUserIds}::bigint[])[1 + (row_number() OVER (ORDER BY x.pick) - 1) % ${plan.reviewerUserIds.length}]
    FROM (
      SELECT DISTINCT ON (c.id) c.id, c.queue, c.channel, random() AS pick
      FROM cases c CROSS JOIN organisation_settings s
      JOIN quality_reviews r ON r.case_id = c.id AND r.reviewer_kind = 'vendor'
      WHERE ${inScope(plan)}
        AND NOT EXISTS (SELECT 1 FROM quality_sample_cases q WHERE q.plan_id = ${inserted.id} AND q.case_id = c.id)
    ) x ORDER BY x.pick LIMIT ${doubleAudits}`.execute(trx);
  return inserted.id;
}

export interface SampleCaseRow {
  caseId: number;
  caseExternalId: string;
  purpose: 'random' | 'double_audit';
  stratumQueue: string | null;
  stratumChannel: string;
  assignedUserId: number | null;
  /** The internal review on the plan's form made since the plan, if any: the case is done. */
  reviewId: number | null;
}

export async function findSamplingPlan(db: Db, id: number) {
  const plan = await db.selectFrom('quality_sampling_plans').selectAll().where('id', '=', id).executeTakeFirst();
  if (!plan) return null;
  const { rows } = await sql<SampleCaseRow>`
    SELECT q.case_id AS "caseId", c.external_id AS "caseExternalId", q.purpose, q.stratum_queue AS "stratumQueue", q.stratum_channel AS "stratumChannel",
           q.assigned_user_id AS "assignedUserId",
           (SELECT max(r.id) FROM quality_reviews r
             WHERE r.case_id = q.case_id AND r.form_id = ${plan.form_id} AND r.reviewer_kind = 'internal'
               AND r.created_at >= ${plan.created_at}) AS "reviewId"
    FROM quality_sample_cases q JOIN cases c ON c.id = q.case_id WHERE q.plan_id = ${id}
    ORDER BY q.purpose, q.stratum_queue NULLS LAST, q.stratum_channel, q.case_id`.execute(db);
  return { plan, cases: rows };
}

export async function listSamplingPlanIds(db: Db, vendorId?: number): Promise<number[]> {
  const rows = await db
    .selectFrom('quality_sampling_plans')
    .select('id')
    .$if(vendorId !== undefined, (qb) => qb.where('vendor_id', '=', vendorId!))
    .orderBy('period_start', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => r.id);
}

export interface AssignedSampleCaseRow extends SampleCaseRow {
  planId: number;
  period: 'week' | 'month';
  periodStart: string;
  vendorId: number;
  vendorName: string;
  formId: number;
}

/** The sample cases assigned to one reviewer across plans, newest period first, with what is done. */
export async function listAssignedSampleCases(db: Db, userId: number): Promise<AssignedSampleCaseRow[]> {
  const { rows } = await sql<AssignedSampleCaseRow>`
    SELECT p.id AS "planId", p.period, p.period_start AS "periodStart",
           p.vendor_id AS "vendorId", v.name AS "vendorName", p.form_id AS "formId",
           q.case_id AS "caseId", c.external_id AS "caseExternalId", q.purpose,
           q.stratum_queue AS "stratumQueue", q.stratum_channel AS "stratumChannel",
           q.assigned_user_id AS "assignedUserId",
           (SELECT max(r.id) FROM quality_reviews r
             WHERE r.case_id = q.case_id AND r.form_id = p.form_id AND r.reviewer_kind = 'internal'
               AND r.created_at >= p.created_at) AS "reviewId"
    FROM quality_sample_cases q
    JOIN quality_sampling_plans p ON p.id = q.plan_id
    JOIN vendors v ON v.id = p.vendor_id
    JOIN cases c ON c.id = q.case_id
    WHERE q.assigned_user_id = ${userId}
    ORDER BY p.period_start DESC, p.id DESC, q.purpose, c.external_id
    LIMIT 2000`.execute(db);
  return rows;
}

/** Who may be assigned sample cases: active admin and ops users. */
export async function listReviewers(db: Db) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('role', 'in', ['admin', 'ops'])
    .where('disabled_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** How many of these users may review a sample: active admin or ops users. */
export async function countActiveReviewers(db: Db, userIds: number[]): Promise<number> {
  if (userIds.length === 0) return 0;
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', userIds)
    .where('role', 'in', ['admin', 'ops'])
    .where('disabled_at', 'is', null)
    .execute();
  return rows.length;
}
