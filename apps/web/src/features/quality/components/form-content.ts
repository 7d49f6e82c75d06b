import { STANDARD_ROOT_CAUSES } from '@scorecard/domain/quality/forms';
import type { FormContent } from '../api/forms.ts';

type Criterion = FormContent['sections'][number]['criteria'][number];

/** A new criterion offers the four standard root causes every form must. */
export const blankCriterion = (): Criterion => ({
  key: '',
  title: '',
  scale: 'pass_fail',
  allowNa: false,
  critical: false,
  rootCauses: [...STANDARD_ROOT_CAUSES],
});

export const blankContent = (): FormContent => ({
  name: '',
  kind: 'qa_audit',
  rule: { na: 'excluded', critical: 'zero' },
  sections: [{ key: '', title: '', weight: 1, criteria: [blankCriterion()] }],
});
