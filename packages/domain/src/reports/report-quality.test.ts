import { describe, expect, it } from 'vitest';
import { formatQuality, QUALITY_LIST_LIMIT, renderQualityHtml, renderQualityText } from './report-quality.ts';

const input = {
  score: { value: 81.25, n: 12, interval: { low: 74.5, high: 88 } },
  rules: ['N/A left out; a failed critical criterion sets the score to 0 and counts as a fatal error'],
  calibrationGap: { value: -6.5, pairs: 4 },
  calibrationCriteria: [{ criterionKey: 'accuracy', pairs: 4, gap: -12.5 }],
  rootCauses: [
    { rootCause: 'sop_unclear_or_missing', occurrences: 5 },
    { rootCause: 'agent_error', occurrences: 2 },
  ],
  escalationReviews: [{ caseExternalId: 'T-1', verdict: 'avoidable', rootCause: 'agent_error', acknowledged: true }],
  openDisputes: [{ caseExternalId: 'T-<2>', reviewWeek: '2026-11-16', criteria: ['policy'] }],
};

describe('the report email’s quality block', () => {
  it('states the score with n and interval, the signed gap and the lists', () => {
    const text = renderQualityText(formatQuality(input)).join('\n');
    expect(text).toContain('Quality score: 81.3 of 100 (n = 12, 95 % interval 74.5–88.0)');
    expect(text).toContain('Calibration gap: −6.5 points, internal − your QA, over 4 case(s) both reviewed');
    expect(text).toContain('  - accuracy: −12.5 points over 4 pair(s)');
    expect(text).toContain('  - sop unclear or missing: 5');
    expect(text).toContain('1 escalation review(s) made this week, 1 avoidable');
    expect(text).toContain('T-<2> (reviewed 2026-W47): policy');
  });

  it('escapes data in HTML', () => {
    const html = renderQualityHtml(formatQuality(input), '');
    expect(html).toContain('T-&lt;2&gt;');
    expect(html).not.toContain('T-<2>');
  });

  it('counts what a capped list leaves out', () => {
    const many = Array.from({ length: QUALITY_LIST_LIMIT + 3 }, (_, i) => ({
      caseExternalId: `D-${i}`,
      reviewWeek: '2026-11-16',
      criteria: ['policy'],
    }));
    const formatted = formatQuality({ ...input, openDisputes: many })!;
    expect(formatted.openDisputesSummary).toBe(`${many.length} open dispute(s)`);
    expect(formatted.openDisputes.at(-1)).toBe('and 3 more');
  });

  it('is left out when the vendor has nothing on quality this week', () => {
    const nothing = {
      ...input,
      score: { value: null, n: 0, interval: null },
      calibrationGap: { value: null, pairs: 0 },
      calibrationCriteria: [],
      rootCauses: [],
      escalationReviews: [],
      openDisputes: [],
    };
    expect(formatQuality(nothing)).toBeNull();
    expect(renderQualityText(null)).toEqual([]);
  });
});
