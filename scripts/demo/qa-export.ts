/**
 * QA-review exports shaped like the real ones a vendor's QA tool or an internal QA spreadsheet gives, in the
 * generic QA CSV (docs/imports.md "Review imports"), with the messy parts those files have: case ids unique
 * only with their help desk (the same id in two sources; some rows leave the source out), N/A written several
 * ways (and blank), pass/fail written as words or digits, the tool's overall score on mixed scales (`85%`,
 * `0.85`, `17/20`, `85`) and sometimes disagreeing with the form's rule, repeated review ids (a re-scored review
 * exported twice), a review of a case that belongs to another vendor, a case id nobody imported, an answer
 * off its scale, a root cause the form does not offer, and a column nobody reads. Deterministic for a seed;
 * the tests compute what the import must do from the text this writes.
 */
import { createRandom } from './random.ts';

export interface QaCase {
  source: string;
  externalId: string;
  vendorName: string;
}

export interface QaCriterion {
  key: string;
  scale: 'pass_fail' | 'points_3' | 'points_4' | 'points_5';
  allowNa: boolean;
}

export interface QaExportOptions {
  seed: number;
  rows: number;
  form: string;
  criteria: readonly QaCriterion[];
  cases: readonly QaCase[];
  vendors: readonly string[];
  /** Reviews are dated over the days before this instant. */
  before: Date;
}

export const QA_EXPORT_HEADERS = [
  'review_id',
  'case_source',
  'case_id',
  'form',
  'reviewer',
  'reviewed_at',
  'review_by',
  'vendor',
  'score',
  'root_causes',
  'feedback',
  'agent_team',
] as const;

const NA_SPELLINGS = ['N/A', 'n/a', 'NA', '-', ''];
const PASS_WORDS = ['Yes', 'Pass', '1', 'yes'];
const FAIL_WORDS = ['No', 'Fail', '0', 'no'];
const KNOWN_CAUSES = ['agent error', 'Agent Error', 'sop unclear', 'tool bug', 'policy'];
const UNKNOWN_CAUSES = ['training gap', 'customer was rude'];

/** Header + rows, comma-separated, LF; no cell holds a comma or a quote, so a test may split lines on commas. */
export function generateQaExport(options: QaExportOptions): string {
  const random = createRandom(options.seed);
  const header = [
    ...QA_EXPORT_HEADERS.slice(0, 8),
    ...options.criteria.map((c) => c.key),
    ...QA_EXPORT_HEADERS.slice(8),
  ];
  const lines = [header.join(',')];
  const written: string[][] = [];
  for (let n = 0; n < options.rows; n++) {
    if (written.length > 0 && random.chance(0.08)) {
      // The tool exported a re-scored review again: same id, case and vendor; new answers.
      const earlier = random.pick(written);
      const row = reviewRow(random, options, earlier[0]!, casesOf(earlier));
      written.push(row);
      lines.push(row.join(','));
      continue;
    }
    const kase = random.pick(options.cases);
    const row = reviewRow(random, options, `QA-${1000 + n}`, kase);
    written.push(row);
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;

  function casesOf(row: string[]): QaCase {
    return { source: row[1]!, externalId: row[2]!, vendorName: row[7]! };
  }
}

function reviewRow(
  random: ReturnType<typeof createRandom>,
  options: QaExportOptions,
  reviewId: string,
  kase: QaCase,
): string[] {
  const unknownCase = random.chance(0.04);
  const caseId = unknownCase ? `NOPE-${random.int(1, 99_999)}` : kase.externalId;
  const source = random.chance(0.1) ? '' : kase.source;
  const otherVendor = random.chance(0.05);
  const vendor = otherVendor ? random.pick(options.vendors.filter((v) => v !== kase.vendorName)) : kase.vendorName;
  const reviewedAt = new Date(options.before.getTime() - random.int(3_600, 20 * 86_400) * 1000);
  const stamp = random.chance(0.5)
    ? reviewedAt.toISOString().slice(0, 19).replace('T', ' ')
    : `${new Date(reviewedAt.getTime() + 5.5 * 3_600_000).toISOString().slice(0, 19)}+05:30`;
  const offScale = random.chance(0.04) ? random.int(0, options.criteria.length - 1) : -1;
  const answers = options.criteria.map((criterion, index) => answerCell(random, criterion, index === offScale));
  const credits = options.criteria.map((criterion, index) => credit(criterion, answers[index]!));
  const mean = credits.filter((c): c is number => c !== null);
  const plain = mean.length === 0 ? 80 : (100 * mean.reduce((a, b) => a + b, 0)) / mean.length;
  const toolScore = random.chance(0.15) ? Math.min(100, plain + random.int(5, 20)) : plain;
  const score = random.pick([
    `${Math.round(toolScore)}%`,
    (toolScore / 100).toFixed(2),
    `${Math.round(toolScore / 5)}/20`,
    String(Math.round(toolScore)),
  ]);
  const failed = options.criteria.find((_, index) => credits[index] !== null && credits[index]! < 1);
  const rootCauses = failed
    ? `${failed.key}: ${random.chance(0.2) ? random.pick(UNKNOWN_CAUSES) : random.pick(KNOWN_CAUSES)}`
    : '';
  return [
    reviewId,
    source,
    caseId,
    options.form,
    random.pick(['Priya S', 'Tom K', 'QA Lead']),
    stamp,
    random.pick(['Internal QA', 'Vendor QA', 'internal', 'vendor']),
    vendor,
    ...answers,
    score,
    rootCauses,
    random.pick(['', 'Good call', 'Missed the refund policy', 'Greeting skipped']),
    random.pick(['Team A', 'Team B']),
  ];
}

function answerCell(random: ReturnType<typeof createRandom>, criterion: QaCriterion, offScale: boolean): string {
  if (offScale) return criterion.scale === 'pass_fail' ? 'Maybe' : '7';
  if (criterion.allowNa && random.chance(0.3)) return random.pick(NA_SPELLINGS);
  if (criterion.scale === 'pass_fail') return random.chance(0.8) ? random.pick(PASS_WORDS) : random.pick(FAIL_WORDS);
  const high = Number(criterion.scale.slice('points_'.length));
  return String(random.int(1, high));
}

/** An answer's credit for the tool's own (unweighted) score; null for N/A or an unreadable answer. */
function credit(criterion: QaCriterion, cell: string): number | null {
  if (criterion.scale === 'pass_fail') {
    if (PASS_WORDS.includes(cell)) return 1;
    if (FAIL_WORDS.includes(cell)) return 0;
    return null;
  }
  const value = Number(cell);
  if (cell === '' || !Number.isInteger(value)) return null;
  const high = Number(criterion.scale.slice('points_'.length));
  return (value - 1) / (high - 1);
}
