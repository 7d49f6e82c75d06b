/**
 * One data row → an accepted case or a reject. The import and the dry run both call this, so a dry run
 * shows exactly the rows the import would reject. Beyond the mapping's own checks, a case must satisfy the
 * `cases` table's constraints: one bad row may never abort the set-based upsert of a million good ones.
 */
import { CHANNELS } from '@scorecard/domain/channels';
import {
  SOURCES,
  type CanonicalCase,
  type CompiledMapping,
  type NormaliseResult,
  type RowReject,
} from '@scorecard/domain/mapping/canonical';
import type { ExportRow } from './export-file.ts';

const MAX_INT4 = 2_147_483_647;
/**
 * A btree entry must fit in a third of a page (about 2,700 bytes) and `cases` indexes up to two of these
 * text columns together, so each is held to 1,000 UTF-8 bytes; longer, the commit of every row would fail.
 */
export const MAX_INDEXED_TEXT_BYTES = 1_000;
const CHANNEL_SET = new Set<string>(CHANNELS);
// The checked fields as [column, CanonicalCase key], listed once rather than rebuilt for each of a million rows.
type KeysOf<T> = { [K in keyof CanonicalCase]: CanonicalCase[K] extends T ? K : never }[keyof CanonicalCase];
const OPTIONAL_TIMES: readonly (readonly [string, KeysOf<Date | null>])[] = [
  ['first_response_at', 'firstResponseAt'],
  ['solved_at', 'solvedAt'],
  ['csat_at', 'csatAt'],
  ['updated_at', 'updatedAt'],
];
const COUNTS: readonly (readonly [string, KeysOf<number | null>])[] = [
  ['reopen_count', 'reopenCount'],
  ['handle_seconds', 'handleSeconds'],
  ['wait_seconds', 'waitSeconds'],
];
const TEXTS: readonly (readonly [string, KeysOf<string | null>])[] = [
  ['external_id', 'externalId'],
  ['vendor_field', 'vendorField'],
  ['vendor_value', 'vendorValue'],
  ['queue', 'queue'],
  ['site', 'site'],
  ['customer_id', 'customerId'],
  ['agent_id', 'agentId'],
  ['status', 'status'],
];
const INDEXED_TEXTS: readonly (readonly [string, KeysOf<string | null>])[] = [
  ['external_id', 'externalId'],
  ['vendor_field', 'vendorField'],
  ['vendor_value', 'vendorValue'],
  ['customer_id', 'customerId'],
  ['queue', 'queue'],
];
const SOURCE_SET = new Set<string>(SOURCES);

export function acceptRow(mapping: CompiledMapping, row: ExportRow, headerCount: number): NormaliseResult {
  const shape = rowShapeReject(row, headerCount);
  if (shape) return { ok: false, reject: shape };
  const result = mapping.normalise(row.cells, row.line);
  if (!result.ok) return result;
  const problem = violation(result.value);
  return problem ? { ok: false, reject: { line: row.line, column: problem[0], reason: problem[1] } } : result;
}

/** A row no mapping can read: the wrong number of fields, or bytes that are not text in the file's encoding. */
export function rowShapeReject(row: ExportRow, headerCount: number): RowReject | null {
  if (row.cells.length !== headerCount) {
    return {
      line: row.line,
      column: null,
      reason: `the row has ${row.cells.length} field(s) but the header row has ${headerCount}`,
    };
  }
  const undecodable = row.cells.findIndex((cell) => cell.includes('\uFFFD'));
  if (undecodable === -1) return null;
  const reason = 'the row has bytes that are not valid text in the file encoding (invalid UTF-8)';
  return { line: row.line, column: `column ${undecodable + 1}`, reason };
}

/** The first constraint of `cases` that the value breaks, as [canonical field, reason]; null when none. */
function violation(c: CanonicalCase): [string, string] | null {
  if (!SOURCE_SET.has(c.source)) return ['source', `unknown source "${c.source}"`];
  if (!CHANNEL_SET.has(c.channel)) return ['channel', `unknown channel "${c.channel}"`];
  if (c.externalId.trim() === '') return ['external_id', 'the case id is empty'];
  if (!isValidDate(c.createdAt)) return ['created_at', 'the creation time is missing or invalid'];
  for (const [field, key] of OPTIONAL_TIMES) {
    const value = c[key];
    if (value !== null && !isValidDate(value)) return [field, 'the time is invalid'];
  }
  if (c.firstResponseAt && c.firstResponseAt < c.createdAt)
    return ['first_response_at', 'the first response is before the case was created'];
  if (c.solvedAt && c.solvedAt < c.createdAt) return ['solved_at', 'the case is solved before it was created'];
  for (const [field, key] of COUNTS) {
    const value = c[key];
    if (value !== null && !(Number.isInteger(value) && value >= 0 && value <= MAX_INT4)) {
      return [field, `${value} is not a whole number between 0 and ${MAX_INT4}`];
    }
  }
  if (c.tier !== null && c.tier !== 1 && c.tier !== 2) return ['tier', `tier ${String(c.tier)} is not 1 or 2`];
  if (c.csatScore !== null) {
    if (c.csatScale === null) return ['csat_score', 'a CSAT score without a scale'];
    if (!Number.isInteger(c.csatScore) || c.csatScore < 1 || c.csatScore > c.csatScale) {
      return ['csat_score', `score ${c.csatScore} is outside the 1–${c.csatScale} scale`];
    }
  }
  // PostgreSQL text cannot hold NUL; COPY would fail the whole batch.
  for (const [field, key] of TEXTS) {
    const value = c[key];
    if (value !== null && value.includes('\u0000')) return [field, 'the value contains a NUL character'];
  }
  if (c.reported && reportedHasNul(c.reported)) return ['reported', 'a reported figure contains a NUL character'];
  for (const [field, key] of INDEXED_TEXTS) {
    const value = c[key];
    // A UTF-16 code unit is at most 3 UTF-8 bytes: most values need no byte count.
    if (value === null || value.length * 3 <= MAX_INDEXED_TEXT_BYTES) continue;
    const bytes = Buffer.byteLength(value);
    if (bytes > MAX_INDEXED_TEXT_BYTES) {
      return [field, `the value is ${bytes} bytes long; at most ${MAX_INDEXED_TEXT_BYTES} can be stored`];
    }
  }
  return null;
}

/** A NUL in a reported figure's text (its names are the mapping's, letters and digits; numbers hold none). */
function reportedHasNul(reported: Record<string, number | string>): boolean {
  for (const key in reported) {
    const value = reported[key];
    if (typeof value === 'string' && value.includes('\u0000')) return true;
  }
  return false;
}

function isValidDate(value: Date): boolean {
  return value instanceof Date && !Number.isNaN(value.getTime());
}
