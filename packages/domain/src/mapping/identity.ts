/**
 * The identity of an import is (file bytes, how they are read). The bytes have their sha-256; how they are
 * read is the resolved mapping document plus the source time zone, named here by `mappingSha256`. So the
 * same file uploaded again under a changed preset, mapping or time zone is a new import, and only the same
 * file read the same way is a duplicate (docs/imports.md, "Pipeline").
 *
 * The digest is taken over canonical JSON (object keys sorted at every depth, no whitespace), so key order,
 * which an editor or a jsonb round trip may change, never changes it. migrations/0012_import_identity.sql
 * computes the same text in SQL for the imports stored before it: keep the two in step.
 */
import { createHash } from 'node:crypto';
import type { ReviewMappingDocument } from '../quality/review-mapping.ts';
import type { MappingDocument } from './document.ts';

/**
 * JSON text with the keys of every object sorted (JavaScript's default string order) and no whitespace.
 * Properties whose value is `undefined` are left out and array holes become `null`, as JSON.stringify does.
 * Written out by hand because a JavaScript object always puts integer-like keys ("1", "10") first.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const members = Object.keys(object)
      .filter((key) => object[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** sha-256 (hex) of how a file is read: the canonical JSON of `{ document, timeZone }`. */
export function mappingSha256(document: MappingDocument | ReviewMappingDocument | null, timeZone: string): string {
  return createHash('sha256').update(canonicalJson({ document, timeZone }), 'utf8').digest('hex');
}
