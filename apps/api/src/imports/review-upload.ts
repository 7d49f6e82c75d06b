/**
 * Which review mapping document an upload of kind `reviews` uses: an explicit `mapping`, else a `preset` key
 * (the built-in review presets), else the first review preset whose required columns the file has. Answers 422
 * with the missing columns and the headers found, like a case upload, and 400 for a document that cannot work.
 */
import type { Db } from '@scorecard/db/database';
import type { ExportFormat } from '@scorecard/ingest/export-file';
import type { NewImport } from '@scorecard/db/imports/imports';
import { fileOptionsOf } from '@scorecard/ingest/mapping';
import { listForms } from '@scorecard/db/quality/forms';
import { headerIndex } from '@scorecard/domain/mapping/compile';
import { mappingSha256 } from '@scorecard/domain/mapping/identity';
import {
  reviewDocumentColumns,
  validateReviewMappingDocument,
  type ReviewMappingDocument,
} from '@scorecard/domain/quality/review-mapping';
import { compileReviewMapping, type CompiledReviewMapping } from '@scorecard/domain/quality/review-normalise';
import { reviewPresets } from '@scorecard/domain/quality/review-presets';
import { isTimeZone } from '@scorecard/domain/time-zones';
import { Problem } from '../http/problems.ts';
import { sniffFile } from './mapping-resolution.ts';

export const IMPORT_KINDS = ['cases', 'reviews'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The upload's `kind` field: cases unless it says reviews; anything else is a 400. */
export function importKindOf(fields: Record<string, string>): ImportKind {
  const kind = fields.kind?.trim() || 'cases';
  if (kind !== 'cases' && kind !== 'reviews') {
    throw new Problem('bad-request', `kind must be ${IMPORT_KINDS.join(' or ')}, not "${kind}".`);
  }
  return kind;
}

export interface ResolvedReviewMapping {
  document: ReviewMappingDocument;
  preset: { key: string; version: number } | null;
  timeZone: string;
  format: ExportFormat;
  compiled: CompiledReviewMapping;
}

export async function resolveReviewMapping(
  db: Db,
  upload: { storedPath: string; fields: Record<string, string> },
): Promise<ResolvedReviewMapping> {
  const timeZone = upload.fields.timeZone?.trim() || 'UTC';
  if (!isTimeZone(timeZone)) throw new Problem('bad-request', `"${timeZone}" is not an IANA time zone.`);
  const sniffed = await sniffFile(upload.storedPath);
  let document: ReviewMappingDocument;
  let preset: ResolvedReviewMapping['preset'] = null;
  if (upload.fields.mapping) document = parseReviewDocument(upload.fields.mapping);
  else {
    const find = headerIndex(sniffed.headers);
    const chosen = upload.fields.preset
      ? reviewPresets.find((p) => p.key === upload.fields.preset)
      : reviewPresets.find((p) => reviewDocumentColumns(p.document).required.every((column) => find(column) >= 0));
    if (!chosen) {
      if (upload.fields.preset) throw new Problem('bad-request', `No review preset "${upload.fields.preset}".`);
      throw new Problem(
        'unprocessable',
        `No review preset matches this file (${reviewPresets.map((p) => p.key).join(', ')}). Found: ${sniffed.headers.join(', ')}.`,
        { missingColumns: [], headersFound: sniffed.headers },
      );
    }
    document = chosen.document;
    preset = { key: chosen.key, version: chosen.version };
  }
  const options = fileOptionsOf(document);
  const format = Object.values(options).some((v) => v !== undefined)
    ? await sniffFile(upload.storedPath, options)
    : sniffed;
  const forms = (await listForms(db)).filter((form) => form.status === 'published');
  let compiled: CompiledReviewMapping;
  try {
    compiled = compileReviewMapping(document, format.headers, { timeZone, forms });
  } catch (error) {
    if (error instanceof Error && error.name === 'MappingDocumentError') {
      throw new Problem('bad-request', `The mapping document cannot be used: ${error.message}`);
    }
    throw error;
  }
  if (compiled.missingColumns.length > 0) {
    throw new Problem(
      'unprocessable',
      `The file lacks column(s) ${compiled.missingColumns.join(', ')}. Found: ${format.headers.join(', ')}.`,
      { missingColumns: compiled.missingColumns, headersFound: format.headers },
    );
  }
  return { document, preset, timeZone, format, compiled };
}

/** The import row of a review upload: identity (bytes, document, zone) exactly as a case upload's. */
export function reviewImportRow(
  upload: { fileName: string; storedPath: string; bytes: number; sha256: string },
  resolved: ResolvedReviewMapping,
): NewImport {
  return {
    kind: 'reviews',
    file_name: upload.fileName,
    stored_path: upload.storedPath,
    file_bytes: upload.bytes,
    sha256: upload.sha256,
    mapping_sha256: mappingSha256(resolved.document, resolved.timeZone),
    source: null,
    preset_key: resolved.preset?.key ?? null,
    preset_version: resolved.preset?.version ?? null,
    mapping: JSON.stringify(resolved.document),
    source_time_zone: resolved.timeZone,
  };
}

function parseReviewDocument(text: string): ReviewMappingDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Problem('bad-request', 'The mapping is not valid JSON.');
  }
  const result = validateReviewMappingDocument(value);
  if (!result.ok) {
    throw new Problem('bad-request', `The review mapping document is invalid: ${result.errors.join('; ')}`, {
      errors: result.errors.map((message) => ({ location: 'mapping', message })),
    });
  }
  return result.document;
}
