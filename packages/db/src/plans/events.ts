/**
 * The plan history (table plan_events). Every writer in this folder calls `recordEvent` with the same
 * transaction as its change, so a change without its history row cannot be committed.
 */
import type { Transaction } from 'kysely';
import type { Db, DB } from '../database.ts';
import type { JsonObject } from '../schema.generated.ts';

/** Who made a change: a signed-in user, an API token (no user), or the automatic evaluation. */
export interface Actor {
  userId: number | null;
  kind: 'user' | 'token' | 'system';
}

export const SYSTEM_ACTOR: Actor = { userId: null, kind: 'system' };

export type EventKind =
  | 'plan_created'
  | 'plan_updated'
  | 'plan_status'
  | 'meeting_added'
  | 'item_created'
  | 'item_updated'
  | 'item_status'
  | 'item_comment';

/** `{ field: { from, to } }` for edits; the new values for creations. */
export type Changes = JsonObject;

export async function recordEvent(
  trx: Transaction<DB>,
  actor: Actor,
  event: {
    planId: number;
    kind: EventKind;
    itemId?: number | null;
    meetingId?: number | null;
    changes?: Changes;
    note?: string | null;
  },
): Promise<void> {
  await trx
    .insertInto('plan_events')
    .values({
      plan_id: event.planId,
      item_id: event.itemId ?? null,
      meeting_id: event.meetingId ?? null,
      actor_user_id: actor.userId,
      actor_kind: actor.kind,
      kind: event.kind,
      changes: JSON.stringify(event.changes ?? {}),
      note: event.note ?? null,
    })
    .execute();
}

/** `{ field: { from, to } }` for the fields whose value differs; empty when nothing changed. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Changes {
  const changes: Changes = {};
  for (const [field, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = before[field];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from: from ?? null, to } as JsonObject;
  }
  return changes;
}

export interface PlanEventRow {
  id: number;
  itemId: number | null;
  meetingId: number | null;
  actorUserId: number | null;
  actorName: string | null;
  actorKind: string;
  kind: string;
  changes: unknown;
  note: string | null;
  at: Date;
}

/** The plan's history, oldest first; `itemId` narrows it to one item. */
export async function listPlanEvents(db: Db, planId: number, itemId?: number): Promise<PlanEventRow[]> {
  const rows = await db
    .selectFrom('plan_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select([
      'e.id',
      'e.item_id',
      'e.meeting_id',
      'e.actor_user_id',
      'u.name as actor_name',
      'e.actor_kind',
      'e.kind',
      'e.changes',
      'e.note',
      'e.at',
    ])
    .where('e.plan_id', '=', planId)
    .$if(itemId !== undefined, (qb) => qb.where('e.item_id', '=', itemId!))
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    itemId: r.item_id,
    meetingId: r.meeting_id,
    actorUserId: r.actor_user_id,
    actorName: r.actor_name,
    actorKind: r.actor_kind,
    kind: r.kind,
    changes: r.changes,
    note: r.note,
    at: r.at,
  }));
}
