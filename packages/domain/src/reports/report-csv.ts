/**
 * The report attachment: the raw cases of one vendor-week as formula-safe CSV. A case belongs to a week's
 * report when any of its attribution weeks (arrival, completion, survey) is that week: exactly the cases
 * behind the week's figures. The vendor column is left out on purpose: every row is the recipient's own.
 */
import { csvLine, type CsvValue } from '../csv.ts';

export interface ReportCaseRow {
  source: string;
  externalId: string;
  site: string | null;
  queue: string | null;
  channel: string;
  tier: number | null;
  customerId: string | null;
  agentId: string | null;
  createdAt: Date;
  firstResponseAt: Date | null;
  solvedAt: Date | null;
  status: string | null;
  reopenCount: number | null;
  handleSeconds: number | null;
  waitSeconds: number | null;
  answered: boolean | null;
  abandoned: boolean | null;
  csatScore: number | null;
  csatScale: number | null;
  csatAt: Date | null;
  escalated: boolean | null;
  firstContactResolved: boolean | null;
  updatedAt: Date | null;
  /** Which of the week's figures the case counts in. */
  inArrivalWeek: boolean;
  inCompletionWeek: boolean;
  inSurveyWeek: boolean;
}

export const REPORT_CSV_HEADER = [
  'source',
  'external_id',
  'site',
  'queue',
  'channel',
  'tier',
  'customer_id',
  'agent_id',
  'created_at',
  'first_response_at',
  'solved_at',
  'status',
  'reopen_count',
  'handle_seconds',
  'wait_seconds',
  'answered',
  'abandoned',
  'csat_score',
  'csat_scale',
  'csat_at',
  'escalated',
  'first_contact_resolved',
  'updated_at',
  'created_this_week',
  'solved_this_week',
  'surveyed_this_week',
] as const;

export function reportCsvCells(row: ReportCaseRow): CsvValue[] {
  return [
    row.source,
    row.externalId,
    row.site,
    row.queue,
    row.channel,
    row.tier,
    row.customerId,
    row.agentId,
    row.createdAt,
    row.firstResponseAt,
    row.solvedAt,
    row.status,
    row.reopenCount,
    row.handleSeconds,
    row.waitSeconds,
    row.answered,
    row.abandoned,
    row.csatScore,
    row.csatScale,
    row.csatAt,
    row.escalated,
    row.firstContactResolved,
    row.updatedAt,
    row.inArrivalWeek,
    row.inCompletionWeek,
    row.inSurveyWeek,
  ];
}

export function reportCsvHeaderLine(): string {
  return csvLine(REPORT_CSV_HEADER);
}

export function reportCsvLine(row: ReportCaseRow): string {
  return csvLine(reportCsvCells(row));
}
