/**
 * Review meetings, action items and item comments. Writers take the caller's transaction and record their
 * history row in it; readers of a single item take the vendor scope and filter by it in SQL.
 */
import type { ItemStatus } from '@scorecard/domain/plans/rules';
import { sql, type Transaction } from 'kysely';
import type { Db, DB } from '../database.ts';
import { diff, recordEvent, type Actor } from './events.ts';
import type { VendorScope } from '@scorecard/domain/vendors/scope';

export interface NewItem {
  description: string;
  ownerUserId: number;
  dueDate: string;
}

export async function createItem(
  trx: Transaction<DB>,
  actor: Actor,
  planId: number,
  item: NewItem,
  meetingId: number | null = null,
): Promise<number> {
  const { id } = await trx
    .insertInto('plan_items')
    .values({
      plan_id: planId,
      meeting_id: meetingId,
      description: item.description,
      owner_user_id: item.ownerUserId,
      due_date: item.dueDate,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordEvent(trx, actor, {
    planId,
    itemId: id,
    meetingId,
    kind: 'item_created',
    changes: { ...item, status: 'open' },
  });
  return id;
}

export interface NewMeeting {
  heldOn: string;
  attendees: readonly string[];
  notes: string;
  items: readonly NewItem[];
}

/** The meeting and the action items decided in it, in the caller's transaction. */
export async function addMeeting(trx: Transaction<DB>, actor: Actor, planId: number, meeting: NewMeeting) {
  const { id } = await trx
    .insertInto('plan_meetings')
    .values({
      plan_id: planId,
      held_on: meeting.heldOn,
      attendees: [...meeting.attendees],
      notes: meeting.notes,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordEvent(trx, actor, {
    planId,
    meetingId: id,
    kind: 'meeting_added',
    changes: { heldOn: meeting.heldOn, attendees: [...meeting.attendees], items: meeting.items.length },
  });
  const itemIds: number[] = [];
  for (const item of meeting.items) itemIds.push(await createItem(trx, actor, planId, item, id));
  return { meetingId: id, itemIds };
}

export async function listMeetings(db: Db, planId: number) {
  const rows = await db
    .selectFrom('plan_meetings')
    .select(['id', 'held_on', 'attendees', 'notes', 'created_at'])
    .where('plan_id', '=', planId)
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    heldOn: r.held_on,
    attendees: r.attendees,
    notes: r.notes,
    createdAt: r.created_at,
  }));
}

export interface ItemRow {
  id: number;
  planId: number;
  vendorId: number;
  meetingId: number | null;
  description: string;
  ownerUserId: number;
  ownerName: string;
  dueDate: string;
  status: ItemStatus;
  doneAt: Date | null;
  overdue: boolean;
  comments: number;
  createdAt: Date;
  updatedAt: Date;
}

function itemQuery(db: Db | Transaction<DB>, scope: VendorScope, today: string) {
  return (
    db
      .selectFrom('plan_items as i')
      .innerJoin('plans as p', 'p.id', 'i.plan_id')
      .innerJoin('users as o', 'o.id', 'i.owner_user_id')
      .select([
        'i.id',
        'i.plan_id',
        'p.vendor_id',
        'i.meeting_id',
        'i.description',
        'i.owner_user_id',
        'o.name as owner_name',
        'i.due_date',
        'i.status',
        'i.done_at',
        'i.created_at',
        'i.updated_at',
        sql<boolean>`i.status <> 'done' AND i.due_date < ${today}::date`.as('overdue'),
        (eb) =>
          eb
            .selectFrom('plan_item_comments as c')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('c.item_id', '=', 'i.id')
            .as('comments'),
      ])
      // Same visibility as the plan: a vendor user sees its own vendor's non-draft plans.
      .$if(scope.kind === 'vendor', (qb) =>
        qb.where('p.vendor_id', '=', scope.kind === 'vendor' ? scope.vendorId : -1).where('p.status', '<>', 'draft'),
      )
  );
}

function toItemRow(r: Awaited<ReturnType<ReturnType<typeof itemQuery>['execute']>>[number]): ItemRow {
  return {
    id: r.id,
    planId: r.plan_id,
    vendorId: r.vendor_id,
    meetingId: r.meeting_id,
    description: r.description,
    ownerUserId: r.owner_user_id,
    ownerName: r.owner_name,
    dueDate: r.due_date,
    status: r.status as ItemStatus,
    doneAt: r.done_at,
    overdue: r.overdue,
    comments: Number(r.comments ?? 0),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** null when the item does not exist or its plan is outside the scope. */
export async function findItem(
  db: Db | Transaction<DB>,
  scope: VendorScope,
  id: number,
  today: string,
): Promise<ItemRow | null> {
  const row = await itemQuery(db, scope, today).where('i.id', '=', id).executeTakeFirst();
  return row ? toItemRow(row) : null;
}

/** The plan's items: open ones first by due date, done ones last. The plan's scope is the caller's check. */
export async function listItems(db: Db, planId: number, today: string): Promise<ItemRow[]> {
  const rows = await itemQuery(db, { kind: 'all' }, today)
    .where('i.plan_id', '=', planId)
    .orderBy(sql`i.status = 'done'`)
    .orderBy('i.due_date')
    .orderBy('i.id')
    .execute();
  return rows.map(toItemRow);
}

export interface ItemChanges {
  description?: string;
  ownerUserId?: number;
  dueDate?: string;
  status?: ItemStatus;
}

/**
 * Applies the changed fields; a status change is its own `item_status` event (the progress history), the
 * other fields one `item_updated` event. Permission and transition checks are the caller's.
 */
export async function updateItem(
  trx: Transaction<DB>,
  actor: Actor,
  before: ItemRow,
  changes: ItemChanges,
  note: string | null,
) {
  const fields = diff(
    { description: before.description, ownerUserId: before.ownerUserId, dueDate: before.dueDate },
    { description: changes.description, ownerUserId: changes.ownerUserId, dueDate: changes.dueDate },
  );
  const statusChanged = changes.status !== undefined && changes.status !== before.status;
  if (Object.keys(fields).length === 0 && !statusChanged) return;
  await trx
    .updateTable('plan_items')
    .set({
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.ownerUserId !== undefined ? { owner_user_id: changes.ownerUserId } : {}),
      ...(changes.dueDate !== undefined ? { due_date: changes.dueDate } : {}),
      ...(statusChanged ? { status: changes.status, done_at: changes.status === 'done' ? sql`now()` : null } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', before.id)
    .execute();
  const event = { planId: before.planId, itemId: before.id, note };
  if (Object.keys(fields).length > 0)
    await recordEvent(trx, actor, { ...event, kind: 'item_updated', changes: fields });
  if (statusChanged) {
    await recordEvent(trx, actor, {
      ...event,
      kind: 'item_status',
      changes: { status: { from: before.status, to: changes.status! } },
    });
  }
}

export async function addComment(
  trx: Transaction<DB>,
  actor: Actor,
  item: { id: number; planId: number },
  body: string,
) {
  const { id } = await trx
    .insertInto('plan_item_comments')
    .values({ item_id: item.id, author_user_id: actor.userId, body })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordEvent(trx, actor, {
    planId: item.planId,
    itemId: item.id,
    kind: 'item_comment',
    changes: { commentId: id, body },
  });
  return id;
}

export async function listComments(db: Db, itemId: number) {
  const rows = await db
    .selectFrom('plan_item_comments as c')
    .leftJoin('users as u', 'u.id', 'c.author_user_id')
    .select(['c.id', 'c.author_user_id', 'u.name as author_name', 'c.body', 'c.created_at'])
    .where('c.item_id', '=', itemId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    authorUserId: r.author_user_id,
    authorName: r.author_name,
    body: r.body,
    createdAt: r.created_at,
  }));
}
