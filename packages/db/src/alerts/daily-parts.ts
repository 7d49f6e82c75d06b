/**
 * The additive parts of weekly_parts per vendor × local day (reporting time zone), read from `case_facts`
 * for the week-to-date projections: the weekday pattern of previous weeks and the trailing window.
 * Each case contributes to its arrival, completion and survey day exactly as the recompute attributes it to
 * weeks (packages/db/src/metrics/recompute.ts); daily-parts.int.test.ts holds the two together (a week's
 * days sum to its weekly_parts).
 */
import { emptyParts, PART_KEYS, type Parts } from '@scorecard/domain/metrics/parts';
import { sql } from 'kysely';
import type { Db } from '../database.ts';

export interface DayParts {
  vendorId: number;
  /** 'YYYY-MM-DD', a local day of the reporting time zone. */
  day: string;
  parts: Parts;
}

/** Parts per vendor-day for local days from..to (inclusive), every vendor or one. Days without cases are absent. */
export async function readDailyParts(db: Db, from: string, to: string, vendorId?: number): Promise<DayParts[]> {
  const vendorFilter = vendorId === undefined ? sql`true` : sql`f.vendor_id = ${vendorId}`;
  const result = await sql<Record<string, unknown>>`
    WITH zone AS (SELECT reporting_time_zone AS tz,
                         (${from}::date::timestamp AT TIME ZONE reporting_time_zone) AS from_ts,
                         ((${to}::date + 1)::timestamp AT TIME ZONE reporting_time_zone) AS to_ts
                  FROM organisation_settings)
    SELECT f.vendor_id, a.day::text AS day,
      sum(a.volume) AS volume, sum(a.escalated) AS escalated, sum(a.live_offered) AS "liveOffered",
      sum(a.live_answered_within) AS "liveAnsweredWithin", sum(a.live_abandoned) AS "liveAbandoned",
      sum(a.async_due) AS "asyncDue", sum(a.async_met) AS "asyncMet", sum(a.frt_count) AS "frtCount",
      sum(a.frt_seconds_sum) AS "frtSecondsSum", sum(a.solved) AS solved, sum(a.handle_count) AS "handleCount",
      sum(a.handle_seconds_sum) AS "handleSecondsSum", sum(a.fcr_resolved) AS "fcrResolved",
      sum(a.reopened) AS reopened, sum(a.resolution_count) AS "resolutionCount",
      sum(a.resolution_seconds_sum) AS "resolutionSecondsSum", sum(a.csat_responses) AS "csatResponses",
      sum(a.csat_satisfied) AS "csatSatisfied"
    FROM zone z
    JOIN case_facts f ON (f.created_at >= z.from_ts AND f.created_at < z.to_ts)
                      OR (f.solved_at >= z.from_ts AND f.solved_at < z.to_ts)
                      OR (coalesce(f.csat_at, f.solved_at) >= z.from_ts AND coalesce(f.csat_at, f.solved_at) < z.to_ts)
    CROSS JOIN LATERAL (VALUES
      ((f.created_at AT TIME ZONE z.tz)::date, f.volume, f.escalated, f.live_offered, f.live_answered_within,
       f.live_abandoned, f.async_due, f.async_met, (f.frt_seconds IS NOT NULL)::int, coalesce(f.frt_seconds, 0),
       0, 0, 0::bigint, 0, 0, 0, 0::double precision, 0, 0),
      ((f.solved_at AT TIME ZONE z.tz)::date, 0, 0, 0, 0, 0, 0, 0, 0, 0::double precision,
       f.solved, (f.handle_seconds IS NOT NULL)::int, coalesce(f.handle_seconds, 0)::bigint, f.fcr_resolved,
       f.reopened, f.solved, coalesce(f.resolution_seconds, 0), 0, 0),
      (CASE WHEN f.survey_week IS NOT NULL THEN (coalesce(f.csat_at, f.solved_at) AT TIME ZONE z.tz)::date END,
       0, 0, 0, 0, 0, 0, 0, 0, 0::double precision,
       0, 0, 0::bigint, 0, 0, 0, 0::double precision, f.csat_responded, f.csat_satisfied)
    ) a(day, volume, escalated, live_offered, live_answered_within, live_abandoned, async_due, async_met,
        frt_count, frt_seconds_sum, solved, handle_count, handle_seconds_sum, fcr_resolved, reopened,
        resolution_count, resolution_seconds_sum, csat_responses, csat_satisfied)
    WHERE a.day BETWEEN ${from}::date AND ${to}::date AND ${vendorFilter}
    GROUP BY f.vendor_id, a.day
    ORDER BY f.vendor_id, a.day`.execute(db);
  return result.rows.map((row) => {
    const parts = emptyParts();
    for (const key of PART_KEYS) parts[key] = Number(row[key]);
    return { vendorId: Number(row.vendor_id), day: String(row.day), parts };
  });
}
