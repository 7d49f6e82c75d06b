/**
 * The statement inputs as finance reviews them on the dashboard: a vendor's volume forecasts by month and its
 * relief events with their agreement, newest first.
 */
import type { Db } from '../database.ts';
import { monthOf } from './statements.ts';

export interface ForecastRow {
  month: string;
  forecast: number;
  source: string;
  updatedAt: string;
}

export async function listForecasts(db: Db, vendorId: number): Promise<ForecastRow[]> {
  const rows = await db
    .selectFrom('volume_forecasts')
    .select(['month', 'forecast', 'source', 'updated_at'])
    .where('vendor_id', '=', vendorId)
    .orderBy('month', 'desc')
    .execute();
  return rows.map((r) => ({
    month: monthOf(r.month),
    forecast: r.forecast,
    source: r.source,
    updatedAt: r.updated_at.toISOString(),
  }));
}

export interface ReliefEventRow {
  id: number;
  title: string;
  startsAt: string;
  endsAt: string;
  metrics: string[];
  caseIds: number[];
  agreedAt: string | null;
}

export async function listReliefEvents(db: Db, vendorId: number): Promise<ReliefEventRow[]> {
  const rows = await db
    .selectFrom('relief_events')
    .select(['id', 'title', 'starts_at', 'ends_at', 'metrics', 'case_ids', 'agreed_at'])
    .where('vendor_id', '=', vendorId)
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    title: r.title,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    metrics: r.metrics,
    caseIds: r.case_ids.map(Number),
    agreedAt: r.agreed_at?.toISOString() ?? null,
  }));
}

export interface NewReliefEvent {
  vendorId: number;
  title: string;
  startsAt: string;
  endsAt: string;
  metrics: string[];
  caseIds: number[];
  /** Who agreed, when the event is recorded as agreed already; null for an event awaiting agreement. */
  agreedBy: { userId: number | null } | null;
}

export async function insertReliefEvent(db: Db, event: NewReliefEvent): Promise<number> {
  const { id } = await db
    .insertInto('relief_events')
    .values({
      vendor_id: event.vendorId,
      title: event.title,
      starts_at: event.startsAt,
      ends_at: event.endsAt,
      metrics: event.metrics,
      case_ids: event.caseIds,
      agreed_at: event.agreedBy ? new Date() : null,
      agreed_by: event.agreedBy?.userId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Records the client's agreement once; false when there is no event awaiting it. */
export async function agreeReliefEvent(db: Db, id: number, userId: number | null): Promise<boolean> {
  const agreed = await db
    .updateTable('relief_events')
    .set({ agreed_at: new Date(), agreed_by: userId })
    .where('id', '=', id)
    .where('agreed_at', 'is', null)
    .executeTakeFirst();
  return agreed.numUpdatedRows > 0n;
}

export async function readHideAmountsFromOps(db: Db): Promise<boolean> {
  const settings = await db
    .selectFrom('organisation_settings')
    .select('hide_amounts_from_ops')
    .executeTakeFirstOrThrow();
  return settings.hide_amounts_from_ops;
}

export async function writeHideAmountsFromOps(db: Db, hide: boolean): Promise<void> {
  await db.updateTable('organisation_settings').set({ hide_amounts_from_ops: hide, updated_at: new Date() }).execute();
}

/** The forecast of a month as entered on the dashboard; replaces an earlier one of the same month. */
export async function upsertEnteredForecast(db: Db, vendorId: number, month: string, forecast: number): Promise<void> {
  await db
    .insertInto('volume_forecasts')
    .values({ vendor_id: vendorId, month, forecast, source: 'entered' })
    .onConflict((oc) =>
      oc.columns(['vendor_id', 'month']).doUpdateSet({ forecast, source: 'entered', updated_at: new Date() }),
    )
    .execute();
}
