/**
 * Disputes of a review, per criterion. Opening and deciding write their history rows in the caller's
 * transaction; a decision writes the accepted answers over the reviewer's, so the stored score follows (a trigger rescores the review), and
 * clears the root cause of an answer the decision turned into one that loses no points.
 */
import type { Decision } from '@scorecard/domain/quality/disputes';
import { sql, type Transaction } from 'kysely';
import type { Db, DB } from '../database.ts';
import type { Actor } from '../plans/events.ts';
import type { VendorScope } from '@scorecard/domain/vendors/scope';
import { recordReviewEvent } from './reviews.ts';

export interface NewDisputeItem {
  criterionKey: string;
  proposedValue: number | null;
  comment: string;
}

export async function insertDispute(
  trx: Transaction<DB>,
  actor: Actor,
  review: { id: number; vendorId: number },
  comment: string,
  items: readonly NewDisputeItem[],
): Promise<number> {
  const { id } = await trx
    .insertInto('quality_disputes')
    .values({ review_id: review.id, vendor_id: review.vendorId, comment, opened_by: actor.userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('quality_dispute_items')
    .values(
      items.map((i) => ({
        dispute_id: id,
        criterion_key: i.criterionKey,
        proposed_value: i.proposedValue,
        comment: i.comment,
      })),
    )
    .execute();
  await recordReviewEvent(trx, actor, {
    reviewId: review.id,
    disputeId: id,
    kind: 'dispute_opened',
    changes: Object.fromEntries(items.map((i) => [i.criterionKey, { proposed: i.proposedValue, comment: i.comment }])),
    note: comment,
  });
  return id;
}

export interface DisputeRow {
  id: number;
  reviewId: number;
  vendorId: number;
  status: 'open' | Decision;
  comment: string;
  openedBy: number | null;
  openedAt: Date;
  decidedBy: number | null;
  decidedAt: Date | null;
  reason: string | null;
  items: { criterionKey: string; proposedValue: number | null; comment: string; accepted: boolean | null }[];
}

export async function listDisputes(
  db: Db | Transaction<DB>,
  scope: VendorScope,
  filter: { id?: number; reviewId?: number; status?: 'open' | 'decided' },
): Promise<DisputeRow[]> {
  const rows = await db
    .selectFrom('quality_disputes as d')
    .selectAll('d')
    .$if(scope.kind === 'vendor', (qb) => qb.where('d.vendor_id', '=', scope.kind === 'vendor' ? scope.vendorId : -1))
    .$if(filter.id !== undefined, (qb) => qb.where('d.id', '=', filter.id!))
    .$if(filter.reviewId !== undefined, (qb) => qb.where('d.review_id', '=', filter.reviewId!))
    .$if(filter.status === 'open', (qb) => qb.where('d.status', '=', 'open'))
    .$if(filter.status === 'decided', (qb) => qb.where('d.status', '<>', 'open'))
    .orderBy('d.opened_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(1000)
    .execute();
  if (rows.length === 0) return [];
  const items = await db
    .selectFrom('quality_dispute_items')
    .selectAll()
    .where(
      'dispute_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('criterion_key')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reviewId: r.review_id,
    vendorId: r.vendor_id,
    status: r.status as DisputeRow['status'],
    comment: r.comment,
    openedBy: r.opened_by,
    openedAt: r.opened_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    reason: r.reason,
    items: items
      .filter((i) => i.dispute_id === r.id)
      .map((i) => ({
        criterionKey: i.criterion_key,
        proposedValue: i.proposed_value,
        comment: i.comment,
        accepted: i.accepted,
      })),
  }));
}

/**
 * Records the verdict on every item of an open dispute and writes the accepted answers; false when the
 * dispute was no longer open (decided concurrently).
 */
export async function decideDispute(
  trx: Transaction<DB>,
  actor: Actor,
  dispute: DisputeRow,
  decision: Decision,
  verdicts: ReadonlyMap<string, boolean>,
  reason: string,
): Promise<boolean> {
  const updated = await trx
    .updateTable('quality_disputes')
    .set({ status: decision, decided_by: actor.userId, decided_at: new Date(), reason })
    .where('id', '=', dispute.id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) return false;
  const changes: Record<
    string,
    { from: number | null; to: number | null; rootCause?: { from: string | null; to: string | null } }
  > = {};
  for (const item of dispute.items) {
    const accepted = verdicts.get(item.criterionKey) === true;
    await trx
      .updateTable('quality_dispute_items')
      .set({ accepted })
      .where('dispute_id', '=', dispute.id)
      .where('criterion_key', '=', item.criterionKey)
      .execute();
    if (!accepted) continue;
    // A root cause explains lost points: an answer that now loses none (its scale's top, or N/A) drops it,
    // so the knowledge gaps and the review no longer blame a cause for a pass.
    const proposed = sql<number | null>`${item.proposedValue}::smallint`;
    const before = await trx
      .updateTable('quality_review_answers as a')
      .set({
        value: proposed,
        root_cause: sql<string | null>`CASE WHEN ${proposed} < k.scale_max THEN a.root_cause END`,
      })
      .from(['quality_review_answers as old', 'quality_reviews as r', 'quality_form_criteria as k'])
      .whereRef('old.review_id', '=', 'a.review_id')
      .whereRef('old.criterion_key', '=', 'a.criterion_key')
      .whereRef('r.id', '=', 'a.review_id')
      .whereRef('k.form_id', '=', 'r.form_id')
      .whereRef('k.key', '=', 'a.criterion_key')
      .where('a.review_id', '=', dispute.reviewId)
      .where('a.criterion_key', '=', item.criterionKey)
      .returning(['old.value as from', 'old.root_cause as rootCauseBefore', 'a.root_cause as rootCauseAfter'])
      .executeTakeFirstOrThrow();
    changes[item.criterionKey] = {
      from: before.from,
      to: item.proposedValue,
      ...(before.rootCauseBefore !== before.rootCauseAfter
        ? { rootCause: { from: before.rootCauseBefore, to: before.rootCauseAfter } }
        : {}),
    };
  }
  if (Object.keys(changes).length > 0) {
    await recordReviewEvent(trx, actor, {
      reviewId: dispute.reviewId,
      disputeId: dispute.id,
      kind: 'answer_changed',
      changes,
      note: reason,
    });
  }
  await recordReviewEvent(trx, actor, {
    reviewId: dispute.reviewId,
    disputeId: dispute.id,
    kind: 'dispute_decided',
    changes: { decision, ...Object.fromEntries([...verdicts].map(([k, v]) => [k, v ? 'accepted' : 'rejected'])) },
    note: reason,
  });
  return true;
}
