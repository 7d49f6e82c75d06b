/** What a review history event changed, in words (`{ criterion: { from, to, rootCause? } }` and the rest). */
import { DISPUTE_STATUS_LABELS, rootCauseLabel } from './labels.ts';

export function changesText(kind: string, changes: Record<string, unknown>): string | null {
  if (kind === 'answer_changed') {
    return Object.entries(changes)
      .map(([criterion, change]) => {
        const { from, to, rootCause } = (change ?? {}) as {
          from?: number | null;
          to?: number | null;
          rootCause?: { from: string | null; to: string | null };
        };
        // A dispute decision only clears a root cause; a re-import may set or replace one.
        const cause = !rootCause
          ? ''
          : rootCause.to === null
            ? ` (root cause ${rootCauseLabel(rootCause.from)} cleared)`
            : ` (root cause ${rootCauseLabel(rootCause.from)} → ${rootCauseLabel(rootCause.to)})`;
        return `${criterion}: ${answerValue(from)} → ${answerValue(to)}${cause}`;
      })
      .join('; ');
  }
  if (kind === 'dispute_opened') {
    return Object.entries(changes)
      .map(
        ([criterion, item]) => `${criterion}: proposed ${answerValue((item as { proposed?: number | null }).proposed)}`,
      )
      .join('; ');
  }
  if (kind === 'dispute_decided') {
    const { decision, ...verdicts } = changes;
    const status = typeof decision === 'string' ? (DISPUTE_STATUS_LABELS[decision] ?? decision) : '';
    const each = Object.entries(verdicts).map(([criterion, verdict]) => `${criterion} ${String(verdict)}`);
    return [status, ...each].filter(Boolean).join('; ');
  }
  return null;
}

/** A raw answer value as stored: the number, or N/A. */
function answerValue(value: number | null | undefined): string {
  return typeof value === 'number' ? String(value) : 'N/A';
}
