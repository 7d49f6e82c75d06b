/**
 * An export read in blocks, so that several threads can parse one file: the decompressed bytes cut at record
 * ends into blocks of about a given size, and one block parsed on its own into the rows `readRows` gives for
 * the same bytes (same cells, same line numbers, same blank lines skipped).
 *
 * A cut is made only just after a `\n` (after a `\r\n` in a file whose records end so), and a `\n` byte is never
 * part of a UTF-8 or Windows-1252 multibyte character, so a block is whole characters and its first line is one
 * more than the `\n` bytes before it. A cut can still fall inside a quoted field that spans lines; the block
 * before it then ends inside an open quote, which its parse reports (CSV_QUOTE_NOT_CLOSED) and the caller
 * mends by parsing that block and the next as one.
 */
import { parse, type Options } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import {
  csvOptions,
  newlinesIn,
  openBytes,
  readHead,
  type ExportFormat,
  type ExportRow,
  type ReadBounds,
} from './export-file.ts';

/** How the file's records end: csv-parse takes this from the first line end it meets outside quotes. */
export type RecordEnd = '\n' | '\r\n';

export interface ByteBlock {
  bytes: Buffer;
  /** 1-based physical line of the block's first byte. */
  firstLine: number;
  /** The block starts the file: it holds the title rows and the header, and perhaps a BOM. */
  first: boolean;
  /**
   * No record end was found in more bytes than a record may hold, so the block was cut wherever it had grown
   * to: its last record goes on into the next block, and is too long to be read.
   */
  cutInsideRecord: boolean;
}

export type ParsedBlock =
  | { ok: true; rows: ExportRow[]; nextLine: number }
  /** `line`: where the record the parse broke in starts, as readRows would name it. */
  | { ok: false; code: string; message: string; line: number };

const NL = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const HEAD_BYTES = 64 * 1024;

/**
 * How the records of the file end, judged from its first line like csv-parse does; null when they end in a lone
 * `\r`, when the first line holds a quote (its end might be quoted, which only a full parse can tell) or when no
 * line end is found near the start: such files are read by one thread.
 */
export async function recordEndOf(path: string): Promise<RecordEnd | null> {
  const head = await readHead((await openBytes(path)).stream, HEAD_BYTES);
  const end = head.findIndex((byte) => byte === NL || byte === CR);
  if (end === -1 || head.subarray(0, end).includes(QUOTE)) return null;
  if (head[end] === NL) return '\n';
  return head[end + 1] === NL ? '\r\n' : null;
}

/**
 * The bytes in blocks of at least `blockBytes` (but the last), each ending at the first record end past that
 * size; the first block holds at least `headerRow` lines. A stretch of `maxUncutBytes` without a record end is cut where it is (`cutInsideRecord`), so that a
 * file of one endless line is never held whole.
 */
export async function* cutBlocks(
  bytes: AsyncIterable<Buffer>,
  recordEnd: RecordEnd,
  blockBytes: number,
  maxUncutBytes: number,
  headerRow: number,
): AsyncGenerator<ByteBlock> {
  let rest = Buffer.alloc(0);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let firstLine = 1;
  let first = true;
  for await (const chunk of bytes) {
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (rest.length + pendingBytes < blockBytes) continue;
    let gathered = Buffer.concat([rest, ...pending]);
    pending = [];
    pendingBytes = 0;
    for (;;) {
      // The first block reaches past the header row, which is parsed there (`from_line`) and skipped.
      const from = first ? afterNewlines(gathered, headerRow) : 0;
      let end = from === -1 ? -1 : cutAfter(gathered, Math.max(blockBytes - 1, from), recordEnd);
      const forced = end === -1 && gathered.length >= maxUncutBytes;
      if (end === -1 && !forced) break;
      if (forced) end = gathered.length;
      // A copy of its own: a view would carry the whole gathered buffer to the thread it is posted to.
      const block = Buffer.from(gathered.subarray(0, end));
      yield { bytes: block, firstLine, first, cutInsideRecord: forced };
      firstLine += countNewlines(block);
      first = false;
      gathered = gathered.subarray(end);
      if (gathered.length < blockBytes) break;
    }
    rest = Buffer.from(gathered);
  }
  const last = Buffer.concat([rest, ...pending]);
  if (last.length > 0) yield { bytes: last, firstLine, first, cutInsideRecord: false };
}

/** Two adjacent blocks as one (the first ended inside a quoted field the second goes on with). */
export function joinBlocks(block: ByteBlock, next: ByteBlock): ByteBlock {
  return { ...block, bytes: Buffer.concat([block.bytes, next.bytes]), cutInsideRecord: next.cutInsideRecord };
}

/**
 * The index just past the first record end at or after `from` that an even number of quotes precedes (in a
 * well-formed CSV, outside a quoted field), else just past the first record end at or after `from`; -1 when
 * there is none. Cutting at the first line end alone lands inside a quoted field whenever a multi-line field
 * holds it; with a multi-line last column that is nearly every cut, and each such block is parsed again with
 * the next. Quotes are only a guess (a literal quote in an unquoted field counts too): the parse still checks
 * every cut.
 */
function cutAfter(bytes: Buffer, from: number, recordEnd: RecordEnd): number {
  const first = recordEndAt(bytes, from, recordEnd);
  let quotes = countQuotes(bytes, 0, first);
  for (let at = first; at !== -1;) {
    if (quotes % 2 === 0) return at + 1;
    const next = recordEndAt(bytes, at + 1, recordEnd);
    if (next !== -1) quotes += countQuotes(bytes, at, next);
    at = next;
  }
  return first === -1 ? -1 : first + 1;
}

/** The index of the `\n` of the first record end at or after `from`, or -1. */
function recordEndAt(bytes: Buffer, from: number, recordEnd: RecordEnd): number {
  let at = bytes.indexOf(NL, from);
  if (recordEnd === '\r\n') {
    while (at !== -1 && (at === 0 || bytes[at - 1] !== CR)) at = bytes.indexOf(NL, at + 1);
  }
  return at;
}

function countQuotes(bytes: Buffer, from: number, to: number): number {
  let count = 0;
  for (let at = bytes.indexOf(QUOTE, from); at !== -1 && at < to; at = bytes.indexOf(QUOTE, at + 1)) count += 1;
  return count;
}

/** The index just past the `count`-th `\n`, or -1. */
function afterNewlines(bytes: Buffer, count: number): number {
  let at = -1;
  for (let seen = 0; seen < count; seen += 1) {
    at = bytes.indexOf(NL, at + 1);
    if (at === -1) return -1;
  }
  return at + 1;
}

function countNewlines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(NL); at !== -1; at = bytes.indexOf(NL, at + 1)) count += 1;
  return count;
}

/**
 * The data rows of one block, numbered and filtered as readRows does, or the CSV error its parse stopped at.
 * Errors other than csv-parse's (none are expected) are thrown.
 */
export function parseBlock(
  block: ByteBlock,
  format: ExportFormat,
  bounds: ReadBounds,
  recordEnd: RecordEnd,
): ParsedBlock {
  const text = format.encoding === 'utf-8' ? block.bytes : iconv.decode(block.bytes, 'win1252');
  const fromLine = block.first ? format.headerRow : 1;
  const options: Options = {
    ...csvOptions(format, bounds),
    record_delimiter: recordEnd,
    bom: block.first,
    from_line: fromLine,
  };
  const startLine = block.first ? format.headerRow : block.firstLine;
  let records: string[][];
  try {
    // Title rows before the header go to csv-parse, which counts their lines its own way (a lone `\r` ends one).
    const plain =
      fromLine === 1 ? plainRecords(text, { delimiter: format.delimiter, recordEnd, bom: block.first }, bounds) : null;
    records = plain ?? parse(text, options);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('CSV_')) throw error;
    return { ok: false, code, message: (error as Error).message, line: brokenRecordLine(text, options, startLine) };
  }
  const rows: ExportRow[] = [];
  let nextLine = startLine;
  let lastRecordLine = startLine;
  for (const [index, cells] of records.entries()) {
    lastRecordLine = nextLine;
    nextLine += 1 + newlinesIn(cells);
    if (block.first && index === 0) continue;
    if (cells.length === 1 && cells[0] === '') continue;
    rows.push({ cells, line: lastRecordLine });
  }
  if (block.cutInsideRecord) {
    return { ok: false, code: 'CSV_MAX_RECORD_SIZE', message: 'no record end found', line: lastRecordLine };
  }
  return { ok: true, rows, nextLine };
}

const BOM = '\uFEFF';

/**
 * csv-parse's records of a block that holds no quote, split at its record ends and delimiters at about a fifth of
 * csv-parse's cost (docs/scaling.md, "Parsing in worker threads"): without quotes a record is one line, and a
 * field what lies between delimiters. `blocks.test.ts` holds the two equal on random text. Null when csv-parse
 * must read the block: it holds a quote, is long enough to hold a record over IMPORT_MAX_RECORD_BYTES (whose
 * error only csv-parse names), or opens the file with a UTF-16LE byte-order mark.
 */
export function plainRecords(
  text: string | Buffer,
  read: { delimiter: string; recordEnd: RecordEnd; bom: boolean },
  bounds: Pick<ReadBounds, 'maxRecordBytes'>,
): string[][] | null {
  // Text is a Windows-1252 file decoded, one character per byte of it.
  const windows1252 = typeof text === 'string';
  // csv-parse counts a record's UTF-8 bytes: a Windows-1252 character is at most three of them.
  const mostRecordBytes = windows1252 ? text.length * 3 : text.length;
  if (mostRecordBytes > bounds.maxRecordBytes || text.includes('"')) return null;
  // csv-parse reads bytes that open with a UTF-16LE byte-order mark as UTF-16LE.
  if (!windows1252 && read.bom && text[0] === 0xff && text[1] === 0xfe) return null;
  const decoded = windows1252 ? text : text.toString('utf8');
  // csv-parse drops a UTF-8 BOM (its bytes decoded as Windows-1252 are three letters, which stay).
  const body = read.bom && decoded.startsWith(BOM) ? decoded.slice(1) : decoded;
  const lines = body.split(read.recordEnd);
  // Text that ends with a record end has no record after it.
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.split(read.delimiter));
}

/** Like export-file's brokenRecordLine, for one block: its records counted as they are parsed up to the error. */
function brokenRecordLine(text: string | Buffer, options: Options, startLine: number): number {
  let parsedThroughLine = startLine - 1;
  try {
    parse(text, {
      ...options,
      on_record: (record: string[]) => {
        parsedThroughLine += 1 + newlinesIn(record);
        return record;
      },
    });
  } catch {
    // The same error again: where it stopped is what was wanted.
  }
  return parsedThroughLine + 1;
}
