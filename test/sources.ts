/** Helpers for the import source tests: Zendesk-preset CSV files and waiting for pulls by polling the database. */
import { setTimeout as delay } from 'node:timers/promises';
import type { Db } from '../packages/db/src/database.ts';

export interface TicketRow {
  id: string;
  group: string;
  via: string;
  createdAt: string;
  solvedAt: string;
  score: string;
}

/** A file in the Zendesk CSV preset's columns; `bad` rows are appended verbatim (each must be rejected). */
export function zendeskCsv(rows: readonly TicketRow[], bad: readonly string[] = []): string {
  const header = 'Id,Group,Via,Created at,Solved at,Satisfaction Score';
  const lines = rows.map((r) => [r.id, r.group, r.via, r.createdAt, r.solvedAt, r.score].join(','));
  return [header, ...lines, ...bad, ''].join('\r\n');
}

export interface FinishedRun {
  id: number;
  status: string;
  items_found: number;
  imports_created: number;
  error: string | null;
}

/** Polls until the source has `count` finished runs (and no running one); returns them oldest first. */
export async function waitForRuns(db: Db, sourceId: number, count: number, timeoutMs = 30_000): Promise<FinishedRun[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs = await db
      .selectFrom('import_source_runs')
      .select(['id', 'status', 'items_found', 'imports_created', 'error'])
      .where('source_id', '=', sourceId)
      .orderBy('id')
      .execute();
    if (runs.length >= count && runs.every((r) => r.status !== 'running')) return runs;
    if (Date.now() > deadline) throw new Error(`source ${sourceId}: ${JSON.stringify(runs)} after ${timeoutMs} ms`);
    await delay(100);
  }
}

/** Polls until no import is queued or running. */
export async function waitForImportsSettled(db: Db, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await db.selectFrom('imports').select('id').where('status', 'in', ['queued', 'running']).execute();
    if (open.length === 0) return;
    if (Date.now() > deadline) throw new Error(`imports ${open.map((o) => o.id).join(', ')} still open`);
    await delay(100);
  }
}
