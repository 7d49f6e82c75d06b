/**
 * Which mapping document an upload uses: an explicit `mapping` (JSON document), else a `preset` key (user
 * preset first, then built-in), else the best-ranked preset for the file's header row. Answers 422 with the
 * missing columns and the headers found when the file cannot be an export under that document.
 */
import type { Db } from '@scorecard/db/database';
import { NotAnExport, sniffExport, type ExportFormat } from '@scorecard/ingest/export-file';
import { compileForFile, fileOptionsOf } from '@scorecard/ingest/mapping';
import { findPreset, listUserPresets, type PresetEntry } from '@scorecard/db/imports/presets';
import type { CompiledMapping } from '@scorecard/domain/mapping/canonical';
import { validateMappingDocument, type MappingDocument } from '@scorecard/domain/mapping/document';
import { builtinPresets, rankPresets } from '@scorecard/domain/mapping/presets';
import { isTimeZone } from '@scorecard/domain/time-zones';
import { Problem } from '../http/problems.ts';

export { findPreset, type PresetEntry } from '@scorecard/db/imports/presets';

export interface ResolvedMapping {
  document: MappingDocument;
  presetKey: string | null;
  presetVersion: number | null;
  timeZone: string;
  format: ExportFormat;
  compiled: CompiledMapping;
}

/** Built-in presets, then the latest version of every user preset. */
export async function allPresets(db: Db): Promise<PresetEntry[]> {
  const users = await listUserPresets(db);
  return [
    ...builtinPresets.map((p) => ({
      key: p.key,
      version: p.version,
      name: p.name,
      builtin: true,
      document: p.document,
    })),
    ...users.map((p) => ({
      key: p.key,
      version: p.version,
      name: p.name,
      builtin: false,
      document: p.document as MappingDocument,
    })),
  ];
}

export async function resolveUploadMapping(
  db: Db,
  upload: { storedPath: string; fields: Record<string, string> },
): Promise<ResolvedMapping> {
  const timeZone = upload.fields.timeZone?.trim() || 'UTC';
  if (!isTimeZone(timeZone)) throw new Problem('bad-request', `"${timeZone}" is not an IANA time zone.`);
  const sniffed = await sniffFile(upload.storedPath);

  let chosen: { document: MappingDocument; presetKey: string | null; presetVersion: number | null };
  if (upload.fields.mapping) {
    chosen = { document: parseDocument(upload.fields.mapping), presetKey: null, presetVersion: null };
  } else if (upload.fields.preset) {
    const preset = await findPreset(db, upload.fields.preset);
    if (!preset) throw new Problem('bad-request', `No preset "${upload.fields.preset}".`);
    chosen = { document: preset.document, presetKey: preset.key, presetVersion: preset.version };
  } else {
    const presets = await allPresets(db);
    const ranked = rankPresets(sniffed.headers, presets);
    const best = ranked[0];
    if (!best || best.missingColumns.length > 0) {
      throw new Problem(
        'unprocessable',
        `No preset matches this file. ${best ? `Closest: "${best.key}", missing ${best.missingColumns.join(', ')}. ` : ''}` +
          `Found: ${sniffed.headers.join(', ')}.`,
        { missingColumns: best?.missingColumns ?? [], headersFound: sniffed.headers, closestPreset: best?.key ?? null },
      );
    }
    const preset = presets.find((p) => p.key === best.key)!;
    chosen = { document: preset.document, presetKey: preset.key, presetVersion: preset.version };
  }

  const options = fileOptionsOf(chosen.document);
  const format =
    options.delimiter || options.encoding || options.headerRow ? await sniffFile(upload.storedPath, options) : sniffed;
  const compiled = compile(chosen.document, format.headers, timeZone);
  if (compiled.missingColumns.length > 0) {
    throw new Problem(
      'unprocessable',
      `The file lacks column(s) ${compiled.missingColumns.join(', ')}. Found: ${format.headers.join(', ')}.`,
      { missingColumns: compiled.missingColumns, headersFound: format.headers },
    );
  }
  return { ...chosen, timeZone, format, compiled };
}

/** Throws Problem 400 listing every schema violation, or a document that does not compile. */
export function parseDocument(text: string): MappingDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Problem('bad-request', 'The mapping is not valid JSON.');
  }
  const result = validateMappingDocument(value);
  if (!result.ok)
    throw new Problem('bad-request', `The mapping document is invalid: ${result.errors.join('; ')}`, {
      errors: result.errors.map((message) => ({ location: 'mapping', message })),
    });
  return result.document;
}

export function compile(document: MappingDocument, headers: readonly string[], timeZone: string): CompiledMapping {
  try {
    return compileForFile(document, headers, timeZone);
  } catch (error) {
    if (error instanceof Error && error.name === 'MappingDocumentError') {
      throw new Problem('bad-request', `The mapping document cannot be used: ${error.message}`);
    }
    throw error;
  }
}

/** sniffExport with NotAnExport turned into a 422 naming the headers found. */
export async function sniffFile(path: string, options: Parameters<typeof sniffExport>[1] = {}): Promise<ExportFormat> {
  try {
    return await sniffExport(path, options);
  } catch (error) {
    if (error instanceof NotAnExport) {
      throw new Problem('unprocessable', `This file cannot be an export: ${error.message}`, {
        missingColumns: [],
        headersFound: error.found,
      });
    }
    throw error;
  }
}
