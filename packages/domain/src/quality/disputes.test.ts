import { describe, expect, it } from 'vitest';
import { answersAfter, decisionOf, disputeOpen } from './disputes.ts';

describe('disputeOpen', () => {
  const reviewedAt = new Date('2026-11-10T12:00:00Z');
  it.each([
    ['2026-11-10T12:00:00Z', 7, true],
    ['2026-11-17T12:00:00Z', 7, true],
    ['2026-11-17T12:00:01Z', 7, false],
    ['2026-11-11T12:00:01Z', 1, false],
    ['2026-11-10T12:00:00Z', 0, true],
  ])('%s within %d days → %s', (now, days, open) => expect(disputeOpen(reviewedAt, new Date(now), days)).toBe(open));
});

describe('decisions', () => {
  it.each([
    [[true, true], 'accepted'],
    [[false, false], 'rejected'],
    [[true, false], 'partly_accepted'],
    [[true], 'accepted'],
  ])('%o → %s', (verdicts, decision) => expect(decisionOf(verdicts.map((accepted) => ({ accepted })))).toBe(decision));

  it('replaces only the accepted answers, keeping the root cause', () => {
    const after = answersAfter({ a: { value: 0, rootCause: 'policy' }, b: { value: 2 } }, [
      { criterionKey: 'a', proposedValue: 1, accepted: true },
      { criterionKey: 'b', proposedValue: null, accepted: false },
    ]);
    expect(after).toEqual({ a: { value: 1, rootCause: 'policy' }, b: { value: 2 } });
  });
});
