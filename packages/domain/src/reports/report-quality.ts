/**
 * The quality block of the weekly report email (docs/reports.md "Quality"), pure: the quality score with its
 * n and 95 % interval and the scoring rule it was computed under, the top root causes, the calibration gap
 * (overall and the criteria that differ most), the escalation reviews made in the week and the open disputes.
 * Lists are capped for the email; what is left out is counted ("and 3 more"), never dropped silently.
 */
import { weekLabel } from '../weeks.ts';
import { escapeHtml } from './html.ts';

/** Rows listed per section; the rest is counted. */
export const QUALITY_LIST_LIMIT = 10;

export interface ReportQualityInput {
  score: { value: number | null; n: number; interval: { low: number; high: number } | null };
  /** The scoring rules the week's internal reviews were scored under, in words. */
  rules: readonly string[];
  calibrationGap: { value: number | null; pairs: number };
  calibrationCriteria: readonly { criterionKey: string; pairs: number; gap: number }[];
  rootCauses: readonly { rootCause: string; occurrences: number }[];
  escalationReviews: readonly { caseExternalId: string; verdict: string; rootCause: string; acknowledged: boolean }[];
  openDisputes: readonly { caseExternalId: string; reviewWeek: string; criteria: readonly string[] }[];
}

export interface FormattedQuality {
  score: string;
  rules: readonly string[];
  calibrationGap: string;
  calibrationCriteria: string[];
  rootCauses: string[];
  escalationSummary: string;
  escalationReviews: string[];
  openDisputesSummary: string;
  openDisputes: string[];
}

const points = (value: number) => value.toFixed(1).replace('-', '−');
const signed = (value: number) => `${value > 0 ? '+' : ''}${points(value)}`;
const words = (key: string) => key.replaceAll('_', ' ');

function capped(lines: string[]): string[] {
  if (lines.length <= QUALITY_LIST_LIMIT) return lines;
  return [...lines.slice(0, QUALITY_LIST_LIMIT), `and ${lines.length - QUALITY_LIST_LIMIT} more`];
}

/** null when the vendor has nothing to report on quality this week (no reviews, escalation reviews or disputes). */
export function formatQuality(input: ReportQualityInput | null | undefined): FormattedQuality | null {
  if (!input) return null;
  const empty =
    input.score.n === 0 &&
    input.calibrationGap.pairs === 0 &&
    input.rootCauses.length === 0 &&
    input.escalationReviews.length === 0 &&
    input.openDisputes.length === 0;
  if (empty) return null;
  const { score, calibrationGap } = input;
  const interval = score.interval ? `, 95 % interval ${points(score.interval.low)}–${points(score.interval.high)}` : '';
  let avoidable = 0;
  for (const review of input.escalationReviews) if (review.verdict === 'avoidable') avoidable += 1;
  return {
    score:
      score.value === null
        ? 'no internal reviews scored this week'
        : `${points(score.value)} of 100 (n = ${score.n}${interval})`,
    rules: input.rules,
    calibrationGap:
      calibrationGap.value === null
        ? 'no case reviewed by both your QA and ours this week'
        : `${signed(calibrationGap.value)} points, internal − your QA, over ${calibrationGap.pairs} case(s) both reviewed`,
    calibrationCriteria: capped(
      input.calibrationCriteria.map((c) => `${c.criterionKey}: ${signed(c.gap)} points over ${c.pairs} pair(s)`),
    ),
    rootCauses: capped(input.rootCauses.map((r) => `${words(r.rootCause)}: ${r.occurrences}`)),
    escalationSummary: `${input.escalationReviews.length} escalation review(s) made this week, ${avoidable} avoidable`,
    escalationReviews: capped(
      input.escalationReviews.map(
        (r) =>
          `${r.caseExternalId}: ${r.verdict} (${words(r.rootCause)})${r.acknowledged ? ', acknowledged' : ', not yet acknowledged'}`,
      ),
    ),
    openDisputesSummary: `${input.openDisputes.length} open dispute(s)`,
    openDisputes: capped(
      input.openDisputes.map(
        (d) => `${d.caseExternalId} (reviewed ${weekLabel(d.reviewWeek)}): ${d.criteria.join(', ')}`,
      ),
    ),
  };
}

export function renderQualityText(quality: FormattedQuality | null): string[] {
  if (!quality) return [];
  const list = (items: string[]) => items.map((item) => `  - ${item}`);
  return [
    '',
    'Quality',
    `  Quality score: ${quality.score}`,
    ...quality.rules.map((rule) => `    scored under: ${rule}`),
    `  Calibration gap: ${quality.calibrationGap}`,
    ...list(quality.calibrationCriteria),
    '  Top root causes:',
    ...(quality.rootCauses.length === 0 ? ['  - none named'] : list(quality.rootCauses)),
    `  ${quality.escalationSummary}`,
    ...list(quality.escalationReviews),
    `  ${quality.openDisputesSummary}`,
    ...list(quality.openDisputes),
  ];
}

export function renderQualityHtml(quality: FormattedQuality | null, font: string): string {
  if (!quality) return '';
  const e = escapeHtml;
  const p = (html: string) => `<p style="${font}font-size:14px;color:#1f2933;margin:8px 0 4px;">${html}</p>`;
  const list = (items: string[]) =>
    items.length === 0
      ? ''
      : `<ul style="${font}font-size:13px;color:#1f2933;margin:0 0 8px;padding-left:20px;">${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`;
  const rules = quality.rules
    .map((rule) => `<div style="${font}font-size:11px;color:#667085;">Scored under: ${e(rule)}</div>`)
    .join('');
  return `<h2 style="${font}font-size:16px;color:#102a43;margin:24px 0 8px;">Quality</h2>
${p(`Quality score: <strong>${e(quality.score)}</strong>`)}${rules}
${p(`Calibration gap: ${e(quality.calibrationGap)}`)}${list(quality.calibrationCriteria)}
${p('Top root causes:')}${list(quality.rootCauses.length === 0 ? ['none named'] : quality.rootCauses)}
${p(e(quality.escalationSummary))}${list(quality.escalationReviews)}
${p(e(quality.openDisputesSummary))}${list(quality.openDisputes)}`;
}
