/**
 * Rows of an export turned into what the import writes: COPY text for the staging table, and the rejects, skips
 * and warnings kept beside it, with their counts. The one-thread import and each parsing thread stage their rows
 * here, so both read a file into exactly the same parts.
 */
import type { RejectRow } from '@scorecard/db/imports/imports';
import { encodeCase } from '@scorecard/db/imports/staging';
import type { CompiledMapping, RowSkip, RowWarning } from '@scorecard/domain/mapping/canonical';
import { acceptRow } from '@scorecard/ingest/accept';
import { rawRow, type ExportRow } from '@scorecard/ingest/export-file';

/** A run of consecutive rows, staged. `rowsLoaded` counts rows staged (the commit splits out replaced ones). */
export interface StagedPart {
  /**
   * The rows' COPY text for the staging table. A parsing thread hands it over as UTF-8 bytes, moved to the main
   * thread rather than copied: as text, every part would land in the main thread's heap and stay there until its
   * next full collection (docs/scaling.md, "The worker's memory").
   */
  copy: string | Uint8Array;
  rowsRead: number;
  rowsLoaded: number;
  rowsSkipped: number;
  rowsRejected: number;
  rowsWarned: number;
  rejects: RejectRow[];
  skipped: RowSkip[];
  warnings: RowWarning[];
}

/** How a row is read: the file's compiled mapping, its header width and delimiter (for a reject's raw row). */
export interface RowReader {
  compiled: CompiledMapping;
  headerCount: number;
  delimiter: string;
}

/** A part being staged: its COPY text is still text. */
export type PartInProgress = StagedPart & { copy: string };

export function emptyPart(): PartInProgress {
  return {
    copy: '',
    rowsRead: 0,
    rowsLoaded: 0,
    rowsSkipped: 0,
    rowsRejected: 0,
    rowsWarned: 0,
    rejects: [],
    skipped: [],
    warnings: [],
  };
}

/** Adds one row to `part`: accepted (COPY text, and its warnings), skipped by rule, or rejected. */
export function stageRow(part: PartInProgress, reader: RowReader, row: ExportRow): void {
  part.rowsRead += 1;
  const result = acceptRow(reader.compiled, row, reader.headerCount);
  if (result.ok) {
    part.rowsLoaded += 1;
    if (result.warnings.length > 0) {
      part.rowsWarned += 1;
      part.warnings.push(...result.warnings);
    }
    part.copy += encodeCase(result.value, row.line);
  } else if ('skip' in result) {
    part.rowsSkipped += 1;
    part.skipped.push(result.skip);
  } else {
    part.rowsRejected += 1;
    part.rejects.push({ ...result.reject, raw: rawRow(row.cells, reader.delimiter) });
  }
}

/** The rows staged in parts of about `copyChars` characters of COPY text or `recordsPerPart` kept records. */
export async function* stageRowsInParts(
  rows: AsyncIterable<ExportRow>,
  reader: RowReader,
  limits: { copyChars: number; recordsPerPart: number },
): AsyncGenerator<StagedPart> {
  let part = emptyPart();
  for await (const row of rows) {
    stageRow(part, reader, row);
    const kept = part.rejects.length + part.skipped.length + part.warnings.length;
    if (part.copy.length >= limits.copyChars || kept >= limits.recordsPerPart) {
      yield part;
      part = emptyPart();
    }
  }
  yield part;
}
