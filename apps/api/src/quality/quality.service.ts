/**
 * Reviews and disputes: the checks between the routes and the query functions. Visibility is the SQL
 * scope (404 outside it); who may write what is decided here (403); answers the form refuses are a 400 and
 * a state the rules refuse (a published form, a closed window, a second dispute) a 409.
 */
import type { Db } from '@scorecard/db/database';
import { findUserById } from '@scorecard/db/auth/users';
import { decideDispute, insertDispute, listDisputes, type DisputeRow } from '@scorecard/db/quality/disputes';
import { findForm, type FormRow } from '@scorecard/db/quality/forms';
import { insertReview, listReviews, reviewAnswers, reviewHistory, type ReviewRow } from '@scorecard/db/quality/reviews';
import { readQualitySettings } from '@scorecard/db/quality/settings';
import type { VendorScope } from '@scorecard/domain/vendors/scope';
import type { Actor } from '@scorecard/db/plans/events';
import { decisionOf, disputeOpen } from '@scorecard/domain/quality/disputes';
import { criteriaOf } from '@scorecard/domain/quality/forms';
import { answerProblems, describeRule, type Answers } from '@scorecard/domain/quality/scoring';
import { weekLabel } from '@scorecard/domain/weeks';
import type { Principal } from '../auth/access.ts';
import { Problem } from '../http/problems.ts';

const DAY_MS = 86_400_000;

export function actorOf(principal: Principal | null): Actor {
  if (principal?.userId != null) return { userId: principal.userId, kind: 'user' };
  return { userId: null, kind: 'token' };
}

export function isStaff(principal: Principal | null): boolean {
  return principal?.role === 'admin' || principal?.role === 'ops';
}

/** Vendor callers see internal reviewers only when the organisation says so. */
export async function hidesReviewers(db: Db, principal: Principal | null): Promise<boolean> {
  if (principal?.role !== 'vendor') return false;
  return !(await readQualitySettings(db)).reviewersShownToVendors;
}

export function formJson(form: FormRow) {
  return {
    ...form,
    rule: describeRule(form.content.rule),
    createdAt: form.createdAt.toISOString(),
    publishedAt: form.publishedAt?.toISOString() ?? null,
  };
}

export function reviewJson(review: ReviewRow) {
  return {
    ...review,
    caseCreatedAt: review.caseCreatedAt.toISOString(),
    caseWeek: weekLabel(review.caseWeek),
    reviewedAt: review.reviewedAt.toISOString(),
    week: weekLabel(review.week),
  };
}

export function disputeJson(dispute: DisputeRow) {
  return {
    ...dispute,
    openedAt: dispute.openedAt.toISOString(),
    decidedAt: dispute.decidedAt?.toISOString() ?? null,
  };
}

async function publishedForm(db: Db, formId: number): Promise<FormRow> {
  const form = await findForm(db, formId);
  if (!form) throw new Problem('not-found', `No quality form ${formId}.`);
  if (form.status !== 'published') throw new Problem('conflict', `Form ${formId} is a draft; publish it first.`);
  return form;
}

/**
 * When a review (or an escalation review) was made: now, or the time given (reviews done on paper, imported
 * or loaded as a demo), never ahead of now (a minute of clock skew allowed).
 */
export function reviewTime(given: string | undefined): Date {
  const reviewedAt = given === undefined ? new Date() : new Date(given);
  if (reviewedAt.getTime() > Date.now() + 60_000) throw new Problem('bad-request', 'A review cannot be dated ahead.');
  return reviewedAt;
}

/**
 * Staff record internal reviews; vendor users record their own QA's reviews of their vendor's cases.
 * Returns the new review's id.
 */
export async function recordReview(
  db: Db,
  principal: Principal,
  scope: VendorScope,
  body: { caseId: number; formId: number; answers: Answers; feedback?: string; reviewedAt?: string },
): Promise<number> {
  const form = await publishedForm(db, body.formId);
  const problems = answerProblems(form.content, body.answers);
  if (problems.length > 0) throw new Problem('bad-request', problems.join('; '));
  if (!isStaff(principal) && principal.role !== 'vendor') throw new Problem('forbidden', 'Viewers cannot review.');
  const reviewedAt = reviewTime(body.reviewedAt);
  const user = principal.userId === null ? undefined : await findUserById(db, principal.userId);
  const reviewerName = user?.name ?? 'API token';
  const id = await db.transaction().execute((trx) =>
    insertReview(trx, actorOf(principal), scope, {
      caseId: body.caseId,
      formId: form.id,
      reviewerKind: principal.role === 'vendor' ? 'vendor' : 'internal',
      reviewerUserId: principal.userId,
      reviewerName,
      feedback: body.feedback ?? '',
      reviewedAt,
      answers: body.answers,
    }),
  );
  if (id === null) throw new Problem('not-found', `No case ${body.caseId} with a vendor.`);
  return id;
}

export async function reviewDetail(db: Db, principal: Principal | null, scope: VendorScope, id: number) {
  const hide = await hidesReviewers(db, principal);
  const [review] = await listReviews(db, scope, { id }, hide);
  if (!review) throw new Problem('not-found', `No review ${id}.`);
  const [form, answers, disputes, history, settings] = await Promise.all([
    findForm(db, review.formId),
    reviewAnswers(db, id),
    listDisputes(db, scope, { reviewId: id }),
    reviewHistory(db, id, hide),
    readQualitySettings(db),
  ]);
  const disputableUntil =
    review.reviewerKind === 'internal'
      ? new Date(review.reviewedAt.getTime() + settings.disputeWindowDays * DAY_MS).toISOString()
      : null;
  return {
    review: reviewJson(review),
    form: formJson(form!),
    answers,
    disputableUntil,
    dispute: disputes[0] ? disputeJson(disputes[0]) : null,
    history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
  };
}

/** A vendor user disputes an internal review of its own vendor's case, within the window. */
export async function openDispute(
  db: Db,
  principal: Principal,
  scope: VendorScope,
  reviewId: number,
  body: { comment: string; items: { criterionKey: string; proposedValue: number | null; comment?: string }[] },
): Promise<number> {
  const [review] = await listReviews(db, scope, { id: reviewId }, true);
  if (!review) throw new Problem('not-found', `No review ${reviewId}.`);
  if (principal.role !== 'vendor') throw new Problem('forbidden', 'Only the vendor’s users dispute its reviews.');
  if (review.reviewerKind !== 'internal') throw new Problem('conflict', 'A vendor’s own QA review is not disputed.');
  const { disputeWindowDays } = await readQualitySettings(db);
  if (!disputeOpen(review.reviewedAt, new Date(), disputeWindowDays)) {
    throw new Problem('conflict', `The ${disputeWindowDays}-day dispute window of review ${reviewId} has closed.`);
  }
  const form = (await findForm(db, review.formId))!;
  const answers = await reviewAnswers(db, reviewId);
  const proposed: Record<string, { value: number | null }> = { ...answers };
  for (const item of body.items) proposed[item.criterionKey] = { value: item.proposedValue };
  const keys = new Set(criteriaOf(form.content).map((c) => c.key));
  const unknown = body.items.filter((i) => !keys.has(i.criterionKey)).map((i) => i.criterionKey);
  const problems =
    unknown.length > 0 ? [`not criteria of the form: ${unknown.join(', ')}`] : answerProblems(form.content, proposed);
  if (new Set(body.items.map((i) => i.criterionKey)).size !== body.items.length)
    problems.push('a criterion is disputed twice');
  if (problems.length > 0) throw new Problem('bad-request', problems.join('; '));
  try {
    return await db.transaction().execute((trx) =>
      insertDispute(
        trx,
        actorOf(principal),
        { id: reviewId, vendorId: review.vendorId },
        body.comment,
        body.items.map((i) => ({
          criterionKey: i.criterionKey,
          proposedValue: i.proposedValue,
          comment: i.comment ?? '',
        })),
      ),
    );
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw new Problem('conflict', `Review ${reviewId} is already disputed.`);
    throw error;
  }
}

/** Ops decide every disputed criterion; the decision (accepted, partly, rejected) follows from the verdicts. */
export async function decide(
  db: Db,
  principal: Principal,
  disputeId: number,
  body: { reason: string; items: { criterionKey: string; accepted: boolean }[] },
): Promise<void> {
  const [dispute] = await listDisputes(db, { kind: 'all' }, { id: disputeId });
  if (!dispute) throw new Problem('not-found', `No dispute ${disputeId}.`);
  if (dispute.status !== 'open') throw new Problem('conflict', `Dispute ${disputeId} is already decided.`);
  const verdicts = new Map(body.items.map((i) => [i.criterionKey, i.accepted]));
  const disputed = dispute.items.map((i) => i.criterionKey);
  if (
    verdicts.size !== body.items.length ||
    verdicts.size !== disputed.length ||
    disputed.some((k) => !verdicts.has(k))
  ) {
    throw new Problem('bad-request', `Decide exactly the disputed criteria: ${disputed.join(', ')}.`);
  }
  const decision = decisionOf(dispute.items.map((i) => ({ accepted: verdicts.get(i.criterionKey)! })));
  const done = await db
    .transaction()
    .execute((trx) => decideDispute(trx, actorOf(principal), dispute, decision, verdicts, body.reason));
  if (!done) throw new Problem('conflict', `Dispute ${disputeId} is already decided.`);
}
