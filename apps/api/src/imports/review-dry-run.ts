/**
 * The dry run of a review import: the same reading and row rules as the import (run-review-import.ts), over
 * the whole file, with the rows the import's final transaction refuses (unknown or ambiguous case, a case
 * without a vendor or another vendor's, a disputed review…) counted as rejects by the import's own rule
 * (checkReviewRows), and repeated review ids grouped by the import's own rule (per vendor). Nothing is written.
 */
import type { Db } from '@scorecard/db/database';
import { rowShapeReject } from '@scorecard/ingest/accept';
import { rawRow, readRows, UnreadableExport, type ReadBounds } from '@scorecard/ingest/export-file';
import { checkReviewRows, rejectColumnsOf } from '@scorecard/db/quality/review-import';
import type { RowReject, RowSkip, RowWarning } from '@scorecard/domain/mapping/canonical';
import type { ImportedReview, ReviewRowResult } from '@scorecard/domain/quality/review-normalise';
import { Problem } from '../http/problems.ts';
import { DRY_RUN_SCAN_ROWS, FileAccount, type DryRunAccounting } from './dry-run-accounting.ts';
import { DRY_RUN_DEFAULT_ROWS, DRY_RUN_MAX_ROWS } from './dry-run.ts';
import { resolveReviewMapping } from './review-upload.ts';

/** Accepted rows whose case is looked up together. */
const CASE_BATCH = 1_000;

export interface ReviewDryRunResult {
  headers: string[];
  preset: { key: string; version: number } | null;
  mapping: unknown;
  rowsRead: number;
  rows: { line: number; review: ImportedReview }[];
  rejects: (RowReject & { raw: string })[];
  warnings: RowWarning[];
  skipped: RowSkip[];
  accounting: DryRunAccounting;
  /** Columns of the file that no field reads and that answer no criterion of a published form. */
  unreadColumns: string[];
}

export async function reviewDryRun(
  db: Db,
  storedPath: string,
  fields: Record<string, string>,
  bounds: ReadBounds,
): Promise<ReviewDryRunResult> {
  const limit = fields.rows ? Number(fields.rows) : DRY_RUN_DEFAULT_ROWS;
  if (!Number.isInteger(limit) || limit < 1 || limit > DRY_RUN_MAX_ROWS) {
    throw new Problem('bad-request', `rows must be a whole number from 1 to ${DRY_RUN_MAX_ROWS}.`);
  }
  const resolved = await resolveReviewMapping(db, { storedPath, fields });
  const { format, compiled } = resolved;
  const account = new FileAccount();
  const preview: Omit<ReviewDryRunResult, 'headers' | 'preset' | 'mapping' | 'accounting' | 'unreadColumns'> = {
    rowsRead: 0,
    rows: [],
    rejects: [],
    warnings: [],
    skipped: [],
  };
  let pending: { line: number; raw: string; result: ReviewRowResult & { ok: true } }[] = [];
  /** Every row counts in the accounting; the first `limit` of each group are shown. */
  const show = (line: number, raw: string, result: ReviewRowResult, repeatKey: string | null = null) => {
    account.add(line, result, repeatKey);
    if (result.ok) {
      if (preview.rows.length < limit) preview.rows.push({ line, review: result.value });
      if (preview.warnings.length < limit) preview.warnings.push(...result.warnings);
    } else if ('skip' in result) {
      if (preview.skipped.length < limit) preview.skipped.push(result.skip);
    } else if (preview.rejects.length < limit) preview.rejects.push({ ...result.reject, raw });
  };
  const columns = rejectColumnsOf(resolved.document.fields);
  // Accepted rows wait for the import's checks; file order is kept so the later of two repeated ids wins.
  const settle = async () => {
    const checked = await checkReviewRows(
      db,
      pending.map((p) => p.result.value),
      columns,
    );
    pending.forEach(({ line, raw, result }, i) => {
      const { reject, repeatKey } = checked[i]!;
      if (reject) show(line, raw, { ok: false, reject: { line, ...reject } });
      else show(line, raw, result, repeatKey);
    });
    pending = [];
  };
  let complete = true;
  try {
    for await (const row of readRows(storedPath, format, bounds)) {
      if (preview.rowsRead >= DRY_RUN_SCAN_ROWS) {
        complete = false;
        break;
      }
      preview.rowsRead += 1;
      const raw = rawRow(row.cells, format.delimiter);
      const shape = rowShapeReject(row, format.headers.length);
      const result: ReviewRowResult = shape ? { ok: false, reject: shape } : compiled.normalise(row.cells, row.line);
      if (result.ok) pending.push({ line: row.line, raw, result });
      else {
        await settle();
        show(row.line, raw, result);
      }
      if (pending.length >= CASE_BATCH) await settle();
    }
    await settle();
  } catch (error) {
    if (!(error instanceof UnreadableExport)) throw error;
    const bound = error.bound ? { bound: error.bound } : {};
    throw new Problem('bad-request', `The file could not be read: ${error.message}`, bound);
  }
  return {
    headers: format.headers,
    preset: resolved.preset,
    mapping: resolved.document,
    ...preview,
    accounting: account.result(complete),
    unreadColumns: format.headers.filter((header) => header.trim() !== '' && !compiled.readColumns.has(header)),
  };
}
