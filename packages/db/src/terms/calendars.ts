/**
 * Business-hours calendars: hours and holidays as rows, and their opening intervals materialised by the SQL
 * function calendar_rebuild() (migrations/0007_contract_terms.sql) after every change.
 */
import type { BusinessCalendar, OpeningHours } from '@scorecard/domain/calendars/business-time';
import { sql, type Transaction } from 'kysely';
import type { Db, DB } from '../database.ts';

export interface CalendarInput extends BusinessCalendar {
  name: string;
}
export interface StoredCalendar extends CalendarInput {
  id: number;
  updatedAt: string;
}

/**
 * Every calendar, or with `usedByVendorId` only those that vendor's contract terms name (a vendor user may
 * read the calendars its own terms use, not the other vendors').
 */
export async function listCalendars(db: Db, usedByVendorId?: number): Promise<StoredCalendar[]> {
  let query = db.selectFrom('business_calendars').selectAll().orderBy('name');
  if (usedByVendorId !== undefined) {
    query = query.where('id', 'in', (eb) =>
      eb
        .selectFrom('contract_terms')
        .select('calendar_id')
        .where('vendor_id', '=', usedByVendorId)
        .where('calendar_id', 'is not', null)
        .$narrowType<{ calendar_id: number }>(),
    );
  }
  const calendars = await query.execute();
  if (calendars.length === 0) return [];
  const ids = calendars.map((c) => c.id);
  const hours = await db
    .selectFrom('calendar_hours')
    .selectAll()
    .where('calendar_id', 'in', ids)
    .orderBy('weekday')
    .orderBy('start_minute')
    .execute();
  const holidays = await db
    .selectFrom('calendar_holidays')
    .select(['calendar_id', 'day'])
    .where('calendar_id', 'in', ids)
    .orderBy('day')
    .execute();
  return calendars.map((c) => ({
    id: c.id,
    name: c.name,
    timeZone: c.time_zone,
    updatedAt: c.updated_at.toISOString(),
    hours: hours
      .filter((h) => h.calendar_id === c.id)
      .map((h): OpeningHours => ({ weekday: h.weekday, startMinute: h.start_minute, endMinute: h.end_minute })),
    holidays: holidays.filter((h) => h.calendar_id === c.id).map((h) => h.day),
  }));
}

export async function findCalendar(db: Db, id: number): Promise<StoredCalendar | undefined> {
  return (await listCalendars(db)).find((c) => c.id === id);
}

/** Creates (id undefined) or replaces a calendar's name, zone, hours and holidays; the caller owns the transaction. */
export async function saveCalendar(trx: Transaction<DB>, input: CalendarInput, id?: number): Promise<number> {
  let calendarId: number;
  if (id === undefined) {
    const row = await trx
      .insertInto('business_calendars')
      .values({ name: input.name, time_zone: input.timeZone })
      .returning('id')
      .executeTakeFirstOrThrow();
    calendarId = row.id;
  } else {
    await trx
      .updateTable('business_calendars')
      .set({ name: input.name, time_zone: input.timeZone })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('calendar_hours').where('calendar_id', '=', id).execute();
    await trx.deleteFrom('calendar_holidays').where('calendar_id', '=', id).execute();
    calendarId = id;
  }
  const hours = dedupe(input.hours.map((h) => `${h.weekday}:${h.startMinute}:${h.endMinute}`)).map((key) => {
    const [weekday, start, end] = key.split(':').map(Number);
    return { calendar_id: calendarId, weekday: weekday!, start_minute: start!, end_minute: end! };
  });
  if (hours.length > 0) await trx.insertInto('calendar_hours').values(hours).execute();
  const holidays = dedupe(input.holidays).map((day) => ({ calendar_id: calendarId, day }));
  if (holidays.length > 0) await trx.insertInto('calendar_holidays').values(holidays).execute();
  await sql`SELECT calendar_rebuild(${calendarId}::bigint)`.execute(trx);
  return calendarId;
}

const dedupe = (values: readonly string[]) => [...new Set(values)];

/** Vendors whose terms use the calendar, each with the earliest week those terms apply from. */
export async function calendarUsers(db: Db, calendarId: number): Promise<{ vendorId: number; fromWeek: string }[]> {
  const rows = await db
    .selectFrom('contract_terms')
    .select(['vendor_id', (eb) => eb.fn.min('effective_from').as('from_week')])
    .where('calendar_id', '=', calendarId)
    .groupBy('vendor_id')
    .execute();
  return rows.map((r) => ({ vendorId: r.vendor_id, fromWeek: String(r.from_week) }));
}

export async function deleteCalendar(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('business_calendars').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
