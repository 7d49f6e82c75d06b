/**
 * Zendesk's incremental ticket export (cursor based, `include=metric_sets,groups`) read onto the columns of the
 * Zendesk CSV preset, so a pulled page is imported by the same preset as an uploaded export and lands on the
 * same canonical record. Timestamps are written in UTC as `YYYY-MM-DD HH:MM:SS`: a Zendesk source reads its
 * pages in UTC whatever its account zone. The page shape is Zendesk's documented one (tickets, metric_sets,
 * groups, after_cursor, end_of_stream).
 */

export interface ZendeskTicket {
  id: number;
  created_at: string;
  updated_at?: string | null;
  status?: string | null;
  priority?: string | null;
  group_id?: number | null;
  brand_id?: number | null;
  requester_id?: number | null;
  assignee_id?: number | null;
  via?: { channel?: string | null } | null;
  satisfaction_rating?: { score?: string | null } | null;
}

interface Minutes {
  calendar?: number | null;
  business?: number | null;
}

export interface ZendeskMetricSet {
  ticket_id: number;
  solved_at?: string | null;
  reopens?: number | null;
  replies?: number | null;
  reply_time_in_minutes?: Minutes | null;
  full_resolution_time_in_minutes?: Minutes | null;
  requester_wait_time_in_minutes?: Minutes | null;
}

export interface ZendeskPage {
  tickets: ZendeskTicket[];
  metric_sets?: ZendeskMetricSet[];
  groups?: { id: number; name: string }[];
  after_cursor: string | null;
  end_of_stream: boolean;
}

/** Column names of the Zendesk CSV preset (packages/domain/src/mapping/presets/zendesk.ts). */
export const ZENDESK_COLUMNS = [
  'Id',
  'Requester id',
  'Group',
  'Status',
  'Priority',
  'Via',
  'Created at',
  'Updated at',
  'Solved at',
  'Satisfaction Score',
  'Reopens',
  'Replies',
  'First reply time in minutes',
  'First reply time in minutes within business hours',
  'Full resolution time in minutes',
  'Full resolution time in minutes within business hours',
  'Requester wait time in minutes',
  'Assignee',
] as const;

/** `2026-11-16T09:30:00Z` → `2026-11-16 09:30:00` (UTC); empty for no timestamp. */
export function utcTimestamp(iso: string | null | undefined): string {
  if (!iso) return '';
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return instant.toISOString().slice(0, 19).replace('T', ' ');
}

function text(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/**
 * One row per ticket, cells in ZENDESK_COLUMNS order. A ticket without a group keeps its group id (or
 * nothing), so its case stays unattributed exactly as an uploaded export without a Group would.
 */
export function zendeskPageRows(page: ZendeskPage): string[][] {
  const metrics = new Map((page.metric_sets ?? []).map((m) => [m.ticket_id, m]));
  const groups = new Map((page.groups ?? []).map((g) => [g.id, g.name]));
  return page.tickets.map((t) => {
    const m = metrics.get(t.id);
    const group = t.group_id === null || t.group_id === undefined ? '' : (groups.get(t.group_id) ?? String(t.group_id));
    return [
      text(t.id),
      text(t.requester_id),
      group,
      text(t.status),
      text(t.priority),
      text(t.via?.channel),
      utcTimestamp(t.created_at),
      utcTimestamp(t.updated_at),
      utcTimestamp(m?.solved_at),
      text(t.satisfaction_rating?.score),
      text(m?.reopens),
      text(m?.replies),
      text(m?.reply_time_in_minutes?.calendar),
      text(m?.reply_time_in_minutes?.business),
      text(m?.full_resolution_time_in_minutes?.calendar),
      text(m?.full_resolution_time_in_minutes?.business),
      text(m?.requester_wait_time_in_minutes?.calendar),
      text(t.assignee_id),
    ];
  });
}

/** The page as an RFC 4180 CSV file (header row first). Cells are kept verbatim: this is input, not a download. */
export function zendeskPageCsv(page: ZendeskPage): string {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  return [ZENDESK_COLUMNS as readonly string[], ...zendeskPageRows(page)]
    .map((cells) => `${cells.map(quote).join(',')}\r\n`)
    .join('');
}
