/**
 * Streaming CSV for downloads. The cells and lines (RFC 4180, CRLF, formula-neutralised per docs/definitions.md) are the
 * domain's pure functions (packages/domain/src/csv.ts), shared with the report attachments.
 */
import { Readable } from 'node:stream';
import { CSV_BOM, csvLine, type CsvValue } from '@scorecard/domain/csv';

export type { CsvValue };

/**
 * A readable CSV stream: the byte order mark and the header line, then one line per row, pulled from `rows` only as fast as the
 * client reads (backpressure), in chunks of about 64 KiB.
 */
export function csvStream(header: readonly string[], rows: AsyncIterable<readonly CsvValue[]>): Readable {
  async function* lines() {
    let chunk = CSV_BOM + csvLine(header);
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
