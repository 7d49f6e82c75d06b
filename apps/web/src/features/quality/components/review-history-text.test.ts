import { describe, expect, it } from 'vitest';
import { changesText } from './review-history-text.ts';

describe('the words of an answer change', () => {
  it('names a root cause a re-import replaced, one a decision cleared, and an answer turned N/A', () => {
    expect(
      changesText('answer_changed', { accuracy: { from: 3, to: 3, rootCause: { from: 'agent_error', to: 'policy' } } }),
    ).toBe('accuracy: 3 → 3 (root cause Agent error → Policy)');
    expect(
      changesText('answer_changed', { greeting: { from: 0, to: 1, rootCause: { from: 'policy', to: null } } }),
    ).toBe('greeting: 0 → 1 (root cause Policy cleared)');
    expect(changesText('answer_changed', { tone: { from: 2, to: null } })).toBe('tone: 2 → N/A');
  });
});
