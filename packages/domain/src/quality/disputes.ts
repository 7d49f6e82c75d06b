/**
 * Dispute rules, pure: who may open one and until when, and what a decision does to the review's answers.
 */
import type { Answers } from './scoring.ts';

export const DECISIONS = ['accepted', 'partly_accepted', 'rejected'] as const;
export type Decision = (typeof DECISIONS)[number];
export const DEFAULT_DISPUTE_WINDOW_DAYS = 7;

/** A review may be disputed until `windowDays` whole days after it was made (inclusive of that instant). */
export function disputeOpen(reviewedAt: Date, now: Date, windowDays: number): boolean {
  return now.getTime() - reviewedAt.getTime() <= windowDays * 86_400_000;
}

export interface DisputedItem {
  criterionKey: string;
  proposedValue: number | null;
  /** The decision on this criterion: true = the proposed answer replaces the reviewer's. */
  accepted: boolean;
}

/**
 * The decision that the per-criterion verdicts amount to: all accepted → accepted, none → rejected,
 * otherwise partly accepted; the decision is derived, never typed in, so it cannot contradict the verdicts.
 */
export function decisionOf(items: readonly Pick<DisputedItem, 'accepted'>[]): Decision {
  const accepted = items.filter((i) => i.accepted).length;
  if (accepted === items.length) return 'accepted';
  return accepted === 0 ? 'rejected' : 'partly_accepted';
}

/** The answers after a decision: each accepted item's proposed value replaces the reviewer's. */
export function answersAfter(answers: Answers, items: readonly DisputedItem[]): Answers {
  const next: Record<string, Answers[string]> = { ...answers };
  for (const item of items) {
    if (item.accepted) next[item.criterionKey] = { ...answers[item.criterionKey], value: item.proposedValue };
  }
  return next;
}
