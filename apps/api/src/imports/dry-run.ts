/**
 * A dry run of an import on the first rows of a file: the same sniffing, mapping resolution, row
 * acceptance and rejects as the import itself (packages/db/src/imports), but nothing is written.
 */
import type { Db } from '@scorecard/db/database';
import { acceptRow } from '@scorecard/ingest/accept';
import { rawRow, readRows, UnreadableExport, type ExportFormat, type ReadBounds } from '@scorecard/ingest/export-file';
import { fileOptionsOf } from '@scorecard/ingest/mapping';
import type { CanonicalCase, RowReject, RowSkip, RowWarning } from '@scorecard/domain/mapping/canonical';
import { documentColumns, type MappingDocument } from '@scorecard/domain/mapping/document';
import { headerIndex } from '@scorecard/domain/mapping/compile';
import { rankPresets, type RankedPreset } from '@scorecard/domain/mapping/presets';
import { suggestMapping, type MappingSuggestion } from '@scorecard/domain/mapping/suggest';
import { isTimeZone } from '@scorecard/domain/time-zones';
import { allPresets, compile, findPreset, parseDocument, sniffFile } from './mapping-resolution.ts';
import { Problem } from '../http/problems.ts';
import { DRY_RUN_SCAN_ROWS, FileAccount, type DryRunAccounting } from './dry-run-accounting.ts';

export const DRY_RUN_DEFAULT_ROWS = 20;
export const DRY_RUN_MAX_ROWS = 500;
/** Rows profiled for the suggested mapping. */
const SUGGEST_SAMPLE_ROWS = 200;

export interface DryRunResult {
  file: Pick<ExportFormat, 'gzip' | 'encoding' | 'delimiter' | 'delimiterReason' | 'headerRow'>;
  headers: string[];
  presets: RankedPreset[];
  /** The preset the import would use with these fields (given, or detected); null for an explicit mapping. */
  preset: { key: string; version: number } | null;
  mapping: MappingDocument | null;
  suggestion: MappingSuggestion;
  missingColumns: string[];
  rowsRead: number;
  rows: { line: number; case: CanonicalCase }[];
  rejects: (RowReject & { raw: string })[];
  /** Within the preview rows: optional fields left empty, rows skipped by rule. */
  warnings: RowWarning[];
  skipped: RowSkip[];
  /** The whole file as the import would account for it; null without a usable mapping. */
  accounting: DryRunAccounting | null;
  /** Columns the mapping names that the file lacks (optional ones: their fields stay empty). */
  unusedMappedColumns: string[];
  /** Columns of the file that no field of the mapping reads. */
  unreadColumns: string[];
}

/** Throws Problem 400 for a file broken within the rows it reads (naming the line), or past a bound (naming it). */
export async function dryRun(
  db: Db,
  storedPath: string,
  fields: Record<string, string>,
  bounds: ReadBounds,
): Promise<DryRunResult> {
  const limit = fields.rows ? Number(fields.rows) : DRY_RUN_DEFAULT_ROWS;
  if (!Number.isInteger(limit) || limit < 1 || limit > DRY_RUN_MAX_ROWS) {
    throw new Problem('bad-request', `rows must be a whole number from 1 to ${DRY_RUN_MAX_ROWS}.`);
  }
  const timeZone = fields.timeZone?.trim() || 'UTC';
  if (!isTimeZone(timeZone)) throw new Problem('bad-request', `"${timeZone}" is not an IANA time zone.`);

  const sniffed = await sniffFile(storedPath);
  const presets = await allPresets(db);
  const ranked = rankPresets(sniffed.headers, presets);
  let mapping: MappingDocument | null = null;
  let preset: DryRunResult['preset'] = null;
  if (fields.mapping) mapping = parseDocument(fields.mapping);
  else {
    const chosen = fields.preset ? await findPreset(db, fields.preset) : presets.find((p) => p.key === ranked[0]?.key);
    if (fields.preset && !chosen) throw new Problem('bad-request', `No preset "${fields.preset}".`);
    if (chosen && (fields.preset || ranked[0]?.missingColumns.length === 0)) {
      mapping = chosen.document;
      preset = { key: chosen.key, version: chosen.version };
    }
  }
  const options = mapping ? fileOptionsOf(mapping) : {};
  const format =
    mapping && Object.values(options).some((v) => v !== undefined) ? await sniffFile(storedPath, options) : sniffed;

  const sample: string[][] = [];
  const rows: DryRunResult['rows'] = [];
  const rejects: DryRunResult['rejects'] = [];
  const warnings: RowWarning[] = [];
  const skipped: RowSkip[] = [];
  const compiled = mapping ? compile(mapping, format.headers, timeZone) : null;
  const usable = compiled !== null && compiled.missingColumns.length === 0;
  // With a usable mapping the whole file is read, so duplicates anywhere in it are found before the import.
  const account = usable ? new FileAccount() : null;
  let complete = true;
  let rowsRead = 0;
  try {
    for await (const row of readRows(storedPath, format, bounds)) {
      if (rowsRead >= (usable ? DRY_RUN_SCAN_ROWS : Math.max(limit, SUGGEST_SAMPLE_ROWS))) {
        complete = false;
        break;
      }
      rowsRead += 1;
      if (sample.length < SUGGEST_SAMPLE_ROWS) sample.push(row.cells);
      if (!usable) continue;
      const result = acceptRow(compiled, row, format.headers.length);
      account?.add(row.line, result);
      if (rowsRead > limit) continue;
      if (result.ok) {
        rows.push({ line: row.line, case: result.value });
        warnings.push(...result.warnings);
      } else if ('skip' in result) skipped.push(result.skip);
      else rejects.push({ ...result.reject, raw: rawRow(row.cells, format.delimiter) });
    }
  } catch (error) {
    if (!(error instanceof UnreadableExport)) throw error;
    const bound = error.bound ? { bound: error.bound } : {};
    throw new Problem('bad-request', `The file could not be read: ${error.message}`, bound);
  }
  const { unusedMappedColumns, unreadColumns } = columnUse(mapping, format.headers);
  return {
    file: {
      gzip: format.gzip,
      encoding: format.encoding,
      delimiter: format.delimiter,
      delimiterReason: format.delimiterReason,
      headerRow: format.headerRow,
    },
    headers: format.headers,
    presets: ranked,
    preset,
    mapping,
    suggestion: suggestMapping(format.headers, sample, mapping ? { source: mapping.source } : {}),
    missingColumns: compiled?.missingColumns ?? [],
    rowsRead: Math.min(rowsRead, limit),
    rows,
    rejects,
    warnings,
    skipped,
    accounting: account?.result(complete) ?? null,
    unusedMappedColumns,
    unreadColumns,
  };
}

/** Which named columns the file lacks, and which file columns nothing reads ("matched 22 of 22" hid two). */
function columnUse(mapping: MappingDocument | null, headers: readonly string[]) {
  if (!mapping) return { unusedMappedColumns: [], unreadColumns: headers.filter((h) => h.trim() !== '') };
  const find = headerIndex(headers);
  const { required, optional } = documentColumns(mapping);
  const named = [...required, ...optional];
  const read = new Set(named.map(find).filter((index) => index >= 0));
  return {
    unusedMappedColumns: named.filter((column) => find(column) < 0),
    unreadColumns: headers.filter((header, index) => header.trim() !== '' && !read.has(index)),
  };
}
