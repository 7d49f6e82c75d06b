/**
 * The rows of an import that are neither loaded nor rejected, and the warnings of loaded rows:
 * rows replaced by a later row with the same id, rows skipped by a mapping rule, optional fields left empty.
 * Written by the import (skips and warnings in batches while it streams, replaced rows by the commit), listed
 * and downloaded like rejects.
 */
import type { RowSkip, RowWarning } from '@scorecard/domain/mapping/canonical';
import type { Db } from '../database.ts';

export const ROW_KINDS = ['replaced', 'skipped', 'warnings'] as const;
export type RowKind = (typeof ROW_KINDS)[number];

/** One listed row: its line, the column at fault (warnings), and what happened to it. */
export interface AccountedRow {
  line: number;
  column: string | null;
  reason: string;
}

export async function insertSkipped(db: Db, importId: number, rows: readonly RowSkip[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('import_skipped_rows')
    .values(rows.map((row) => ({ import_id: importId, line: row.line, reason: row.reason })))
    .execute();
}

/** Warnings of one line are numbered in the order the mapping found them. */
export async function insertWarnings(db: Db, importId: number, warnings: readonly RowWarning[]): Promise<void> {
  if (warnings.length === 0) return;
  let previousLine = -1;
  let ordinal = 0;
  const values = warnings.map((warning) => {
    ordinal = warning.line === previousLine ? ordinal + 1 : 0;
    previousLine = warning.line;
    return { import_id: importId, line: warning.line, ordinal, column_name: warning.column, reason: warning.reason };
  });
  await db.insertInto('import_warnings').values(values).execute();
}

/** A page of one kind in line order, and the kind's total. */
export async function listAccountedRows(
  db: Db,
  importId: number,
  kind: RowKind,
  limit: number,
  offset: number,
): Promise<{ items: AccountedRow[]; total: number }> {
  const [items, total] = await Promise.all([page(db, importId, kind, { limit, offset }), countOf(db, importId, kind)]);
  return { items, total };
}

/** Every row of one kind in line order, read in keyset pages so a download never holds them all. */
export async function* streamAccountedRows(
  db: Db,
  importId: number,
  kind: RowKind,
  pageSize = 1_000,
): AsyncGenerator<AccountedRow> {
  let after = { line: 0, ordinal: -1 };
  for (;;) {
    const rows = await page(db, importId, kind, { limit: pageSize, after });
    yield* rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = { line: last.line, ordinal: last.ordinal };
  }
}

type PageOf = { limit: number; offset?: number; after?: { line: number; ordinal: number } };

async function page(db: Db, importId: number, kind: RowKind, at: PageOf) {
  if (kind === 'warnings') {
    let query = db
      .selectFrom('import_warnings')
      .select(['line', 'ordinal', 'column_name', 'reason'])
      .where('import_id', '=', importId);
    if (at.after) {
      const { line, ordinal } = at.after;
      query = query.where((eb) =>
        eb.or([eb('line', '>', line), eb.and([eb('line', '=', line), eb('ordinal', '>', ordinal)])]),
      );
    }
    const rows = await query
      .orderBy('line')
      .orderBy('ordinal')
      .limit(at.limit)
      .offset(at.offset ?? 0)
      .execute();
    return rows.map((r) => ({ line: r.line, ordinal: r.ordinal, column: r.column_name, reason: r.reason }));
  }
  if (kind === 'replaced') {
    const rows = await db
      .selectFrom('import_replaced_rows')
      .select(['line', 'external_id', 'replaced_by_line'])
      .where('import_id', '=', importId)
      .where('line', '>', at.after?.line ?? 0)
      .orderBy('line')
      .limit(at.limit)
      .offset(at.offset ?? 0)
      .execute();
    return rows.map((r) => ({
      line: r.line,
      ordinal: 0,
      column: null,
      reason: `id '${r.external_id}' is repeated on line ${r.replaced_by_line}, which replaced this row`,
    }));
  }
  const rows = await db
    .selectFrom('import_skipped_rows')
    .select(['line', 'reason'])
    .where('import_id', '=', importId)
    .where('line', '>', at.after?.line ?? 0)
    .orderBy('line')
    .limit(at.limit)
    .offset(at.offset ?? 0)
    .execute();
  return rows.map((r) => ({ line: r.line, ordinal: 0, column: null, reason: r.reason }));
}

async function countOf(db: Db, importId: number, kind: RowKind): Promise<number> {
  const table =
    kind === 'warnings' ? 'import_warnings' : kind === 'replaced' ? 'import_replaced_rows' : 'import_skipped_rows';
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_id', '=', importId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
