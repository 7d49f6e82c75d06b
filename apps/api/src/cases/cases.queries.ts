/**
 * Drill-down: the cases behind one number, read from the view `case_facts` (the same per-case definition the
 * recompute aggregates), filtered to the metric's attribution week in the reporting time zone.
 */
import type { Db } from '@scorecard/db/database';
import { metricDefinition, type MetricKey } from '@scorecard/domain/metrics/catalogue';
import type { FactsRow } from '@scorecard/domain/metrics/explain';
import { sql, type RawBuilder } from 'kysely';

export const SORTS = {
  createdAt: 'f.created_at',
  solvedAt: 'f.solved_at',
  externalId: 'f.external_id',
  frtSeconds: 'f.frt_seconds',
  resolutionSeconds: 'f.resolution_seconds',
  handleSeconds: 'f.handle_seconds',
} as const;
export type SortKey = keyof typeof SORTS;

export interface CaseFilter {
  /** Restricts to one vendor: the caller's scope or the vendorId asked for. */
  vendorId?: number;
  week: string;
  metric: MetricKey;
  queue?: string;
  channel?: string;
}

export interface CaseRow extends FactsRow {
  caseId: number;
  source: string;
  externalId: string;
  vendorId: number;
  vendorName: string;
  queue: string | null;
  tier: number | null;
  site: string | null;
  createdAt: Date;
  firstResponseAt: Date | null;
  solvedAt: Date | null;
  csatAt: Date | null;
  /** Issue 12: both clocks, whichever the terms counted (frtSeconds / resolutionSeconds). */
  frtCalendarSeconds: number | null;
  frtBusinessSeconds: number | null;
  resolutionCalendarSeconds: number | null;
  resolutionBusinessSeconds: number | null;
  frtBasis: string;
  resolutionBasis: string;
}

function where(filter: CaseFilter): RawBuilder<unknown> {
  // The attribution timestamp of the metric, bounded by the week's instants: index-backed per vendor.
  const at = { arrival: sql`f.created_at`, completion: sql`f.solved_at`, survey: sql`coalesce(f.csat_at, f.solved_at)` }[
    metricDefinition(filter.metric).attribution
  ];
  const conditions = [sql`${at} >= b.from_ts`, sql`${at} < b.to_ts`];
  if (metricDefinition(filter.metric).attribution === 'survey') conditions.push(sql`f.csat_score IS NOT NULL`);
  if (filter.vendorId !== undefined) conditions.push(sql`f.vendor_id = ${filter.vendorId}`);
  if (filter.queue !== undefined) conditions.push(sql`f.queue = ${filter.queue}`);
  if (filter.channel !== undefined) conditions.push(sql`f.channel = ${filter.channel}`);
  return sql`FROM case_facts f
    JOIN vendors v ON v.id = f.vendor_id
    CROSS JOIN (SELECT (${filter.week}::date::timestamp AT TIME ZONE reporting_time_zone) AS from_ts,
                       ((${filter.week}::date + 7)::timestamp AT TIME ZONE reporting_time_zone) AS to_ts
                FROM organisation_settings) b
    LEFT JOIN cases r ON r.id = f.repeat_contact_id
    WHERE ${sql.join(conditions, sql` AND `)}`;
}

export async function countCases(db: Db, filter: CaseFilter): Promise<number> {
  const result = await sql<{ total: number }>`SELECT count(*)::int AS total ${where(filter)}`.execute(db);
  return result.rows[0]?.total ?? 0;
}

export async function findCases(
  db: Db,
  filter: CaseFilter,
  page: { sort: SortKey; order: 'asc' | 'desc'; limit: number; offset: number },
): Promise<CaseRow[]> {
  const direction = page.order === 'asc' ? sql`ASC NULLS LAST` : sql`DESC NULLS LAST`;
  const result = await sql<CaseRow>`
    SELECT f.case_id AS "caseId", f.source, f.external_id AS "externalId", f.vendor_id AS "vendorId",
      v.name AS "vendorName", f.queue, f.channel, f.tier, f.site, f.created_at AS "createdAt",
      f.first_response_at AS "firstResponseAt", f.solved_at AS "solvedAt", f.csat_at AS "csatAt",
      f.escalated, f.live_offered AS "liveOffered", f.live_answered_within AS "liveAnsweredWithin",
      f.live_abandoned AS "liveAbandoned", f.live_short_abandon AS "liveShortAbandon",
      f.live_wait_seconds AS "liveWaitSeconds", f.live_threshold_seconds AS "liveThresholdSeconds",
      f.async_due AS "asyncDue", f.async_met AS "asyncMet", f.async_sla_seconds AS "asyncSlaSeconds",
      f.frt_seconds AS "frtSeconds", f.solved, f.handle_seconds AS "handleSeconds", f.fcr_resolved AS "fcrResolved",
      f.fcr_flag AS "fcrFlag", f.reopen_count AS "reopenCount", r.external_id AS "repeatContactExternalId",
      f.repeat_window_seconds AS "repeatWindowSeconds", f.resolution_seconds AS "resolutionSeconds",
      f.csat_responded AS "csatResponded", f.csat_satisfied AS "csatSatisfied", f.csat_score AS "csatScore",
      f.csat_scale AS "csatScale", f.satisfied_score AS "satisfiedScore",
      f.frt_calendar_seconds AS "frtCalendarSeconds", f.frt_business_seconds AS "frtBusinessSeconds",
      f.resolution_calendar_seconds AS "resolutionCalendarSeconds",
      f.resolution_business_seconds AS "resolutionBusinessSeconds", f.frt_basis AS "frtBasis", f.resolution_basis AS "resolutionBasis"
    ${where(filter)}
    ORDER BY ${sql.raw(SORTS[page.sort])} ${direction}, f.case_id ${direction}
    LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  return result.rows;
}
