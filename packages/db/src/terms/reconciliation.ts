/**
 * Reconciliation per vendor-week: each case's figure under its terms (case_facts, both clocks) beside the help
 * desk's own figure (cases.reported), compared by packages/domain/src/terms/reconcile.ts.
 */
import {
  REPORTED_KEYS,
  reconcileCase,
  type ReconcileMetric,
  type ReconcileResult,
} from '@scorecard/domain/terms/reconcile';
import { sql } from 'kysely';
import type { Db } from '../database.ts';

export interface ReconcileRow extends ReconcileResult {
  caseId: number;
  externalId: string;
  createdAt: string;
  eventAt: string | null;
  oursCalendarMinutes: number | null;
  oursBusinessMinutes: number | null;
  theirsCalendarMinutes: number | null;
  theirsBusinessMinutes: number | null;
}

export interface ReconcileQuery {
  vendorId: number;
  week: string;
  metric: ReconcileMetric;
  toleranceMinutes: number;
}

const minutes = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 60) * 100) / 100);
const numberOrNull = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Every case of the vendor-week that carries a reported figure for the metric, compared; mismatches first. */
export async function reconcileVendorWeek(
  db: Db,
  q: ReconcileQuery,
): Promise<{ compared: number; rows: ReconcileRow[] }> {
  const keys = REPORTED_KEYS[q.metric];
  const frt = q.metric === 'frt';
  const result = await sql<Record<string, unknown>>`
    SELECT f.case_id, f.external_id, f.created_at, ${frt ? sql`f.first_response_at` : sql`f.solved_at`} AS event_at,
      ${frt ? sql`f.frt_calendar_seconds` : sql`f.resolution_calendar_seconds`} AS ours_calendar,
      ${frt ? sql`f.frt_business_seconds` : sql`f.resolution_business_seconds`} AS ours_business,
      ${frt ? sql`f.frt_basis` : sql`f.resolution_basis`} AS basis,
      b.name AS calendar_name,
      (c.reported ->> ${keys.calendar})::double precision AS theirs_calendar,
      (c.reported ->> ${keys.business})::double precision AS theirs_business
    FROM case_facts f
    JOIN cases c ON c.id = f.case_id
    LEFT JOIN business_calendars b ON b.id = f.calendar_id
    WHERE f.vendor_id = ${q.vendorId}
      AND ${frt ? sql`f.arrival_week` : sql`f.completion_week`} = ${q.week}::date
      AND (c.reported ? ${keys.calendar} OR c.reported ? ${keys.business})
    ORDER BY f.created_at, f.case_id`.execute(db);
  const rows: ReconcileRow[] = [];
  for (const r of result.rows) {
    const input = {
      oursCalendarSeconds: numberOrNull(r.ours_calendar),
      oursBusinessSeconds: numberOrNull(r.ours_business),
      theirsCalendarMinutes: numberOrNull(r.theirs_calendar),
      theirsBusinessMinutes: numberOrNull(r.theirs_business),
      basis: r.basis as 'calendar' | 'business',
      calendarName: r.calendar_name as string | null,
    };
    const compared = reconcileCase(input, q.toleranceMinutes);
    if (!compared) continue;
    rows.push({
      ...compared,
      caseId: Number(r.case_id),
      externalId: String(r.external_id),
      createdAt: (r.created_at as Date).toISOString(),
      eventAt: r.event_at ? (r.event_at as Date).toISOString() : null,
      oursCalendarMinutes: minutes(input.oursCalendarSeconds),
      oursBusinessMinutes: minutes(input.oursBusinessSeconds),
      theirsCalendarMinutes: input.theirsCalendarMinutes,
      theirsBusinessMinutes: input.theirsBusinessMinutes,
    });
  }
  rows.sort((a, b) => Number(a.matches) - Number(b.matches));
  return { compared: rows.length, rows };
}
