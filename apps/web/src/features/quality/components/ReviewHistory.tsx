import { formatDateTime } from '../../../lib/format.ts';
import { useReportingTimeZone } from '../../../lib/reporting-zone.ts';
import type { ReviewDetail } from '../api/reviews.ts';
import { changesText } from './review-history-text.ts';

const KIND_TEXT: Record<string, string> = {
  review_created: 'Review recorded',
  dispute_opened: 'Dispute opened',
  // A dispute decision or a re-import (its note names the import and line).
  answer_changed: 'Answers changed',
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
