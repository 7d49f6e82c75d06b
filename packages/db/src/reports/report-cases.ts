/**
 * The raw cases behind one vendor-week's report (see packages/domain/src/reports/report-csv.ts for which
 * cases). Filtered to the vendor in SQL; weeks in the organisation's reporting time zone via case_facts.
 */
import type { ReportCaseRow } from '@scorecard/domain/reports/report-csv';
import type { WeekStart } from '@scorecard/domain/weeks';
import { sql } from 'kysely';
import type { Db } from '../database.ts';

const PAGE_ROWS = 5_000;

interface Row {
  id: number;
  source: string;
  external_id: string;
  site: string | null;
  queue: string | null;
  channel: string;
  tier: number | null;
  customer_id: string | null;
  agent_id: string | null;
  created_at: Date;
  first_response_at: Date | null;
  solved_at: Date | null;
  status: string | null;
  reopen_count: number | null;
  handle_seconds: number | null;
  wait_seconds: number | null;
  answered: boolean | null;
  abandoned: boolean | null;
  csat_score: number | null;
  csat_scale: number | null;
  csat_at: Date | null;
  escalated: boolean | null;
  first_contact_resolved: boolean | null;
  updated_at: Date | null;
  in_arrival_week: boolean;
  in_completion_week: boolean;
  in_survey_week: boolean;
}

/**
 * Pages through the cases by id (keyset), so memory holds one page at a time whatever the week's size.
 * The time-range prefilter (index-backed, wider than any zone offset; a survey without its own time falls
 * back to solved_at, covered too) keeps the view's per-case work to the cases near the week.
 */
export async function* streamReportCases(db: Db, vendorId: number, week: WeekStart): AsyncGenerator<ReportCaseRow> {
  let afterId = 0;
  for (;;) {
    const { rows } = await sql<Row>`
      WITH near AS (
        SELECT c.id FROM cases c
        WHERE c.vendor_id = ${vendorId} AND c.id > ${afterId}
          AND (c.created_at BETWEEN ${week}::date - 2 AND ${week}::date + 9
            OR c.solved_at BETWEEN ${week}::date - 2 AND ${week}::date + 9
            OR c.csat_at BETWEEN ${week}::date - 2 AND ${week}::date + 9)
      )
      SELECT c.id, c.source, c.external_id, c.site, c.queue, c.channel, c.tier, c.customer_id, c.agent_id,
             c.created_at, c.first_response_at, c.solved_at, c.status, c.reopen_count, c.handle_seconds,
             c.wait_seconds, c.answered, c.abandoned, c.csat_score, c.csat_scale, c.csat_at, c.escalated,
             c.first_contact_resolved, c.updated_at,
             f.arrival_week = ${week}::date AS in_arrival_week,
             coalesce(f.completion_week = ${week}::date, false) AS in_completion_week,
             coalesce(f.survey_week = ${week}::date, false) AS in_survey_week
      FROM case_facts f
      JOIN cases c ON c.id = f.case_id
      WHERE f.case_id IN (SELECT id FROM near) AND f.vendor_id = ${vendorId}
        AND (f.arrival_week = ${week}::date OR f.completion_week = ${week}::date OR f.survey_week = ${week}::date)
      ORDER BY c.id
      LIMIT ${PAGE_ROWS}`.execute(db);
    for (const r of rows) yield toCaseRow(r);
    const last = rows.at(-1);
    if (!last || rows.length < PAGE_ROWS) return;
    afterId = last.id;
  }
}

function toCaseRow(r: Row): ReportCaseRow {
  return {
    source: r.source,
    externalId: r.external_id,
    site: r.site,
    queue: r.queue,
    channel: r.channel,
    tier: r.tier,
    customerId: r.customer_id,
    agentId: r.agent_id,
    createdAt: r.created_at,
    firstResponseAt: r.first_response_at,
    solvedAt: r.solved_at,
    status: r.status,
    reopenCount: r.reopen_count,
    handleSeconds: r.handle_seconds,
    waitSeconds: r.wait_seconds,
    answered: r.answered,
    abandoned: r.abandoned,
    csatScore: r.csat_score,
    csatScale: r.csat_scale,
    csatAt: r.csat_at,
    escalated: r.escalated,
    firstContactResolved: r.first_contact_resolved,
    updatedAt: r.updated_at,
    inArrivalWeek: r.in_arrival_week,
    inCompletionWeek: r.in_completion_week,
    inSurveyWeek: r.in_survey_week,
  };
}
