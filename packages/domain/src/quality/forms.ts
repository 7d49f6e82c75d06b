/**
 * Quality review forms as data: sections with weights, criteria with a scale, an N/A allowance, a critical
 * flag and the root causes a reviewer may pick, and the scoring rule the form's scores are computed under.
 * Validated with TypeBox like every API payload. Reference with examples: docs/quality.md.
 */
import Type, { type Static } from 'typebox';
import Value from 'typebox/value';

export const FORM_KINDS = ['qa_audit', 'escalation_review', 'calibration'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

/** pass_fail answers 0 (fail) or 1 (pass); points_N answers 1..N. */
export const SCALES = ['pass_fail', 'points_3', 'points_4', 'points_5'] as const;
export type Scale = (typeof SCALES)[number];

/** How N/A counts: left out of numerator and denominator, or counted as full marks. */
export const NA_RULES = ['excluded', 'pass'] as const;
export type NaRule = (typeof NA_RULES)[number];

/** What a failed critical criterion does: the score becomes 0, or the score stands and the review is fatal. */
export const CRITICAL_RULES = ['zero', 'fatal_only'] as const;
export type CriticalRule = (typeof CRITICAL_RULES)[number];

/** The four root causes every form offers; a form may add its own. */
export const STANDARD_ROOT_CAUSES = ['agent_error', 'sop_unclear_or_missing', 'tool_or_product_bug', 'policy'] as const;

const Key = Type.String({ pattern: '^[a-z0-9][a-z0-9_]{0,62}$' });
const Title = Type.String({ minLength: 1, maxLength: 200 });

export const Criterion = Type.Object(
  {
    key: Key,
    title: Title,
    scale: Type.Enum(SCALES),
    allowNa: Type.Boolean(),
    critical: Type.Boolean(),
    rootCauses: Type.Array(Key, { minItems: 1, maxItems: 30, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type Criterion = Static<typeof Criterion>;

export const Section = Type.Object(
  {
    key: Key,
    title: Title,
    weight: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
    criteria: Type.Array(Criterion, { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type Section = Static<typeof Section>;

export const ScoringRule = Type.Object(
  { na: Type.Enum(NA_RULES), critical: Type.Enum(CRITICAL_RULES) },
  { additionalProperties: false },
);
export type ScoringRule = Static<typeof ScoringRule>;

export const FormContent = Type.Object(
  {
    name: Title,
    kind: Type.Enum(FORM_KINDS),
    rule: ScoringRule,
    sections: Type.Array(Section, { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type FormContent = Static<typeof FormContent>;

/** The highest answer of a scale; the lowest is 0 for pass/fail and 1 for point scales. */
export function scaleMax(scale: Scale): number {
  return scale === 'pass_fail' ? 1 : Number(scale.slice('points_'.length));
}
export function scaleMin(scale: Scale): number {
  return scale === 'pass_fail' ? 0 : 1;
}

/**
 * Problems with a form's content beyond its schema (empty when it may be saved): keys unique across the
 * form, every criterion offering the four standard root causes.
 */
export function formProblems(content: unknown): string[] {
  if (!Value.Check(FormContent, content)) {
    return [...Value.Errors(FormContent, content)].slice(0, 10).map((e) => `${e.instancePath || '/'}: ${e.message}`);
  }
  const problems: string[] = [];
  const sectionKeys = new Set<string>();
  const criterionKeys = new Set<string>();
  for (const section of content.sections) {
    if (sectionKeys.has(section.key)) problems.push(`section key "${section.key}" is used twice`);
    sectionKeys.add(section.key);
    for (const criterion of section.criteria) {
      if (criterionKeys.has(criterion.key)) problems.push(`criterion key "${criterion.key}" is used twice`);
      criterionKeys.add(criterion.key);
      const missing = STANDARD_ROOT_CAUSES.filter((cause) => !criterion.rootCauses.includes(cause));
      if (missing.length > 0) problems.push(`criterion "${criterion.key}" lacks root causes ${missing.join(', ')}`);
    }
  }
  return problems;
}

export function criteriaOf(content: FormContent): (Criterion & { sectionKey: string })[] {
  return content.sections.flatMap((s) => s.criteria.map((c) => ({ ...c, sectionKey: s.key })));
}
