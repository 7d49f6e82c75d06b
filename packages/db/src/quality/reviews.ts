/**
 * Reviews of imported cases and their history. Writers take the caller's transaction and record their
 * history row in it; readers take the vendor scope and filter by it in SQL. Scores are never written here:
 * triggers keep `quality_review_scores` (migrations/0029) current in the writer's transaction, so a changed
 * answer (an accepted dispute, a re-import) moves them.
 */
import type { Answers } from '@scorecard/domain/quality/scoring';
import { sql, type Transaction } from 'kysely';
import type { Db, DB } from '../database.ts';
import type { Actor } from '../plans/events.ts';
import type { VendorScope } from '@scorecard/domain/vendors/scope';
import type { JsonObject } from '../schema.generated.ts';

export type ReviewerKind = 'internal' | 'vendor';
export type ReviewEventKind = 'review_created' | 'dispute_opened' | 'dispute_decided' | 'answer_changed';

export interface NewReview {
  caseId: number;
  formId: number;
  reviewerKind: ReviewerKind;
  reviewerUserId: number | null;
  reviewerName: string;
  feedback: string;
  reviewedAt: Date;
  answers: Answers;
  externalId?: string | null;
  importId?: number | null;
}

export async function recordReviewEvent(
  trx: Transaction<DB>,
  actor: Actor,
  event: { reviewId: number; kind: ReviewEventKind; disputeId?: number | null; changes?: JsonObject; note?: string },
): Promise<void> {
  await trx
    .insertInto('quality_review_events')
    .values({
      review_id: event.reviewId,
      dispute_id: event.disputeId ?? null,
      actor_user_id: actor.userId,
      actor_kind: actor.kind,
      kind: event.kind,
      changes: JSON.stringify(event.changes ?? {}),
      note: event.note ?? null,
    })
    .execute();
}

/**
 * Inserts a review of a case the scope can see (null when it cannot), its week the reporting-time-zone
 * week of `reviewedAt`, its vendor the case's.
 */
export async function insertReview(
  trx: Transaction<DB>,
  actor: Actor,
  scope: VendorScope,
  review: NewReview,
): Promise<number | null> {
  const inserted = await trx
    .insertInto('quality_reviews')
    .columns([
      'case_id',
      'vendor_id',
      'form_id',
      'reviewer_kind',
      'reviewer_user_id',
      'reviewer_name',
      'feedback',
      'reviewed_at',
      'week',
      'external_id',
      'import_id',
    ])
    .expression((eb) =>
      eb
        .selectFrom('cases as c')
        .crossJoin('organisation_settings as s')
        .select([
          'c.id',
          'c.vendor_id',
          sql.lit(review.formId).as('form_id'),
          sql<string>`${review.reviewerKind}`.as('reviewer_kind'),
          sql<number | null>`${review.reviewerUserId}::bigint`.as('reviewer_user_id'),
          sql<string>`${review.reviewerName}`.as('reviewer_name'),
          sql<string>`${review.feedback}`.as('feedback'),
          sql<Date>`${review.reviewedAt}::timestamptz`.as('reviewed_at'),
          sql<string>`scorecard_week(${review.reviewedAt}::timestamptz, s.reporting_time_zone)`.as('week'),
          sql<string | null>`${review.externalId ?? null}::text`.as('external_id'),
          sql<number | null>`${review.importId ?? null}::bigint`.as('import_id'),
        ])
        .where('c.id', '=', review.caseId)
        .where('c.vendor_id', 'is not', null)
        .$if(scope.kind === 'vendor', (qb) =>
          qb.where('c.vendor_id', '=', scope.kind === 'vendor' ? scope.vendorId : -1),
        ),
    )
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;
  await trx
    .insertInto('quality_review_answers')
    .values(
      Object.entries(review.answers).map(([key, answer]) => ({
        review_id: inserted.id,
        criterion_key: key,
        value: answer.value,
        root_cause: answer.rootCause ?? null,
      })),
    )
    .execute();
  await recordReviewEvent(trx, actor, {
    reviewId: inserted.id,
    kind: 'review_created',
    changes: { formId: review.formId, reviewerKind: review.reviewerKind },
  });
  return inserted.id;
}

export interface ReviewRow {
  id: number;
  caseId: number;
  caseExternalId: string;
  caseQueue: string | null;
  caseChannel: string;
  caseCreatedAt: Date;
  /** The case's own arrival week, shown beside the review's week. */
  caseWeek: string;
  vendorId: number;
  formId: number;
  reviewerKind: ReviewerKind;
  reviewerUserId: number | null;
  reviewerName: string | null;
  feedback: string;
  reviewedAt: Date;
  week: string;
  score: number | null;
  fatal: boolean;
  /** The QA tool's own score of an imported review (0..100), kept beside ours; null otherwise. */
  toolScore: number | null;
}

export interface ReviewFilter {
  id?: number;
  vendorId?: number;
  week?: string;
  caseId?: number;
  reviewerKind?: ReviewerKind;
}

/**
 * Reviews the scope can see. `hideInternalReviewer` (a vendor caller while the organisation hides its QA
 * team) blanks the name and user of internal reviews in SQL.
 */
export async function listReviews(
  db: Db | Transaction<DB>,
  scope: VendorScope,
  filter: ReviewFilter,
  hideInternalReviewer: boolean,
): Promise<ReviewRow[]> {
  const rows = await db
    .selectFrom('quality_reviews as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .innerJoin('quality_review_scores as q', 'q.review_id', 'r.id')
    .crossJoin('organisation_settings as s')
    .select([
      'r.id',
      'r.case_id',
      'c.external_id',
      'c.queue',
      'c.channel',
      'c.created_at',
      sql<string>`scorecard_week(c.created_at, s.reporting_time_zone)`.as('case_week'),
      'r.vendor_id',
      'r.form_id',
      'r.reviewer_kind',
      'r.feedback',
      'r.reviewed_at',
      'r.week',
      'q.score',
      'q.fatal',
      'r.tool_score',
      sql<
        number | null
      >`CASE WHEN ${hideInternalReviewer} AND r.reviewer_kind = 'internal' THEN NULL ELSE r.reviewer_user_id END`.as(
        'reviewer_user_id',
      ),
      sql<
        string | null
      >`CASE WHEN ${hideInternalReviewer} AND r.reviewer_kind = 'internal' THEN NULL ELSE r.reviewer_name END`.as(
        'reviewer_name',
      ),
    ])
    .$if(scope.kind === 'vendor', (qb) => qb.where('r.vendor_id', '=', scope.kind === 'vendor' ? scope.vendorId : -1))
    .$if(filter.id !== undefined, (qb) => qb.where('r.id', '=', filter.id!))
    .$if(filter.vendorId !== undefined, (qb) => qb.where('r.vendor_id', '=', filter.vendorId!))
    .$if(filter.week !== undefined, (qb) => qb.where('r.week', '=', filter.week!))
    .$if(filter.caseId !== undefined, (qb) => qb.where('r.case_id', '=', filter.caseId!))
    .$if(filter.reviewerKind !== undefined, (qb) => qb.where('r.reviewer_kind', '=', filter.reviewerKind!))
    .orderBy('r.reviewed_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    caseExternalId: r.external_id,
    caseQueue: r.queue,
    caseChannel: r.channel,
    caseCreatedAt: r.created_at,
    caseWeek: r.case_week,
    vendorId: r.vendor_id,
    formId: r.form_id,
    reviewerKind: r.reviewer_kind as ReviewerKind,
    reviewerUserId: r.reviewer_user_id,
    reviewerName: r.reviewer_name,
    feedback: r.feedback,
    reviewedAt: r.reviewed_at,
    week: r.week,
    score: r.score,
    fatal: r.fatal === true,
    toolScore: r.tool_score,
  }));
}

export async function reviewAnswers(
  db: Db | Transaction<DB>,
  reviewId: number,
): Promise<Record<string, { value: number | null; rootCause: string | null }>> {
  const rows = await db
    .selectFrom('quality_review_answers')
    .select(['criterion_key', 'value', 'root_cause'])
    .where('review_id', '=', reviewId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.criterion_key, { value: r.value, rootCause: r.root_cause }]));
}

export async function reviewHistory(db: Db, reviewId: number, hideActors: boolean) {
  const rows = await db
    .selectFrom('quality_review_events')
    .select(['id', 'kind', 'dispute_id', 'actor_user_id', 'actor_kind', 'changes', 'note', 'at'])
    .where('review_id', '=', reviewId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as ReviewEventKind,
    disputeId: r.dispute_id,
    actorUserId: hideActors ? null : r.actor_user_id,
    actorKind: r.actor_kind,
    changes: r.changes as JsonObject,
    note: r.note,
    at: r.at,
  }));
}
