import { useEffect, useState } from 'react';
import { CHANNELS } from '@scorecard/domain/channels';

/** Queue and channel filters; the queue is applied on Enter or blur so each keystroke is not a request. */
export function ScorecardFilters({
  queue,
  channel,
  onChange,
}: {
  queue: string;
  channel: string;
  onChange: (changes: { queue?: string | null; channel?: string | null }) => void;
}) {
  const [draftQueue, setDraftQueue] = useState(queue);
  useEffect(() => setDraftQueue(queue), [queue]);
  const applyQueue = () => {
    const trimmed = draftQueue.trim();
    if (trimmed !== queue) onChange({ queue: trimmed || null });
  };
  return (
    <>
      <div className="field">
        <label htmlFor="filter-channel">Channel</label>
        <select
          id="filter-channel"
          value={channel}
          onChange={(event) => onChange({ channel: event.target.value || null })}
        >
          <option value="">All channels</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <form
        className="field"
        onSubmit={(event) => {
          event.preventDefault();
          applyQueue();
        }}
      >
        <label htmlFor="filter-queue">Queue</label>
        <input
          id="filter-queue"
          type="search"
          placeholder="All queues"
          value={draftQueue}
          onChange={(event) => setDraftQueue(event.target.value)}
          onBlur={applyQueue}
        />
      </form>
    </>
  );
}
