/**
 * The import of one stored file: stream → decode → parse → normalise (by worker threads for a large file, see
 * stage-blocks.ts) → COPY into staging (rejects kept beside it) → one final transaction → recompute of the
 * touched vendor-weeks. Memory stays bounded: staged parts flow through in file order with backpressure, and
 * only a few blocks, a COPY write and a reject batch are held at once.
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Config } from '@scorecard/config';
import type { Db } from '@scorecard/db/database';
import { commitStaging } from '@scorecard/db/imports/commit';
import { NotAnExport, sniffExport, UnreadableExport } from '@scorecard/ingest/export-file';
import {
  findImport,
  insertRejects,
  markFailed,
  setProgress,
  startAttempt,
  touchedWeeks,
  type RejectRow,
} from '@scorecard/db/imports/imports';
import { compileForFile, fileOptionsOf, type MappingDocument } from '@scorecard/ingest/mapping';
import { insertSkipped, insertWarnings } from '@scorecard/db/imports/row-accounting';
import type { RowSkip, RowWarning } from '@scorecard/domain/mapping/canonical';
import { copyStatement, createStaging, dropStaging } from '@scorecard/db/imports/staging';
import { PART_RECORDS, stageExport } from './stage-blocks.ts';
import { enqueue, importJobIds, type Queues } from '@scorecard/jobs';
import { UnrecoverableError } from 'bullmq';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const PROGRESS_INTERVAL_MS = 250;

export interface ImportDeps {
  db: Db;
  queues: Queues;
  config: Config;
}

export interface ImportSummary {
  status: 'succeeded' | 'skipped';
  rowsRead: number;
  rowsLoaded: number;
  rowsReplaced: number;
  rowsSkipped: number;
  rowsRejected: number;
  touched: number;
}

/** SPEC: rows read = distinct cases loaded + rows replaced + rows skipped by rule + rows rejected. */
export class RowAccountingError extends Error {
  override name = 'RowAccountingError';
}

export async function runImport(deps: ImportDeps, importId: number): Promise<ImportSummary> {
  const { db } = deps;
  const row = await findImport(db, importId);
  if (!row) throw new UnrecoverableError(`Import ${importId} does not exist`);
  if (row.status === 'succeeded') {
    // The job died after the commit: the cases are in; only the recompute may be missing.
    const touched = await touchedWeeks(db, importId);
    await enqueueRecompute(deps.queues, importId, row.created_at, touched);
    return {
      status: 'succeeded',
      rowsRead: row.rows_read,
      rowsLoaded: row.rows_loaded,
      rowsReplaced: row.rows_replaced,
      rowsSkipped: row.rows_skipped,
      rowsRejected: row.rows_rejected,
      touched: touched.length,
    };
  }
  if (row.status === 'failed' || row.status === 'duplicate') {
    return {
      status: 'skipped',
      rowsRead: 0,
      rowsLoaded: 0,
      rowsReplaced: 0,
      rowsSkipped: 0,
      rowsRejected: 0,
      touched: 0,
    };
  }

  await startAttempt(db, importId);
  const document = row.mapping as MappingDocument | null;
  if (!document) return fail(db, importId, 'The import has no mapping document.');
  let format;
  try {
    format = await sniffExport(row.stored_path, fileOptionsOf(document));
  } catch (error) {
    if (error instanceof NotAnExport) return fail(db, importId, describeNotAnExport(error));
    throw error;
  }
  const compiled = compileForFile(document, format.headers, row.source_time_zone);
  if (compiled.missingColumns.length > 0) {
    return fail(
      db,
      importId,
      `Missing column(s): ${compiled.missingColumns.join(', ')}. Found: ${format.headers.join(', ')}.`,
    );
  }

  await createStaging(db, importId);
  // While rows stream, rowsLoaded counts rows staged; the commit splits them into distinct cases and replaced rows.
  const counts = { rowsRead: 0, rowsLoaded: 0, rowsSkipped: 0, rowsRejected: 0, rowsWarned: 0 };
  const client = new pg.Client({ connectionString: deps.config.db.url, application_name: 'scorecard-import' });
  // A dropped connection also fails the COPY below, which is where it is handled; unheard, it ends the process.
  client.on('error', () => undefined);
  await client.connect();
  let unreadable: UnreadableExport | null = null;
  const copy = client.query(copyFrom(copyStatement(importId)));
  let copyError: Error | null = null;
  copy.on('error', (error: Error) => (copyError ??= error));
  try {
    const rejects = new KeptRecords((batch: RejectRow[]) => insertRejects(db, importId, batch));
    const skipped = new KeptRecords((batch: RowSkip[]) => insertSkipped(db, importId, batch));
    const warnings = new KeptRecords((batch: RowWarning[]) => insertWarnings(db, importId, batch));
    let lastProgressAt = Date.now();
    const parts = await stageExport(
      { path: row.stored_path, format, document, compiled, timeZone: row.source_time_zone },
      deps.config.imports,
    );
    for await (const part of parts) {
      counts.rowsRead += part.rowsRead;
      counts.rowsLoaded += part.rowsLoaded;
      counts.rowsSkipped += part.rowsSkipped;
      counts.rowsRejected += part.rowsRejected;
      counts.rowsWarned += part.rowsWarned;
      if (part.copy.length > 0) {
        if (copy.destroyed) throw copyError ?? new Error('The COPY into staging closed early.');
        if (!copy.write(part.copy)) await once(copy, 'drain');
      }
      await rejects.add(part.rejects);
      await skipped.add(part.skipped);
      await warnings.add(part.warnings);
      if (Date.now() - lastProgressAt >= PROGRESS_INTERVAL_MS) {
        await setProgress(db, importId, counts);
        lastProgressAt = Date.now();
      }
    }
    copy.end();
    await finished(copy);
    await rejects.flush();
    await skipped.flush();
    await warnings.flush();
  } catch (error) {
    // CopyFail rolls the COPY back; its answer (or the lost connection) lands in the listener above.
    if (!copy.destroyed) copy.destroy();
    if (!(error instanceof UnreadableExport)) throw error;
    unreadable = error;
  } finally {
    // Ends the COPY's transaction too, so the staging table is free to drop below.
    await client.end().catch(() => undefined);
  }
  if (unreadable) {
    // The counts say how far the file was read before it broke; nothing of it is loaded.
    await setProgress(db, importId, counts);
    await dropStaging(db, importId);
    return fail(db, importId, `The file could not be read to the end: ${unreadable.message}`);
  }

  let committed;
  try {
    committed = await db.transaction().execute(async (trx) => {
      const result = await commitStaging(trx, importId);
      const final = { ...counts, rowsLoaded: result.rowsLoaded, rowsReplaced: result.rowsReplaced };
      assertRowsAddUp(final, counts.rowsLoaded);
      await trx
        .updateTable('imports')
        .set({
          status: 'succeeded',
          rows_read: final.rowsRead,
          rows_loaded: final.rowsLoaded,
          rows_replaced: final.rowsReplaced,
          rows_skipped: final.rowsSkipped,
          rows_rejected: final.rowsRejected,
          rows_warned: final.rowsWarned,
          finished_at: new Date(),
        })
        .where('id', '=', importId)
        .execute();
      return { final, touched: result.touched };
    });
  } catch (error) {
    // Nothing was committed; an import that cannot account for its rows is a failure, never a success.
    if (error instanceof RowAccountingError) return fail(db, importId, error.message);
    throw error;
  }
  const { final, touched } = committed;
  await enqueueRecompute(deps.queues, importId, row.created_at, touched);
  return {
    status: 'succeeded',
    rowsRead: final.rowsRead,
    rowsLoaded: final.rowsLoaded,
    rowsReplaced: final.rowsReplaced,
    rowsSkipped: final.rowsSkipped,
    rowsRejected: final.rowsRejected,
    touched: touched.length,
  };
}

/** Throws RowAccountingError unless every row read is in exactly one group and every staged row reached the commit. */
export function assertRowsAddUp(
  final: { rowsRead: number; rowsLoaded: number; rowsReplaced: number; rowsSkipped: number; rowsRejected: number },
  rowsStaged: number,
): void {
  const { rowsRead, rowsLoaded, rowsReplaced, rowsSkipped, rowsRejected } = final;
  const accounted = rowsLoaded + rowsReplaced + rowsSkipped + rowsRejected;
  if (accounted === rowsRead && rowsLoaded + rowsReplaced === rowsStaged) return;
  throw new RowAccountingError(
    `The rows do not add up: read ${rowsRead}, but loaded ${rowsLoaded} + replaced ${rowsReplaced} + skipped ` +
      `${rowsSkipped} + rejected ${rowsRejected} = ${accounted} (${rowsStaged} rows were staged). Nothing was imported.`,
  );
}

async function enqueueRecompute(
  queues: Queues,
  importId: number,
  createdAt: Date,
  vendorWeeks: { vendorId: number; week: string }[],
) {
  if (vendorWeeks.length === 0) return;
  await enqueue(
    queues,
    'recompute',
    { scope: { kind: 'vendor-weeks', vendorWeeks }, reason: `import ${importId}` },
    { jobId: importJobIds(importId, createdAt).recompute },
  );
}

/**
 * Rejects, skips or warnings waiting for their insert, written in batches of about PART_RECORDS that never split
 * one line's records (a line's warnings are numbered within one insert).
 */
class KeptRecords<T extends { line: number }> {
  private records: T[] = [];
  constructor(private readonly insert: (batch: T[]) => Promise<void>) {}

  async add(records: readonly T[]): Promise<void> {
    for (const record of records) this.records.push(record);
    for (;;) {
      let end = PART_RECORDS;
      while (end < this.records.length && this.records[end]!.line === this.records[end - 1]!.line) end += 1;
      if (end >= this.records.length) return;
      await this.insert(this.records.slice(0, end));
      this.records = this.records.slice(end);
    }
  }

  async flush(): Promise<void> {
    await this.insert(this.records);
    this.records = [];
  }
}

/** A file that cannot be imported is final: the import is failed and the job is not retried. */
async function fail(db: Db, importId: number, message: string): Promise<never> {
  await markFailed(db, importId, message);
  throw new UnrecoverableError(message);
}

export function describeNotAnExport(error: NotAnExport): string {
  return error.found.length ? `${error.message} Found: ${error.found.join(', ')}.` : error.message;
}
