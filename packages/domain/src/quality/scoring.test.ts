import { describe, expect, it } from 'vitest';
import { formProblems, STANDARD_ROOT_CAUSES, type FormContent, type ScoringRule } from './forms.ts';
import { answerProblems, compareRules, describeRule, scoreReview, type Answers } from './scoring.ts';

const causes = [...STANDARD_ROOT_CAUSES];
/** Two sections, weights 3 and 1: `greeting` (pass/fail, N/A allowed), `accuracy` (5-point, critical). */
function form(rule: ScoringRule): FormContent {
  return {
    name: 'QA audit',
    kind: 'qa_audit',
    rule,
    sections: [
      {
        key: 'resolution',
        title: 'Resolution',
        weight: 3,
        criteria: [
          {
            key: 'accuracy',
            title: 'Accurate answer',
            scale: 'points_5',
            allowNa: false,
            critical: true,
            rootCauses: causes,
          },
          {
            key: 'policy',
            title: 'Policy followed',
            scale: 'pass_fail',
            allowNa: true,
            critical: true,
            rootCauses: causes,
          },
        ],
      },
      {
        key: 'soft',
        title: 'Soft skills',
        weight: 1,
        criteria: [
          {
            key: 'greeting',
            title: 'Greeting',
            scale: 'pass_fail',
            allowNa: true,
            critical: false,
            rootCauses: causes,
          },
          { key: 'tone', title: 'Tone', scale: 'points_3', allowNa: true, critical: false, rootCauses: causes },
        ],
      },
    ],
  };
}
const a = (accuracy: number, policy: number | null, greeting: number | null, tone: number | null): Answers => ({
  accuracy: { value: accuracy },
  policy: { value: policy },
  greeting: { value: greeting },
  tone: { value: tone },
});

describe('scoreReview', () => {
  // Expected scores worked by hand: section ratio = mean credit, score = 100 × Σ w·ratio ÷ Σ w.
  const cases: [string, ScoringRule, Answers, number | null, boolean][] = [
    ['all full marks', { na: 'excluded', critical: 'zero' }, a(5, 1, 1, 3), 100, false],
    // resolution (0.5 + 1)/2 = 0.75, soft (0 + 0.5)/2 = 0.25 → (3·0.75 + 0.25)/4 = 62.5
    ['weights and sections', { na: 'excluded', critical: 'zero' }, a(3, 1, 0, 2), 62.5, false],
    // N/A left out: resolution 0.5/1, soft 1/1 → (1.5 + 1)/4 = 62.5
    ['N/A left out', { na: 'excluded', critical: 'zero' }, a(3, null, 1, null), 62.5, false],
    // N/A as pass: resolution (0.5 + 1)/2 = 0.75, soft (1 + 1)/2 → (2.25 + 1)/4 = 81.25
    ['N/A counted as pass', { na: 'pass', critical: 'zero' }, a(3, null, 1, null), 81.25, false],
    // a whole section N/A and left out drops its weight: only resolution counts → 75
    ['section all N/A left out', { na: 'excluded', critical: 'zero' }, a(3, 1, null, null), 75, false],
    ['failed critical → 0', { na: 'excluded', critical: 'zero' }, a(5, 0, 1, 3), 0, true],
    // fatal_only: resolution (1 + 0)/2 = 0.5, soft 1 → (1.5 + 1)/4 = 62.5, fatal
    ['failed critical, score stands', { na: 'excluded', critical: 'fatal_only' }, a(5, 0, 1, 3), 62.5, true],
    // lowest point of a 5-point critical criterion fails it
    ['critical at lowest point', { na: 'pass', critical: 'fatal_only' }, a(1, 1, 1, 3), 62.5, true],
    // 2 of 5 on a critical criterion is poor but not a failure
    ['critical above lowest point', { na: 'excluded', critical: 'zero' }, a(2, 1, 1, 3), 71.875, false],
  ];
  it.each(cases)('%s', (_name, rule, answers, score, fatal) => {
    const f = form(rule);
    expect(answerProblems(f, answers)).toEqual([]);
    const result = scoreReview(f, answers);
    expect(result.score).toBeCloseTo(score!, 10);
    expect(result.fatal).toBe(fatal);
  });

  it('has no score when every criterion is N/A and left out', () => {
    const f: FormContent = { ...form({ na: 'excluded', critical: 'zero' }) };
    f.sections = [f.sections[1]!];
    expect(scoreReview(f, { greeting: { value: null }, tone: { value: null } }).score).toBeNull();
  });
});

describe('answerProblems', () => {
  const f = form({ na: 'excluded', critical: 'zero' });
  it.each<[string, Answers, string]>([
    ['N/A where not allowed', a(3, 1, 1, 3) && { ...a(3, 1, 1, 3), accuracy: { value: null } }, 'does not allow N/A'],
    ['off the scale', a(6, 1, 1, 3), 'takes 1..5'],
    ['zero on a point scale', a(0, 1, 1, 3), 'takes 1..5'],
    ['missing answer', { accuracy: { value: 5 } }, 'has no answer'],
    ['unknown criterion', { ...a(5, 1, 1, 3), extra: { value: 1 } }, 'not a criterion'],
    ['unknown root cause', { ...a(5, 1, 1, 3), tone: { value: 1, rootCause: 'weather' } }, 'not a root cause'],
  ])('%s', (_name, answers, message) => {
    expect(answerProblems(f, answers).join('; ')).toContain(message);
  });
});

describe('formProblems', () => {
  it('accepts a well-formed form', () => expect(formProblems(form({ na: 'pass', critical: 'zero' }))).toEqual([]));
  it('refuses duplicate keys and missing standard root causes', () => {
    const f = form({ na: 'pass', critical: 'zero' });
    f.sections[1]!.criteria[0]!.key = 'accuracy';
    f.sections[1]!.criteria[1]!.rootCauses = ['agent_error'];
    const problems = formProblems(f).join('; ');
    expect(problems).toContain('criterion key "accuracy" is used twice');
    expect(problems).toContain('lacks root causes sop_unclear_or_missing, tool_or_product_bug, policy');
  });
  it('refuses a bad scale or weight by schema', () => {
    const f = form({ na: 'pass', critical: 'zero' }) as unknown as { sections: { weight: number }[] };
    f.sections[0]!.weight = 0;
    expect(formProblems(f)).not.toEqual([]);
  });
});

describe('rules in words and comparability', () => {
  it.each<[ScoringRule, string[]]>([
    [{ na: 'excluded', critical: 'zero' }, ['N/A left out', 'sets the score to 0']],
    [{ na: 'pass', critical: 'fatal_only' }, ['N/A counted as a pass', 'leaves the score as calculated']],
  ])('describes %o', (rule, phrases) => {
    for (const phrase of phrases) expect(describeRule(rule)).toContain(phrase);
  });

  const zero: ScoringRule = { na: 'excluded', critical: 'zero' };
  const fatalOnly: ScoringRule = { na: 'excluded', critical: 'fatal_only' };
  const naPass: ScoringRule = { na: 'pass', critical: 'zero' };
  it.each<[string, ScoringRule[], ScoringRule[], boolean, string]>([
    ['same rule', [zero, zero], [zero], true, ''],
    ['different critical rule', [zero], [fatalOnly], false, 'failed critical: zero vs fatal_only'],
    ['different N/A rule', [zero], [naPass], false, 'N/A: excluded vs pass'],
    ['one vendor mixes rules', [zero, naPass], [zero], false, 'more than one rule'],
    ['no reviews on one side', [], [naPass], true, ''],
  ])('%s', (_name, left, right, comparable, difference) => {
    const result = compareRules(left, right);
    expect(result.comparable).toBe(comparable);
    expect(result.differences.join('; ')).toContain(difference);
  });
});
