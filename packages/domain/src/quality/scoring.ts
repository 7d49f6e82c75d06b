/**
 * The scoring rule of a review, pure. SQL restates it once, in the function `quality_score_reviews`
 * (migrations/0029_quality_stored_scores.sql), whose result triggers store in `quality_review_scores` whenever
 * a review, its answers or a draft form change; a property test holds the two together.
 *
 * - An answer earns credit (value − lowest) ÷ (highest − lowest): pass/fail 0 or 1, a 5-point 3 earns ½.
 * - A section's ratio is the mean credit of its counted criteria; N/A is left out, or counted as full marks,
 *   as the form's rule says. A section with nothing counted is left out, with its weight.
 * - Score = 100 × Σ weight × ratio ÷ Σ weight over the counted sections; no counted section → no score.
 * - A critical criterion answered with the scale's lowest value fails the review: fatal. Under rule `zero`
 *   the score becomes 0; under `fatal_only` the score stands and the review counts as a fatal error.
 */
import { criteriaOf, scaleMax, scaleMin, type FormContent, type ScoringRule } from './forms.ts';

/** One criterion's answer: a value on its scale, or null for N/A. */
export interface Answer {
  value: number | null;
  rootCause?: string | null;
}
export type Answers = Readonly<Record<string, Answer>>;

export interface ReviewScore {
  /** 0..100, or null when no criterion counted (all N/A and left out). */
  score: number | null;
  fatal: boolean;
  /** Keys of the critical criteria that failed. */
  criticalFailed: string[];
}

/** Why the answers cannot be scored on the form (empty when they can). */
export function answerProblems(form: FormContent, answers: Answers): string[] {
  const problems: string[] = [];
  const criteria = criteriaOf(form);
  const known = new Set(criteria.map((c) => c.key));
  for (const key of Object.keys(answers)) if (!known.has(key)) problems.push(`"${key}" is not a criterion of the form`);
  for (const criterion of criteria) {
    const answer = answers[criterion.key];
    if (!answer) {
      problems.push(`"${criterion.key}" has no answer`);
      continue;
    }
    if (answer.value === null) {
      if (!criterion.allowNa) problems.push(`"${criterion.key}" does not allow N/A`);
    } else if (
      !Number.isInteger(answer.value) ||
      answer.value < scaleMin(criterion.scale) ||
      answer.value > scaleMax(criterion.scale)
    ) {
      problems.push(
        `"${criterion.key}" takes ${scaleMin(criterion.scale)}..${scaleMax(criterion.scale)}, not ${answer.value}`,
      );
    }
    if (answer.rootCause != null && !criterion.rootCauses.includes(answer.rootCause)) {
      problems.push(`"${answer.rootCause}" is not a root cause of "${criterion.key}"`);
    }
  }
  return problems;
}

/** The score of answers that `answerProblems` accepted. */
export function scoreReview(form: FormContent, answers: Answers): ReviewScore {
  let weighted = 0;
  let weights = 0;
  const criticalFailed: string[] = [];
  for (const section of form.sections) {
    let credit = 0;
    let counted = 0;
    for (const criterion of section.criteria) {
      const value = answers[criterion.key]?.value ?? null;
      if (value === null) {
        if (form.rule.na === 'pass') {
          credit += 1;
          counted += 1;
        }
        continue;
      }
      const low = scaleMin(criterion.scale);
      credit += (value - low) / (scaleMax(criterion.scale) - low);
      counted += 1;
      if (criterion.critical && value === low) criticalFailed.push(criterion.key);
    }
    if (counted === 0) continue;
    weighted += section.weight * (credit / counted);
    weights += section.weight;
  }
  const fatal = criticalFailed.length > 0;
  const calculated = weights === 0 ? null : (100 * weighted) / weights;
  const score = fatal && form.rule.critical === 'zero' ? 0 : calculated;
  return { score, fatal, criticalFailed };
}

/** The rule's two choices in words: "N/A left out; a failed critical criterion sets the score to 0 …". */
export function describeRuleChoices(rule: ScoringRule): string {
  const na = rule.na === 'excluded' ? 'N/A left out' : 'N/A counted as a pass';
  const critical =
    rule.critical === 'zero'
      ? 'a failed critical criterion sets the score to 0 and counts as a fatal error'
      : 'a failed critical criterion leaves the score as calculated and counts as a fatal error';
  return `${na}; ${critical}`;
}

/** The rule in words, printed beside every score as the service-level formula is. */
export function describeRule(rule: ScoringRule): string {
  return `score = 100 × Σ(section weight × earned ÷ possible) ÷ Σ(weight of sections answered); ${describeRuleChoices(rule)}`;
}

export interface Comparability {
  comparable: boolean;
  /** What differs, in words; empty when comparable. */
  differences: string[];
}

/**
 * Whether two vendors' quality figures may be set side by side: each vendor's reviews must have been scored
 * under one rule, and the same one. A vendor with no reviews is comparable with anything.
 */
export function compareRules(a: readonly ScoringRule[], b: readonly ScoringRule[]): Comparability {
  const distinct = (rules: readonly ScoringRule[]) => [
    ...new Map(rules.map((r) => [`${r.na}/${r.critical}`, r])).values(),
  ];
  const [left, right] = [distinct(a), distinct(b)];
  const differences: string[] = [];
  if (left.length > 1) differences.push('the first vendor’s reviews were scored under more than one rule');
  if (right.length > 1) differences.push('the second vendor’s reviews were scored under more than one rule');
  const [l, r] = [left[0], right[0]];
  if (differences.length === 0 && l && r) {
    if (l.na !== r.na) differences.push(`N/A: ${l.na} vs ${r.na}`);
    if (l.critical !== r.critical) differences.push(`failed critical: ${l.critical} vs ${r.critical}`);
  }
  return { comparable: differences.length === 0, differences };
}
