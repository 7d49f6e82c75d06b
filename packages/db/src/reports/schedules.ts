/**
 * Report schedules per vendor. A vendor without a stored row has the default schedule (docs/definitions.md: Monday 09:00
 * in the vendor's time zone, enabled), so every vendor, new ones included, gets its weekly report.
 */
import type { Db } from '../database.ts';

export const DEFAULT_REPORT_CRON = '0 9 * * 1';

export interface ReportSchedule {
  vendorId: number;
  vendorName: string;
  timeZone: string;
  cron: string;
  enabled: boolean;
  /** false when the vendor runs on the default (no stored row). */
  stored: boolean;
  recipients: string[];
  /** An archived vendor's schedule is kept but not in force (enabled false). */
  vendorArchived: boolean;
}

function baseQuery(db: Db) {
  return db
    .selectFrom('vendors as v')
    .leftJoin('report_schedules as s', 's.vendor_id', 'v.id')
    .select(['v.id', 'v.name', 'v.time_zone', 'v.report_recipients', 'v.archived_at', 's.cron', 's.enabled']);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toSchedule(r: Row): ReportSchedule {
  return {
    vendorId: r.id,
    vendorName: r.name,
    timeZone: r.time_zone,
    cron: r.cron ?? DEFAULT_REPORT_CRON,
    // An archived vendor is sent nothing; its stored choice is kept and applies again once it is restored.
    enabled: (r.enabled ?? true) && r.archived_at === null,
    stored: r.cron !== null,
    recipients: r.report_recipients,
    vendorArchived: r.archived_at !== null,
  };
}

/** Every vendor's schedule, or one vendor's (a vendor user's scope); archived vendors have none. */
export async function listReportSchedules(db: Db, vendorId?: number): Promise<ReportSchedule[]> {
  let query = baseQuery(db).where('v.archived_at', 'is', null).orderBy('v.id');
  if (vendorId !== undefined) query = query.where('v.id', '=', vendorId);
  return (await query.execute()).map(toSchedule);
}

export async function findReportSchedule(db: Db, vendorId: number): Promise<ReportSchedule | undefined> {
  const row = await baseQuery(db).where('v.id', '=', vendorId).executeTakeFirst();
  return row ? toSchedule(row) : undefined;
}

export async function saveReportSchedule(db: Db, vendorId: number, cron: string, enabled: boolean): Promise<void> {
  await db
    .insertInto('report_schedules')
    .values({ vendor_id: vendorId, cron, enabled })
    .onConflict((oc) => oc.column('vendor_id').doUpdateSet({ cron, enabled, updated_at: new Date() }))
    .execute();
}
