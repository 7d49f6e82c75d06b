/**
 * The report delivery log and the exactly-once guard (migrations/0006_reports.sql, docs/reports.md).
 * A send claims its row atomically (queued/failed → sending) before it talks to SMTP; whoever does not get
 * the row does not send. Rows in `sending` or `sent` are never claimed again. `error` keeps the last
 * failure's reason even after a retry succeeds, so the log shows why it took more than one attempt.
 */
import type { VendorScope } from '@scorecard/domain/vendors/scope';
import type { Selectable } from 'kysely';
import type { Db } from '../database.ts';
import type { ReportDeliveries } from '../schema.generated.ts';

export type DeliveryRow = Selectable<ReportDeliveries>;
/** As the CHECK of report_deliveries.status (migrations/0006, 0015). */
export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'failed', 'unknown'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * Claims the normal (non-resend) delivery of a vendor-week: inserts it as `sending`, or moves an existing
 * `queued`/`failed` row to `sending`. Returns undefined when another run holds it or it was sent: the
 * unique index (vendor_id, week) makes two concurrent claims serialise, and only one gets a row back.
 */
export async function claimScheduledDelivery(
  db: Db,
  vendorId: number,
  week: string,
  recipients: readonly string[],
): Promise<DeliveryRow | undefined> {
  return db
    .insertInto('report_deliveries')
    .values({
      vendor_id: vendorId,
      week,
      status: 'sending',
      attempts: 1,
      recipients: [...recipients],
      sending_at: new Date(),
    })
    .onConflict((oc) =>
      oc
        .columns(['vendor_id', 'week'])
        .where('resend_of', 'is', null)
        .doUpdateSet((eb) => ({
          status: 'sending',
          attempts: eb('report_deliveries.attempts', '+', 1),
          recipients: [...recipients],
          sending_at: new Date(),
        }))
        .where('report_deliveries.status', 'in', ['queued', 'failed']),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Claims a given delivery row (a resend) the same way. */
export async function claimDelivery(
  db: Db,
  id: number,
  recipients: readonly string[],
): Promise<DeliveryRow | undefined> {
  return db
    .updateTable('report_deliveries')
    .set((eb) => ({
      status: 'sending',
      attempts: eb('attempts', '+', 1),
      recipients: [...recipients],
      sending_at: new Date(),
    }))
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'failed'])
    .returningAll()
    .executeTakeFirst();
}

export async function markDeliverySent(db: Db, id: number, messageId: string, serverResponse: string): Promise<void> {
  await db
    .updateTable('report_deliveries')
    .set({ status: 'sent', message_id: messageId, server_response: serverResponse.slice(0, 1000), sent_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/** `from`: the state the row must be in (a send in progress, or a resend that could not be queued). */
export async function markDeliveryFailed(
  db: Db,
  id: number,
  error: string,
  from: DeliveryStatus = 'sending',
): Promise<void> {
  await db
    .updateTable('report_deliveries')
    .set({ status: 'failed', error: error.slice(0, 2000), failed_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', from)
    .execute();
}

/**
 * The send's outcome cannot be known (the connection broke after the message may have reached the server):
 * the row leaves `sending` for `unknown`, which nothing claims again; a person resolves it.
 */
export async function markDeliveryUnknown(db: Db, id: number, messageId: string, error: string): Promise<void> {
  await db
    .updateTable('report_deliveries')
    .set({ status: 'unknown', message_id: messageId, error: error.slice(0, 2000), unknown_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/**
 * A person checked the server for the Message-ID and found the message: `unknown` → `sent`. Returns the
 * row, or undefined when it is not `unknown` (or outside the scope).
 */
export async function resolveUnknownAsSent(
  db: Db,
  id: number,
  resolvedBy: number | null,
): Promise<DeliveryRow | undefined> {
  return db
    .updateTable('report_deliveries')
    .set({ status: 'sent', sent_at: new Date(), resolved_by: resolvedBy, resolved_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'unknown')
    .returningAll()
    .executeTakeFirst();
}

/** A resend was asked for an `unknown` delivery: that settles it (the row keeps its status, which stays true). */
export async function markUnknownResolved(db: Db, id: number, resolvedBy: number | null): Promise<void> {
  await db
    .updateTable('report_deliveries')
    .set({ resolved_by: resolvedBy, resolved_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'unknown')
    .where('resolved_at', 'is', null)
    .execute();
}

/** The existing normal delivery of a vendor-week, if any (for the job's "already handled" answer). */
export async function findScheduledDelivery(db: Db, vendorId: number, week: string): Promise<DeliveryRow | undefined> {
  return db
    .selectFrom('report_deliveries')
    .selectAll()
    .where('vendor_id', '=', vendorId)
    .where('week', '=', week)
    .where('resend_of', 'is', null)
    .executeTakeFirst();
}

export interface DeliveryListRow extends DeliveryRow {
  vendor_name: string;
}

export interface DeliveryFilter {
  vendorId?: number | undefined;
  week?: string | undefined;
  limit: number;
  offset: number;
}

export async function listDeliveries(
  db: Db,
  scope: VendorScope,
  filter: DeliveryFilter,
): Promise<{ items: DeliveryListRow[]; total: number }> {
  let query = db.selectFrom('report_deliveries as d').innerJoin('vendors as v', 'v.id', 'd.vendor_id');
  if (scope.kind === 'vendor') query = query.where('d.vendor_id', '=', scope.vendorId);
  if (filter.vendorId !== undefined) query = query.where('d.vendor_id', '=', filter.vendorId);
  if (filter.week !== undefined) query = query.where('d.week', '=', filter.week);
  const [items, total] = await Promise.all([
    query
      .selectAll('d')
      .select('v.name as vendor_name')
      .orderBy('d.created_at', 'desc')
      .orderBy('d.id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function findDelivery(db: Db, scope: VendorScope, id: number): Promise<DeliveryListRow | undefined> {
  let query = db
    .selectFrom('report_deliveries as d')
    .innerJoin('vendors as v', 'v.id', 'd.vendor_id')
    .selectAll('d')
    .select('v.name as vendor_name')
    .where('d.id', '=', id);
  if (scope.kind === 'vendor') query = query.where('d.vendor_id', '=', scope.vendorId);
  return query.executeTakeFirst();
}

/** A new `queued` row repeating `original`'s vendor-week on purpose; the normal row is left as it is. */
export async function insertResend(db: Db, original: DeliveryRow, requestedBy: number | null): Promise<DeliveryRow> {
  return db
    .insertInto('report_deliveries')
    .values({
      vendor_id: original.vendor_id,
      week: original.week,
      status: 'queued',
      resend_of: original.resend_of ?? original.id,
      requested_by: requestedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
