/**
 * Drill-down: the cases behind one number, read from the view `case_facts` (the same per-case definition the
 * recompute aggregates), filtered to the metric's attribution week in the reporting time zone.
 */
import type { Db } from '../database.ts';
import { metricDefinition, type MetricKey } from '@scorecard/domain/metrics/catalogue';
import type { FactsRow } from '@scorecard/domain/metrics/explain';
import type { VendorScope } from '../plans/plans.ts';
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
  /** Both clocks, whichever the terms counted (frtSeconds / resolutionSeconds). */
  frtCalendarSeconds: number | null;
  frtBusinessSeconds: number | null;
  resolutionCalendarSeconds: number | null;
  resolutionBusinessSeconds: number | null;
  frtBasis: string;
  resolutionBasis: string;
}

// The week's instants in the reporting zone as uncorrelated scalar subqueries: PostgreSQL evaluates them once
// (InitPlans) and uses them as index bounds on cases, so only the week's cases reach the view's per-case joins.
// (A joined bounds row is not pushed below those joins: the whole vendor was computed, 1.6 s at 100 k cases.)
const fromTs = (week: string) =>
  sql`(SELECT ${week}::date::timestamp AT TIME ZONE reporting_time_zone FROM organisation_settings)`;
const toTs = (week: string) =>
  sql`(SELECT (${week}::date + 7)::timestamp AT TIME ZONE reporting_time_zone FROM organisation_settings)`;

/** Conditions on the case columns only (alias `c`), true exactly for the cases the drill-down lists. */
function caseConditions(filter: CaseFilter, c: string): RawBuilder<unknown> {
  const col = (name: string) => sql.ref(`${c}.${name}`);
  const [from, to] = [fromTs(filter.week), toTs(filter.week)];
  const within = (column: string) => sql`${col(column)} >= ${from} AND ${col(column)} < ${to}`;
  const attribution = metricDefinition(filter.metric).attribution;
  const conditions = [sql`${col('vendor_id')} IS NOT NULL`];
  if (attribution === 'arrival') conditions.push(within('created_at'));
  if (attribution === 'completion') conditions.push(within('solved_at'));
  if (attribution === 'survey') {
    // coalesce(csat_at, solved_at) in the week, spelt so that each branch has its (vendor, time) index.
    conditions.push(
      sql`${col('csat_score')} IS NOT NULL`,
      sql`((${within('csat_at')}) OR (${col('csat_at')} IS NULL AND ${within('solved_at')}))`,
    );
  }
  if (filter.vendorId !== undefined) conditions.push(sql`${col('vendor_id')} = ${filter.vendorId}`);
  if (filter.queue !== undefined) conditions.push(sql`${col('queue')} = ${filter.queue}`);
  if (filter.channel !== undefined) conditions.push(sql`${col('channel')} = ${filter.channel}`);
  return sql.join(conditions, sql` AND `);
}

function where(filter: CaseFilter): RawBuilder<unknown> {
  return sql`FROM case_facts f
    JOIN vendors v ON v.id = f.vendor_id
    LEFT JOIN cases r ON r.id = f.repeat_contact_id
    WHERE ${caseConditions(filter, 'f')}`;
}

/**
 * Counted on `cases` alone: case_facts has exactly one row per case with a vendor (its joins are lateral
 * one-row lookups), and the vendor exists (migrations/0008 trigger), so the per-case facts need not be built.
 */
export async function countCases(db: Db, filter: CaseFilter): Promise<number> {
  const result = await sql<{ total: number }>`
    SELECT count(*)::int AS total FROM cases c WHERE ${caseConditions(filter, 'c')}`.execute(db);
  return result.rows[0]?.total ?? 0;
}

/**
 * `viewer`: who reads. A vendor user learns that a repeat contact exists, never which case of another
 * vendor it was (SPEC FCR counts repeat contacts across vendors; the evidence stays within the vendor).
 */
export async function findCases(
  db: Db,
  viewer: VendorScope,
  filter: CaseFilter,
  page: { sort: SortKey; order: 'asc' | 'desc'; limit: number; offset: number },
): Promise<CaseRow[]> {
  const direction = page.order === 'asc' ? sql`ASC NULLS LAST` : sql`DESC NULLS LAST`;
  const repeatShown =
    viewer.kind === 'all'
      ? sql`true`
      : sql`coalesce(r.vendor_id = f.vendor_id AND r.vendor_id = ${viewer.vendorId}, false)`;
  const result = await sql<CaseRow>`
    SELECT f.case_id AS "caseId", f.source, f.external_id AS "externalId", f.vendor_id AS "vendorId",
      v.name AS "vendorName", f.queue, f.channel, f.tier, f.site, f.created_at AS "createdAt",
      f.first_response_at AS "firstResponseAt", f.solved_at AS "solvedAt", f.csat_at AS "csatAt",
      f.escalated, f.live_offered AS "liveOffered", f.live_answered_within AS "liveAnsweredWithin",
      f.live_abandoned AS "liveAbandoned", f.live_short_abandon AS "liveShortAbandon",
      f.live_wait_seconds AS "liveWaitSeconds", f.live_threshold_seconds AS "liveThresholdSeconds",
      f.async_due AS "asyncDue", f.async_met AS "asyncMet", f.async_sla_seconds AS "asyncSlaSeconds",
      f.frt_seconds AS "frtSeconds", f.solved, f.handle_seconds AS "handleSeconds", f.fcr_resolved AS "fcrResolved",
      f.fcr_flag AS "fcrFlag", f.reopen_count AS "reopenCount",
      CASE WHEN ${repeatShown} THEN r.external_id END AS "repeatContactExternalId",
      (r.id IS NOT NULL AND NOT ${repeatShown}) AS "repeatContactHidden",
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
