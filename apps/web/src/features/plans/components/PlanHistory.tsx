/** The plan's history: who changed what and when, newest first. */
import { formatDateTime } from '../../../lib/format.ts';
import type { PlanEvent, PlanItem } from '../api/get-plan.ts';

const KIND_TEXT: Record<string, string> = {
  plan_created: 'created the plan',
  plan_updated: 'edited the plan',
  plan_status: 'changed the plan status',
  meeting_added: 'recorded a review meeting',
  item_created: 'added an action item',
  item_updated: 'edited an action item',
  item_status: 'changed an action item status',
  item_comment: 'commented on an action item',
};

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  // Changes are JSON: strings and numbers print as they are, anything else as JSON.
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function describeChanges(stored: unknown): string {
  const changes = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  return Object.entries(changes)
    .filter(([, change]) => change !== null && typeof change === 'object' && 'to' in change)
    .map(([field, change]) => {
      const { from, to } = change as { from: unknown; to: unknown };
      return `${field}: ${show(from)} → ${show(to)}`;
    })
    .join('; ');
}

export function PlanHistory({ events, items }: { events: PlanEvent[]; items: PlanItem[] }) {
  const itemName = (id: number | null) => items.find((i) => i.id === id)?.description;
  return (
    <ol className="history" data-testid="plan-history" reversed>
      {[...events].reverse().map((event) => {
        const who = event.actorKind === 'system' ? 'Scorecard (automatic)' : (event.actorName ?? 'API token');
        const item = itemName(event.itemId);
        const detail = describeChanges(event.changes);
        return (
          <li key={event.id} data-kind={event.kind}>
            <time dateTime={event.at}>{formatDateTime(event.at)}</time>
            <strong>{who}</strong> {KIND_TEXT[event.kind] ?? event.kind}
            {item ? ` “${item}”` : ''}
            {detail ? ` (${detail})` : ''}
            {event.note ? ` — ${event.note}` : ''}
          </li>
        );
      })}
    </ol>
  );
}
