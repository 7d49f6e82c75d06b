/**
 * Client-side CSV for tables the API has no CSV route for, with the same cells as the API's downloads
 * (packages/domain/src/csv.ts: RFC 4180, CRLF, formula cells neutralised).
 */
import { CSV_BOM, csvLine, type CsvValue } from '@scorecard/domain/csv';

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map(csvLine).join('');
}

/** A CSV download, with the byte order mark every CSV of the product starts with (Excel reads it as UTF-8). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([CSV_BOM, text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click has started the download synchronously; the object URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
