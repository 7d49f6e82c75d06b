/**
 * How a review import reads the cells that are particular to QA exports: an answer on a criterion's scale,
 * the tool's overall score on whatever scale the tool writes, and a list of root causes. Pure and small,
 * tested by tables in review-cells.test.ts.
 */
import { parseNumber } from '../mapping/parse/timestamp.ts';
import { scaleMax, scaleMin, type Scale } from './forms.ts';

/** Pass/fail words every QA tool writes; only on pass/fail criteria (a "yes" on a 5-point scale means nothing). */
const PASS_FAIL_WORDS = new Map<string, number>([
  ['pass', 1],
  ['passed', 1],
  ['yes', 1],
  ['y', 1],
  ['met', 1],
  ['true', 1],
  ['fail', 0],
  ['failed', 0],
  ['no', 0],
  ['n', 0],
  ['not met', 0],
  ['false', 0],
]);

export type AnswerCell = { ok: true; value: number | null } | { ok: false; reason: string };

/**
 * One answer cell (already through the document's `answerValues`), null meaning blank. N/A spellings compare
 * any case. The value must be a whole number on the criterion's scale; a word is read only on pass/fail.
 */
export function readAnswer(
  text: string | null,
  criterion: { key: string; scale: Scale; allowNa: boolean },
  na: ReadonlySet<string>,
  blankIsNa: boolean,
): AnswerCell {
  const isNa = text === null ? blankIsNa : na.has(text.toLowerCase());
  if (text === null && !isNa) return { ok: false, reason: `"${criterion.key}" is not answered (blank)` };
  if (isNa) {
    return criterion.allowNa
      ? { ok: true, value: null }
      : { ok: false, reason: `"${criterion.key}" does not allow N/A` };
  }
  const cell = text!;
  const word = criterion.scale === 'pass_fail' ? PASS_FAIL_WORDS.get(cell.toLowerCase()) : undefined;
  const value = word ?? parseNumber(cell);
  const low = scaleMin(criterion.scale);
  const high = scaleMax(criterion.scale);
  if (!Number.isInteger(value) || value < low || value > high) {
    return { ok: false, reason: `"${criterion.key}" takes ${low}..${high}, not '${cell}'` };
  }
  return { ok: true, value };
}

export type ToolScore = { ok: true; score: number } | { ok: false; reason: string };

/**
 * The tool's overall score as 0..100. `85%` and `85` are percent; `17/20` is a fraction of its total; a bare
 * number of at most 1 written with a decimal point (`0.85`, `1.0`) is a fraction of one. Tools mix these
 * within one export (a scale change mid-period, several tools), so each cell says its own scale. A bare `1`
 * or `0` is read as percent: no tool writes a whole review's score as the integer 1 of 1.
 */
export function readToolScore(text: string): ToolScore {
  const cell = text.replace(/\s+/g, '');
  let score: number;
  if (cell.endsWith('%')) score = parseNumber(cell.slice(0, -1));
  else if (cell.includes('/')) {
    const [earned, total] = cell.split('/', 2).map(parseNumber) as [number, number];
    score = total > 0 ? (100 * earned) / total : Number.NaN;
  } else {
    const value = parseNumber(cell);
    score = value <= 1 && cell.includes('.') ? value * 100 : value;
  }
  if (!Number.isFinite(score) || score < 0 || score > 100) {
    return { ok: false, reason: `tool score: '${text}' is not a score of 0–100 %, a fraction or earned/total` };
  }
  return { ok: true, score };
}

/** Our score and the tool's agree when they differ by less than this (points of 100): tools round. */
export const SCORE_TOLERANCE = 0.5;

/** `accuracy: agent_error; policy=Policy` → [criterion, cause] pairs; an entry without a criterion has key null. */
export function splitRootCauses(text: string): { criterion: string | null; cause: string }[] {
  return text
    .split(/[;|\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const at = entry.search(/[:=]/);
      if (at < 0) return { criterion: null, cause: entry };
      return { criterion: entry.slice(0, at).trim(), cause: entry.slice(at + 1).trim() };
    });
}
