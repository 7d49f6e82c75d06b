/**
 * Streaming CSV for downloads (RFC 4180, CRLF). SPEC: CSV exports neutralise cells a spreadsheet would run
 * as formulas: a text cell starting with `=`, `+`, `-`, `@`, tab or CR is prefixed with `'` (OWASP advice).
 * Numbers and booleans are written as they are, so `-3` stays a number.
 */
import { Readable } from 'node:stream';

export type CsvValue = string | number | boolean | null | undefined | Date;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell, neutralised and quoted as needed. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'string') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(cells: readonly CsvValue[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * A readable CSV stream: the header line, then one line per row, pulled from `rows` only as fast as the
 * client reads (backpressure), in chunks of about 64 KiB.
 */
export function csvStream(header: readonly string[], rows: AsyncIterable<readonly CsvValue[]>): Readable {
  async function* lines() {
    let chunk = csvLine(header);
    for await (const row of rows) {
      chunk += csvLine(row);
      if (chunk.length >= 64 * 1024) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  return Readable.from(lines(), { objectMode: false });
}
