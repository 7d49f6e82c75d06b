/**
 * Drill-down: the cases behind one number, read from the view `case_facts` (the same per-case definition the
 * recompute aggregates), filtered to the metric's attribution period (a week of the scorecard, or a month of
 * a credit statement) in the reporting time zone.
 */
import { metricDefinition, type MetricKey } from '@scorecard/domain/metrics/catalogue';
import type { FactsRow } from '@scorecard/domain/metrics/explain';
import type { VendorScope } from '@scorecard/domain/vendors/scope';
import { PART_KEYS, type CasePartKey, type PartKey } from '@scorecard/domain/metrics/parts';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../database.ts';
import { PART_SQL } from '../credits/month-figures.ts';

/** A local week (from its Monday) or a calendar month (from its first day), 'YYYY-MM-DD'. */
export interface CasePeriod {
  start: string;
  unit: 'week' | 'month';
}

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
  period: CasePeriod;
  metric: MetricKey;
  /**
   * Only the cases counted in the metric's n (a denominator part of the catalogue is non-zero), as a
   * statement line's n counts them; otherwise every case attributed to the period, each with its why.
   */
  contributing?: boolean;
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

// The period's instants in the reporting zone as uncorrelated scalar subqueries: PostgreSQL evaluates them once
// (InitPlans) and uses them as index bounds on cases, so only the period's cases reach the view's per-case
// joins. (A joined bounds row is not pushed below those joins: the whole vendor was computed, 1.6 s at 100 k.)
const fromTs = (period: CasePeriod) =>
  sql`(SELECT ${period.start}::date::timestamp AT TIME ZONE reporting_time_zone FROM organisation_settings)`;
const toTs = (period: CasePeriod) =>
  sql`(SELECT (${period.start}::date + ${sql.raw(period.unit === 'week' ? "interval '7 days'" : "interval '1 month'")})::timestamp AT TIME ZONE reporting_time_zone FROM organisation_settings)`;

const isCasePart = (key: PartKey): key is CasePartKey => (PART_KEYS as readonly PartKey[]).includes(key);

/** The case counts in the metric's n: one of the catalogue's denominator parts of its facts is non-zero. */
function contributes(metric: MetricKey): RawBuilder<unknown> {
  // PART_SQL's expressions read the view under the alias `f`, as the queries here do. Only case metrics reach
  // here (the routes' metric enums are the case metrics); a review metric has no case parts.
  const parts = metricDefinition(metric).denominator.map((key) => {
    if (!isCasePart(key)) throw new Error(`${metric} is not a case metric`);
    return sql.raw(PART_SQL[key][0]);
  });
  return sql`(${sql.join(parts, sql` + `)}) > 0`;
}

/** Conditions on the case columns only (alias `c`), true exactly for the cases the drill-down lists. */
function caseConditions(filter: CaseFilter, c: string): RawBuilder<unknown> {
  const col = (name: string) => sql.ref(`${c}.${name}`);
  const [from, to] = [fromTs(filter.period), toTs(filter.period)];
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
    WHERE ${caseConditions(filter, 'f')}${filter.contributing ? sql` AND ${contributes(filter.metric)}` : sql``}`;
}

/**
 * Counted on `cases` alone: case_facts has exactly one row per case with a vendor (its joins are lateral
 * one-row lookups), and the vendor exists (migrations/0008 trigger), so the per-case facts need not be built.
 */
export async function countCases(db: Db, filter: CaseFilter): Promise<number> {
  // Whether a case contributes is a fact of the view: then the per-case facts are built for the period's cases.
  const result = filter.contributing
    ? await sql<{ total: number }>`
        SELECT count(*)::int AS total FROM case_facts f
        WHERE ${caseConditions(filter, 'f')} AND ${contributes(filter.metric)}`.execute(db)
    : await sql<{ total: number }>`
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
