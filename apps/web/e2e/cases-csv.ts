/**
 * Small generic-format CSVs made in the tests (one column per field of the canonical case record),
 * so that every number the browser shows can be worked out by hand.
 */
import { addWeeks, weekLabel, weekOf, type WeekStart } from '../../../packages/domain/src/weeks.ts';
import { DEMO_COLUMNS, type DemoColumn } from '../../../scripts/demo/generate.ts';

// The generic import format's columns, as the demo generator writes them: one definition for both.
const COLUMNS = DEMO_COLUMNS;
type Column = DemoColumn;
export type CaseRow = Partial<Record<Column, string>>;

/** The last two complete ISO weeks (UTC) before now: imports are taken after the week ends. */
export function recentWeeks(now = new Date()): {
  older: WeekStart;
  newer: WeekStart;
  olderLabel: string;
  newerLabel: string;
} {
  const newer = addWeeks(weekOf(now, 'UTC'), -1);
  const older = addWeeks(newer, -1);
  return { older, newer, olderLabel: weekLabel(older), newerLabel: weekLabel(newer) };
}

let counter = 0;

/** An email case created on `day` (the week's Monday + offset), answered after 1 h, solved after 3 h. */
export function emailCase(vendor: string, week: WeekStart, overrides: CaseRow = {}, dayOffset = 1): CaseRow {
  counter += 1;
  const created = new Date(`${week}T09:00:00Z`);
  created.setUTCDate(created.getUTCDate() + dayOffset);
  const at = (hours: number) => new Date(created.getTime() + hours * 3_600_000).toISOString().replace('.000Z', 'Z');
  return {
    external_id: `E2E-${String(counter).padStart(6, '0')}`,
    vendor,
    site: 'Lisbon',
    queue: 'Buyer',
    channel: 'email',
    tier: '1',
    customer_id: `CUS-${counter}`,
    agent_id: 'AG-1',
    created_at: at(0),
    first_response_at: at(1),
    solved_at: at(3),
    status: 'solved',
    reopen_count: '0',
    handle_seconds: '600',
    escalated: 'false',
    updated_at: at(3),
    ...overrides,
  };
}

export function toGenericCsv(rows: readonly CaseRow[]): string {
  const lines = rows.map((row) => COLUMNS.map((column) => row[column] ?? '').join(','));
  return [COLUMNS.join(','), ...lines].join('\n') + '\n';
}

export function repeat(count: number, make: () => CaseRow): CaseRow[] {
  return Array.from({ length: count }, make);
}
