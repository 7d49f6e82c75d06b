/**
 * The import of one stored QA export (import kind `reviews`): the same file reading, row accounting, rejects,
 * skipped rows, warnings, progress and failure handling as a case import (run-import.ts), with the review
 * mapping's normaliser and the review commit. Accepted rows are COPYed into staging as a case import's are;
 * the final transaction decides what needs the database and checks that the rows add up.
 */
import type { Db } from '@scorecard/db/database';
import { NotAnExport, rawRow, readRows, sniffExport, UnreadableExport } from '@scorecard/ingest/export-file';
import {
  insertRejects,
  markFailed,
  setProgress,
  startAttempt,
  type ImportRow,
  type RejectRow,
} from '@scorecard/db/imports/imports';
import { rowShapeReject } from '@scorecard/ingest/accept';
import { fileOptionsOf } from '@scorecard/ingest/mapping';
import { insertSkipped, insertWarnings } from '@scorecard/db/imports/row-accounting';
import { listForms } from '@scorecard/db/quality/forms';
import { commitReviewStaging, rejectColumnsOf } from '@scorecard/db/quality/review-import';
import {
  createReviewStaging,
  dropReviewStaging,
  encodeReview,
  reviewCopyStatement,
} from '@scorecard/db/quality/review-staging';
import type { RowSkip, RowWarning } from '@scorecard/domain/mapping/canonical';
import type { ReviewMappingDocument } from '@scorecard/domain/quality/review-mapping';
import { compileReviewMapping } from '@scorecard/domain/quality/review-normalise';
import { UnrecoverableError } from 'bullmq';
import {
  assertRowsAddUp,
  describeNotAnExport,
  RowAccountingError,
  type ImportDeps,
  type ImportSummary,
} from './run-import.ts';
import { CopyInto } from './copy-into.ts';

const PROGRESS_INTERVAL_MS = 250;
/** Rejects, skipped rows and warnings are written in batches of this many. */
const BATCH = 500;

export async function runReviewImport(deps: ImportDeps, row: ImportRow): Promise<ImportSummary> {
  const { db } = deps;
  const importId = row.id;
  const summary = (
    status: ImportSummary['status'],
    r: Pick<ImportRow, 'rows_read' | 'rows_loaded' | 'rows_replaced' | 'rows_skipped' | 'rows_rejected'>,
  ) => ({
    status,
    rowsRead: r.rows_read,
    rowsLoaded: r.rows_loaded,
    rowsReplaced: r.rows_replaced,
    rowsSkipped: r.rows_skipped,
    rowsRejected: r.rows_rejected,
    touched: 0,
  });
  // Reviews are read live from their tables and views, as after a review entered through the API: nothing to recompute.
  if (row.status === 'succeeded') return summary('succeeded', row);
  if (row.status === 'failed' || row.status === 'duplicate') {
    return summary('skipped', { rows_read: 0, rows_loaded: 0, rows_replaced: 0, rows_skipped: 0, rows_rejected: 0 });
  }

  await startAttempt(db, importId);
  const document = row.mapping as ReviewMappingDocument | null;
  if (!document) return fail(db, importId, 'The import has no mapping document.');
  let format;
  try {
    format = await sniffExport(row.stored_path, fileOptionsOf(document));
  } catch (error) {
    if (error instanceof NotAnExport) return fail(db, importId, describeNotAnExport(error));
    throw error;
  }
  const forms = (await listForms(db)).filter((form) => form.status === 'published');
  const compiled = compileReviewMapping(document, format.headers, { timeZone: row.source_time_zone, forms });
  if (compiled.missingColumns.length > 0) {
    return fail(
      db,
      importId,
      `Missing column(s): ${compiled.missingColumns.join(', ')}. Found: ${format.headers.join(', ')}.`,
    );
  }

  await createReviewStaging(db, importId);
  const counts = { rowsRead: 0, rowsLoaded: 0, rowsSkipped: 0, rowsRejected: 0, rowsWarned: 0 };
  let rejects: RejectRow[] = [];
  let skipped: RowSkip[] = [];
  let warnings: RowWarning[] = [];
  const flush = async (all: boolean) => {
    if (all || rejects.length >= BATCH) {
      await insertRejects(db, importId, rejects);
      rejects = [];
    }
    if (all || skipped.length >= BATCH) {
      await insertSkipped(db, importId, skipped);
      skipped = [];
    }
    if (all || warnings.length >= BATCH) {
      await insertWarnings(db, importId, warnings);
      warnings = [];
    }
  };
  let lastProgressAt = Date.now();
  let unreadable: UnreadableExport | null = null;
  const copy = await CopyInto.open(deps.config.db.url, reviewCopyStatement(importId));
  try {
    for await (const exportRow of readRows(row.stored_path, format, deps.config.imports)) {
      counts.rowsRead += 1;
      const raw = rawRow(exportRow.cells, format.delimiter);
      const shape = rowShapeReject(exportRow, format.headers.length);
      const result = shape
        ? { ok: false as const, reject: shape }
        : compiled.normalise(exportRow.cells, exportRow.line);
      if (result.ok) {
        counts.rowsLoaded += 1;
        await copy.write(encodeReview(exportRow.line, raw, result.value));
        if (result.warnings.length > 0) {
          counts.rowsWarned += 1;
          warnings.push(...result.warnings);
        }
      } else if ('skip' in result) {
        counts.rowsSkipped += 1;
        skipped.push(result.skip);
      } else {
        counts.rowsRejected += 1;
        rejects.push({ ...result.reject, raw });
      }
      await flush(false);
      if (Date.now() - lastProgressAt >= PROGRESS_INTERVAL_MS) {
        await setProgress(db, importId, counts);
        lastProgressAt = Date.now();
      }
    }
    await copy.end();
    await flush(true);
  } catch (error) {
    if (!(error instanceof UnreadableExport)) throw error;
    unreadable = error;
  } finally {
    await copy.close();
  }
  if (unreadable) {
    // The counts say how far the file was read before it broke; nothing of it is loaded.
    await setProgress(db, importId, counts);
    await dropReviewStaging(db, importId);
    return fail(db, importId, `The file could not be read to the end: ${unreadable.message}`);
  }

  const columns = rejectColumnsOf(document.fields);
  let final;
  try {
    final = await db.transaction().execute(async (trx) => {
      const result = await commitReviewStaging(trx, importId, columns);
      const totals = {
        rowsRead: counts.rowsRead,
        rowsLoaded: result.rowsLoaded,
        rowsReplaced: result.rowsReplaced,
        rowsSkipped: counts.rowsSkipped,
        rowsRejected: counts.rowsRejected + result.rowsRejected,
      };
      // Every staged row is loaded, replaced or refused by the database; the check is the case import's.
      assertRowsAddUp(totals, counts.rowsLoaded - result.rowsRejected);
      if (result.rowsStaged !== counts.rowsLoaded) {
        throw new RowAccountingError(`${counts.rowsLoaded} rows were accepted but ${result.rowsStaged} were staged.`);
      }
      await trx
        .updateTable('imports')
        .set({
          status: 'succeeded',
          rows_read: totals.rowsRead,
          rows_loaded: totals.rowsLoaded,
          rows_replaced: totals.rowsReplaced,
          rows_skipped: totals.rowsSkipped,
          rows_rejected: totals.rowsRejected,
          rows_warned: result.rowsWarned,
          finished_at: new Date(),
        })
        .where('id', '=', importId)
        .execute();
      return totals;
    });
  } catch (error) {
    if (error instanceof RowAccountingError) {
      await dropReviewStaging(db, importId);
      return fail(db, importId, error.message);
    }
    throw error;
  }
  return { status: 'succeeded', ...final, touched: 0 };
}

async function fail(db: Db, importId: number, message: string): Promise<never> {
  await markFailed(db, importId, message);
  throw new UnrecoverableError(message);
}
