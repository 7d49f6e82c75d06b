/** Query functions for the `imports` row and its rejects, shared by the API and the worker. */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../database.ts';
import type { Imports } from '../schema.generated.ts';

export type ImportRow = Selectable<Imports>;
export type NewImport = Pick<
  Insertable<Imports>,
  | 'kind'
  | 'file_name'
  | 'stored_path'
  | 'file_bytes'
  | 'sha256'
  | 'mapping_sha256'
  | 'source'
  | 'preset_key'
  | 'preset_version'
  | 'mapping'
  | 'source_time_zone'
>;

export interface RejectRow {
  line: number;
  column: string | null;
  reason: string;
  raw: string;
}

export async function findImport(db: Db, id: number): Promise<ImportRow | undefined> {
  return db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The live import (queued, running or succeeded) of these bytes read this way, if any: an import's identity is
 * (file sha-256, mapping sha-256), the second naming the mapping document and source time zone
 * (`mappingSha256` in @scorecard/domain/mapping/identity).
 */
export async function findLiveImport(
  db: Db,
  identity: { sha256: string; mappingSha256: string },
): Promise<ImportRow | undefined> {
  return db
    .selectFrom('imports')
    .selectAll()
    .where('sha256', '=', identity.sha256)
    .where('mapping_sha256', '=', identity.mappingSha256)
    .where('status', 'in', ['queued', 'running', 'succeeded'])
    .executeTakeFirst();
}

export async function insertImport(db: Db, row: NewImport): Promise<ImportRow> {
  return db
    .insertInto('imports')
    .values({ ...row, status: 'queued' })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The same bytes read the same way again: recorded, not processed, pointing at the live import of them. */
export async function insertDuplicate(db: Db, row: NewImport, duplicateOf: number): Promise<ImportRow> {
  return db
    .insertInto('imports')
    .values({ ...row, status: 'duplicate', duplicate_of: duplicateOf, finished_at: new Date() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listImports(
  db: Db,
  limit: number,
  offset: number,
): Promise<{ items: ImportRow[]; total: number }> {
  const [items, total] = await Promise.all([
    db.selectFrom('imports').selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    db
      .selectFrom('imports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** A (re)started attempt: counts reset, this import's rejects from an earlier attempt removed. */
export async function startAttempt(db: Db, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('import_rejects').where('import_id', '=', id).execute();
    await trx.deleteFrom('import_unmapped_values').where('import_id', '=', id).execute();
    await trx.deleteFrom('import_archived_vendor_cases').where('import_id', '=', id).execute();
    await trx.deleteFrom('import_replaced_rows').where('import_id', '=', id).execute();
    await trx.deleteFrom('import_skipped_rows').where('import_id', '=', id).execute();
    await trx.deleteFrom('import_warnings').where('import_id', '=', id).execute();
    await trx
      .updateTable('imports')
      .set({
        status: 'running',
        started_at: new Date(),
        rows_read: 0,
        rows_loaded: 0,
        rows_replaced: 0,
        rows_skipped: 0,
        rows_rejected: 0,
        rows_warned: 0,
        error: null,
      })
      .where('id', '=', id)
      .execute();
  });
}

export async function setProgress(
  db: Db,
  id: number,
  progress: { rowsRead: number; rowsLoaded: number; rowsSkipped: number; rowsRejected: number; rowsWarned: number },
): Promise<void> {
  await db
    .updateTable('imports')
    .set({
      rows_read: progress.rowsRead,
      rows_loaded: progress.rowsLoaded,
      rows_skipped: progress.rowsSkipped,
      rows_rejected: progress.rowsRejected,
      rows_warned: progress.rowsWarned,
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

/** Imports that should have a live job: the reconciler checks each against the queue. */
export async function listUnfinished(
  db: Db,
): Promise<Pick<ImportRow, 'id' | 'status' | 'created_at' | 'stored_path'>[]> {
  return db
    .selectFrom('imports')
    .select(['id', 'status', 'created_at', 'stored_path'])
    .where('status', 'in', ['queued', 'running'])
    .orderBy('id')
    .execute();
}

/**
 * A failed or stranded import back to `queued` for another run; undefined when it is in no such state.
 * Throws a unique violation (23505) when a later import of the same bytes, read the same way, is live.
 */
export async function markRequeued(db: Db, id: number): Promise<ImportRow | undefined> {
  return db
    .updateTable('imports')
    .set({ status: 'queued', error: null, finished_at: null })
    .where('id', '=', id)
    .where('status', 'in', ['failed', 'queued', 'running'])
    .returningAll()
    .executeTakeFirst();
}

export async function markFailed(db: Db, id: number, error: string): Promise<void> {
  await db
    .updateTable('imports')
    .set({ status: 'failed', error, finished_at: new Date() })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}

/** NUL shown as U+2400 ␀: PostgreSQL text cannot hold NUL, and a rejected row keeps what the file said. */
export function storableText(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '\u2400') : value;
}

export async function insertRejects(db: Db, importId: number, rejects: readonly RejectRow[]): Promise<void> {
  if (rejects.length === 0) return;
  await db
    .insertInto('import_rejects')
    .values(
      rejects.map((r) => ({
        import_id: importId,
        line: r.line,
        column_name: r.column === null ? null : storableText(r.column),
        reason: storableText(r.reason),
        raw: storableText(r.raw),
      })),
    )
    .execute();
}

export async function listRejects(
  db: Db,
  importId: number,
  limit: number,
  offset: number,
): Promise<{ items: RejectRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    db
      .selectFrom('import_rejects')
      .select(['line', 'column_name', 'reason', 'raw'])
      .where('import_id', '=', importId)
      .orderBy('line')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('import_rejects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('import_id', '=', importId)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({ line: r.line, column: r.column_name, reason: r.reason, raw: r.raw })),
    total: Number(total.n),
  };
}

/** All rejects of an import in line order, read in keyset pages so a download never holds them all. */
export async function* streamRejects(db: Db, importId: number, pageSize = 1_000): AsyncGenerator<RejectRow> {
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('import_rejects')
      .select(['line', 'column_name', 'reason', 'raw'])
      .where('import_id', '=', importId)
      .where('line', '>', after)
      .orderBy('line')
      .limit(pageSize)
      .execute();
    for (const r of page) yield { line: r.line, column: r.column_name, reason: r.reason, raw: r.raw };
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.line;
  }
}

export async function listUnmapped(db: Db, importId: number) {
  return db
    .selectFrom('import_unmapped_values')
    .select(['field', 'value', 'case_count'])
    .where('import_id', '=', importId)
    .orderBy('case_count', 'desc')
    .orderBy('field')
    .orderBy('value')
    .execute();
}

/** Cases of the import attributed to vendors that were archived when it committed. */
export async function listArchivedVendorCases(db: Db, importId: number) {
  return db
    .selectFrom('import_archived_vendor_cases as a')
    .innerJoin('vendors as v', 'v.id', 'a.vendor_id')
    .select(['a.vendor_id', 'v.name', 'a.case_count'])
    .where('a.import_id', '=', importId)
    .orderBy('v.name')
    .execute();
}

export async function touchedWeeks(db: Db, importId: number): Promise<{ vendorId: number; week: string }[]> {
  const rows = await db
    .selectFrom('import_touched_weeks')
    .select(['vendor_id', 'week'])
    .where('import_id', '=', importId)
    .orderBy('vendor_id')
    .orderBy('week')
    .execute();
  return rows.map((r) => ({ vendorId: r.vendor_id, week: r.week }));
}
