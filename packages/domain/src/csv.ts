/**
 * Formula-safe CSV cells and lines (RFC 4180, CRLF), pure string functions shared by the API's downloads
 * and the worker's report attachments. docs/definitions.md: CSV exports neutralise cells a spreadsheet would run as
 * formulas: a text cell starting with `=`, `+`, `-`, `@`, tab or CR is prefixed with `'` (OWASP advice).
 * Numbers and booleans are written as they are, so `-3` stays a number.
 */
export type CsvValue = string | number | boolean | null | undefined | Date;

/** Every CSV the product serves starts with it, so Excel reads the file as UTF-8 (non-ASCII queue names). */
export const CSV_BOM = '\uFEFF';

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
