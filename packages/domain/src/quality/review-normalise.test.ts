import { describe, expect, it } from 'vitest';
import type { FormContent } from './forms.ts';
import { emailAuditForm, ROOT_CAUSES } from './forms.testing.ts';
import { compileReviewMapping } from './review-normalise.ts';
import { genericQaPreset } from './review-presets.ts';

const content: FormContent = emailAuditForm('Support QA audit');
const forms = [{ id: 7, key: 'support-qa', version: 1, content }];
const headers = [
  'review_id',
  'case_id',
  'form',
  'reviewer',
  'reviewed_at',
  'review_by',
  'vendor',
  'accuracy',
  'policy',
  'Greeting',
  'score',
  'root_causes',
  'team',
];
const compiled = compileReviewMapping(genericQaPreset.document, headers, {
  timeZone: 'Europe/Berlin',
  forms,
  now: new Date('2026-12-01T00:00:00Z'),
});
const row = (overrides: Record<string, string>) => {
  const base: Record<string, string> = {
    review_id: 'R1',
    case_id: 'T-1',
    form: 'support-qa',
    reviewer: 'Priya',
    reviewed_at: '2026-11-20 10:00',
    review_by: 'Vendor QA',
    vendor: 'Acme',
    accuracy: '3',
    policy: 'Yes',
    Greeting: 'N/A',
    score: '75%',
    root_causes: '',
    team: 'A',
  };
  return headers.map((h) => overrides[h] ?? base[h]!);
};

describe('compileReviewMapping with the generic QA preset', () => {
  it('reads a review; the title answers a criterion; a column nobody reads is not read', () => {
    expect(compiled.missingColumns).toEqual([]);
    expect(headers.filter((h) => !compiled.readColumns.has(h))).toEqual(['team']);
    const result = compiled.normalise(row({}), 2);
    expect(result).toEqual({
      ok: true,
      warnings: [],
      value: {
        caseSource: null,
        caseId: 'T-1',
        reviewId: 'R1',
        formId: 7,
        reviewerName: 'Priya',
        reviewerKind: 'vendor',
        vendorName: 'Acme',
        reviewedAt: new Date('2026-11-20T09:00:00Z'),
        feedback: '',
        toolScore: 75,
        answers: {
          accuracy: { value: 3, rootCause: null },
          policy: { value: 1, rootCause: null },
          greeting: { value: null, rootCause: null },
        },
      },
    });
  });

  it('keeps a disagreeing tool score with a warning; an unknown root cause is a warning', () => {
    const result = compiled.normalise(row({ score: '0.9', root_causes: 'accuracy: training gap' }), 3);
    expect(result.ok && result.value.toolScore).toBe(90);
    expect(result.ok && result.warnings.map((w) => w.reason)).toEqual([
      `root cause 'training gap' is not one of "accuracy": ${ROOT_CAUSES.join(', ')}; the root cause was left out`,
      "tool score 90 differs from ours, 75 (the form's rule); both are kept",
    ]);
  });

  it('maps a root cause of the tool to the form', () => {
    const result = compiled.normalise(row({ accuracy: '2', score: '62.5', root_causes: 'accuracy: Agent Error' }), 4);
    expect(result.ok && result.value.answers.accuracy).toEqual({ value: 2, rootCause: 'agent_error' });
    expect(result.ok && result.warnings).toEqual([]);
  });

  it.each([
    [{ form: 'other' }, 'form', "form: no published form 'other'"],
    [{ accuracy: '6' }, 'accuracy', `answer: "accuracy" takes 1..5, not '6'`],
    [{ policy: 'n/a' }, 'policy', 'answer: "policy" does not allow N/A'],
    [{ review_by: 'Partner' }, 'review_by', "whose review: 'Partner' is not internal or vendor (map it)"],
    [{ case_id: '' }, 'case_id', 'case id: missing (blank)'],
    [{ reviewed_at: '2026-12-24 10:00' }, 'reviewed_at', 'reviewed at: 2026-12-24T09:00:00.000Z is in the future'],
  ])('rejects %o', (overrides, column, reason) => {
    expect(compiled.normalise(row(overrides), 5)).toEqual({ ok: false, reject: { line: 5, column, reason } });
  });
});
