import { formatDateTime } from '../../../lib/format.ts';
import { useReportingTimeZone } from '../../../lib/reporting-zone.ts';
import type { ReviewDetail } from '../api/reviews.ts';
import { DISPUTE_STATUS_LABELS, rootCauseLabel } from './labels.ts';

const KIND_TEXT: Record<string, string> = {
  review_created: 'Review recorded',
  dispute_opened: 'Dispute opened',
  answer_changed: 'Answers changed by the decision',
  dispute_decided: 'Dispute decided',
};

/** Every step of the review, oldest first, with what changed (`{ criterion: { from, to, rootCause? } }`) and why. */
export function ReviewHistory({ detail }: { detail: ReviewDetail }) {
  const timeZone = useReportingTimeZone() ?? 'UTC';
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <ol className="history" data-testid="review-history">
        {detail.history.map((event) => (
          <li key={event.id} data-kind={event.kind}>
            <strong>{KIND_TEXT[event.kind] ?? event.kind}</strong>{' '}
            <span className="hint">
              {formatDateTime(event.at, timeZone)}
              {event.actorKind === 'token' ? ' · API token' : ''}
            </span>
            {changesText(event.kind, event.changes) ? <div>{changesText(event.kind, event.changes)}</div> : null}
            {event.note ? <div className="why">“{event.note}”</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function changesText(kind: string, changes: Record<string, unknown>): string | null {
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
