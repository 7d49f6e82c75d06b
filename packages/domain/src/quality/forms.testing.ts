/**
 * Quality form fixtures for tests: criteria offering the standard root causes, and the forms several tests
 * score by hand. Test support only (lint keeps it out of production code); creating one through the API is
 * test/quality.ts.
 */
import type { Criterion, CriticalRule, FormContent, FormKind, Scale } from './forms.ts';

/** The root causes every criterion offers (a form must offer these four). */
export const ROOT_CAUSES = ['agent_error', 'sop_unclear_or_missing', 'tool_or_product_bug', 'policy'];

/** A criterion offering ROOT_CAUSES; neither N/A nor critical unless flagged. */
export function criterion(
  key: string,
  title: string,
  scale: Scale,
  flags: { allowNa?: boolean; critical?: boolean } = {},
): Criterion {
  return {
    key,
    title,
    scale,
    allowNa: flags.allowNa ?? false,
    critical: flags.critical ?? false,
    rootCauses: [...ROOT_CAUSES],
  };
}

/** A form of one section `main` (weight 1), N/A left out; by default a failed critical only flags the review. */
export function oneSectionForm(
  name: string,
  criteria: Criterion[],
  options: { kind?: FormKind; critical?: CriticalRule } = {},
): FormContent {
  return {
    name,
    kind: options.kind ?? 'qa_audit',
    rule: { na: 'excluded', critical: options.critical ?? 'fatal_only' },
    sections: [{ key: 'main', title: 'Main', weight: 1, criteria }],
  };
}

/** `Audit`: one pass/fail criterion `ok`. */
export const OK_FORM = oneSectionForm('Audit', [criterion('ok', 'OK', 'pass_fail')]);

/**
 * Resolution (weight 3): `accuracy` 5-point, `policy` pass/fail and critical, a fail scoring the review 0;
 * Soft skills (weight 1): `greeting` pass/fail with N/A, then `soft`. N/A is left out of the score.
 */
export function emailAuditForm(name = 'Email audit', soft: Criterion[] = []): FormContent {
  return {
    name,
    kind: 'qa_audit',
    rule: { na: 'excluded', critical: 'zero' },
    sections: [
      {
        key: 'resolution',
        title: 'Resolution',
        weight: 3,
        criteria: [
          criterion('accuracy', 'Accurate', 'points_5'),
          criterion('policy', 'Policy', 'pass_fail', { critical: true }),
        ],
      },
      {
        key: 'soft',
        title: 'Soft skills',
        weight: 1,
        criteria: [criterion('greeting', 'Greeting', 'pass_fail', { allowNa: true }), ...soft],
      },
    ],
  };
}
