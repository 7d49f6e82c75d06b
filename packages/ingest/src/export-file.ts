/**
 * Reading an uploaded export file: gzip (by magic bytes), encoding (UTF-8 with or without BOM, else
 * Windows-1252), delimiter (sniffed from the header line), then a streaming CSV parse.
 * The API (upload checks, dry run) and the worker (the import) both read files through this module,
 * so a dry run sees exactly what the import will see.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { Transform, type Readable } from 'node:stream';
import { sniff } from '@scorecard/domain/mapping/sniff';
import { parse, type Options } from 'csv-parse';
import iconv from 'iconv-lite';

export type ExportEncoding = 'utf-8' | 'windows-1252';

export interface ExportFormat {
  gzip: boolean;
  encoding: ExportEncoding;
  delimiter: string;
  /** Why this delimiter (sniffed) or "set by the mapping". */
  delimiterReason: string;
  /** 1-based line of the header row (exports may have a title block above the table). */
  headerRow: number;
  /** The header row exactly as written (BOM removed). */
  headers: string[];
}

export interface ExportRow {
  /** Cells in header order; a short or long row keeps its own length (the caller rejects it). */
  cells: string[];
  /** 1-based physical line of the row's first character (multi-line quoted fields counted). */
  line: number;
}

/** The file cannot be an export at all: empty, binary, not delimited text. `found` lists what was seen. */
export class NotAnExport extends Error {
  override name = 'NotAnExport';
  constructor(
    message: string,
    readonly found: string[] = [],
  ) {
    super(message);
  }
}

/**
 * The file breaks a rule of reading it part way through (a CSV structure error, a gzip stream cut short or
 * corrupt, a bound exceeded). The message names what was wrong and where, for a person to act on;
 * `bound` names the operations setting that refused the file, if one did.
 */
export class UnreadableExport extends Error {
  override name = 'UnreadableExport';
  constructor(
    message: string,
    readonly bound: string | null = null,
  ) {
    super(message);
  }
}

/** Operations settings (IMPORT_MAX_*) that keep one file from exhausting memory or disk while it is read. */
export interface ReadBounds {
  /** A record's or field's characters held before its end is found (csv-parse `max_record_size`). */
  maxRecordBytes: number;
  maxDecompressedBytes: number;
  /** Decompressed bytes per compressed byte read so far. */
  maxCompressionRatio: number;
}

const SAMPLE_BYTES = 64 * 1024;
// A ratio is only judged past this much output: the first chunk of any small file can look extreme.
const RATIO_GRACE_BYTES = 1024 * 1024;
const DELIMITERS = [',', ';', '\t'] as const;
const GZIP_MAGIC = [0x1f, 0x8b];
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * The decompressed byte stream of a stored file. With `bounds`, a gzip stream errors with UnreadableExport
 * past the decompressed size or ratio, and a truncated or corrupt one names the compressed byte it broke at.
 */
export async function openBytes(path: string, bounds?: ReadBounds): Promise<{ stream: Readable; gzip: boolean }> {
  const gzip = await isGzip(path);
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  if (!gzip) return { stream: file, gzip };
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  file.on('error', (error) => gunzip.destroy(error));
  if (!bounds) return { stream: file.pipe(gunzip), gzip };
  let decompressedBytes = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      decompressedBytes += chunk.length;
      // Compressed bytes the engine has consumed so far (not merely read from disk ahead of it).
      const compressedBytes = gunzip.bytesWritten;
      if (decompressedBytes > bounds.maxDecompressedBytes) {
        callback(
          new UnreadableExport(
            `The file decompresses to more than ${bounds.maxDecompressedBytes} bytes (IMPORT_MAX_DECOMPRESSED_BYTES).`,
            'IMPORT_MAX_DECOMPRESSED_BYTES',
          ),
        );
        return;
      }
      const ratio = decompressedBytes / Math.max(compressedBytes, 1);
      if (decompressedBytes > RATIO_GRACE_BYTES && ratio > bounds.maxCompressionRatio) {
        callback(
          new UnreadableExport(
            `The file expands more than ${bounds.maxCompressionRatio} times when decompressed ` +
              `(${decompressedBytes} bytes from the first ${compressedBytes}; IMPORT_MAX_COMPRESSION_RATIO).`,
            'IMPORT_MAX_COMPRESSION_RATIO',
          ),
        );
        return;
      }
      callback(null, chunk);
    },
  });
  gunzip.on('error', (error) =>
    guard.destroy(
      new UnreadableExport(
        `The gzip data is truncated or corrupt near compressed byte ${gunzip.bytesWritten}: ${error.message}.`,
      ),
    ),
  );
  file.pipe(gunzip).pipe(guard);
  guard.on('close', () => file.destroy());
  return { stream: guard, gzip };
}

async function isGzip(path: string): Promise<boolean> {
  const head = await readHead(createReadStream(path, { start: 0, end: 1 }), 2);
  return head.length === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

/** Up to `maxBytes` from the start of `stream`, which is then destroyed; a read error is NotAnExport. */
export async function readHead(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= maxBytes) break;
    }
  } catch (error) {
    throw new NotAnExport(`The file could not be read as gzip or text: ${(error as Error).message}`);
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, maxBytes);
}

/**
 * Looks at the first 64 KiB and reads the header row. `options` (from the mapping document) override
 * what is sniffed. Throws NotAnExport for an empty, binary or header-less file.
 */
export async function sniffExport(
  path: string,
  options: {
    delimiter?: string | undefined;
    encoding?: ExportEncoding | undefined;
    headerRow?: number | undefined;
  } = {},
): Promise<ExportFormat> {
  const headerRow = options.headerRow ?? 1;
  const { stream, gzip } = await openBytes(path);
  const sample = await readHead(stream, SAMPLE_BYTES);
  if (sample.length === 0) throw new NotAnExport('The file is empty.');
  if (sample.includes(0)) throw new NotAnExport('The file is binary (it contains NUL bytes), not a CSV export.');
  const sniffed = sniff(sample);
  const encoding = options.encoding ?? sniffed.encoding;
  const text = decode(sample, encoding);
  const firstLine = (text.split('\n', headerRow)[headerRow - 1] ?? '').replace(/\r$/, '');
  if (firstLine.trim() === '') throw new NotAnExport(`Line ${headerRow} of the file is empty: no header row.`);
  const delimiter = options.delimiter ?? sniffed.delimiter;
  const delimiterReason = options.delimiter ? 'set by the mapping' : sniffed.reason;
  const headers = parseLine(firstLine, delimiter);
  if (headers.length < 2) {
    throw new NotAnExport(
      `The header row has a single column (no ${DELIMITERS.map(show).join(', ')} separator found).`,
      headers,
    );
  }
  return { gzip, encoding, delimiter, delimiterReason, headerRow, headers };
}

/**
 * Every data row after the header, streamed with backpressure. Blank lines are skipped.
 * Throws (from the iterator) UnreadableExport when the file itself is broken part way (an unclosed quote, a
 * record past IMPORT_MAX_RECORD_BYTES, a truncated gzip, a decompression bound), naming the line; any other
 * error (the disk) is thrown as it is.
 */
export async function* readRows(path: string, format: ExportFormat, bounds: ReadBounds): AsyncGenerator<ExportRow> {
  let nextLine = format.headerRow;
  let header = true;
  try {
    for await (const cells of parseRecords(path, format, bounds)) {
      const line = nextLine;
      nextLine += 1 + newlinesIn(cells);
      if (header) {
        header = false;
        continue;
      }
      if (cells.length === 1 && cells[0] === '') continue;
      yield { cells, line };
    }
  } catch (error) {
    // A broken record is named by the line it starts on. Records parsed ahead of it may never reach this loop
    // (the stream drops them with the error), so this loop's count cannot say where it starts: the file is
    // parsed again to the same error, counting every record as it is parsed. Counting that way on every import
    // made reading 1.6× slower (csv-parse builds an info object per record for an `on_record` hook). A file
    // that breaks below the parser (a truncated gzip, a decompression bound) is not read twice, since that could
    // be gigabytes again: it names the line the import had reached.
    const code = (error as { code?: unknown }).code;
    const recordLine =
      typeof code === 'string' && code.startsWith('CSV_') ? await brokenRecordLine(path, format, bounds) : nextLine;
    throw describeReadError(error, recordLine, bounds);
  }
}

/**
 * How csv-parse reads an export from its header row on, for the whole file and for one block of it (blocks.ts)
 * alike: ragged rows and stray quotes kept, blank lines kept (readRows drops them after numbering them).
 */
export function csvOptions(
  format: Pick<ExportFormat, 'delimiter' | 'headerRow'>,
  bounds: Pick<ReadBounds, 'maxRecordBytes'>,
) {
  return {
    delimiter: format.delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    from_line: format.headerRow,
    max_record_size: bounds.maxRecordBytes,
  } satisfies Options;
}

/** The header and data records of the file, as csv-parse reads them; `onRecord` sees each as it is parsed. */
async function* parseRecords(
  path: string,
  format: ExportFormat,
  bounds: ReadBounds,
  onRecord?: (record: string[]) => void,
): AsyncGenerator<string[]> {
  const { stream } = await openBytes(path, bounds);
  const text = format.encoding === 'utf-8' ? stream : stream.pipe(iconv.decodeStream('win1252'));
  const parser = text.pipe(
    parse({
      ...csvOptions(format, bounds),
      ...(onRecord && {
        on_record: (record: string[]) => {
          onRecord(record);
          return record;
        },
      }),
    }),
  );
  stream.on('error', (error) => parser.destroy(error));
  try {
    yield* parser as AsyncIterable<string[]>;
  } finally {
    parser.destroy();
    stream.destroy();
  }
}

/**
 * The line the record that broken parsing stopped in starts on: the file parsed again, each record's lines counted
 * as it is parsed (like `line` in readRows, not csv-parse's own `lines`, which counts a CRLF inside a quoted
 * field as two).
 */
async function brokenRecordLine(path: string, format: ExportFormat, bounds: ReadBounds): Promise<number> {
  let parsedThroughLine = format.headerRow - 1;
  try {
    for await (const _ of parseRecords(path, format, bounds, (record) => {
      parsedThroughLine += 1 + newlinesIn(record);
    }));
  } catch {
    // The same error again: where it stopped is what was wanted.
  }
  return parsedThroughLine + 1;
}

/**
 * The error of a broken file as UnreadableExport naming the line its unfinished record starts on; an error that
 * is not the file's (the disk) is returned as it is. The threaded reader (blocks.ts) words its errors here too.
 */
export function describeReadError(error: unknown, recordLine: number, bounds: ReadBounds): unknown {
  if (error instanceof UnreadableExport)
    return new UnreadableExport(`${error.message} (while reading line ${recordLine})`, error.bound);
  const code = (error as { code?: unknown }).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return new UnreadableExport(
      `Line ${recordLine}: a quoted field is opened and never closed (the file ends inside it).`,
    );
  }
  if (code === 'CSV_MAX_RECORD_SIZE') {
    return new UnreadableExport(
      `Line ${recordLine}: a row or field is longer than ${bounds.maxRecordBytes} characters (IMPORT_MAX_RECORD_BYTES).`,
      'IMPORT_MAX_RECORD_BYTES',
    );
  }
  if (typeof code === 'string' && code.startsWith('CSV_')) {
    return new UnreadableExport(`Line ${recordLine}: the file is not valid CSV: ${(error as Error).message}`);
  }
  return error;
}

/** A parsed row back as one CSV line (for the rejects list): quoted where needed. */
export function rawRow(cells: readonly string[], delimiter: string): string {
  return cells
    .map((cell) =>
      cell.includes('"') || cell.includes(delimiter) || cell.includes('\n') || cell.includes('\r')
        ? `"${cell.replaceAll('"', '""')}"`
        : cell,
    )
    .join(delimiter);
}

/** The `\n`s inside a record's cells: the lines it spans beyond its first. */
export function newlinesIn(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) {
    let at = cell.indexOf('\n');
    while (at !== -1) {
      count += 1;
      at = cell.indexOf('\n', at + 1);
    }
  }
  return count;
}

function decode(bytes: Buffer, encoding: ExportEncoding): string {
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes;
  return encoding === 'utf-8' ? body.toString('utf8') : iconv.decode(body, 'win1252');
}

/** Splits one line, honouring double quotes. */
function parseLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) => c.replace(/^\uFEFF/, ''));
}

function startsWith(bytes: Buffer, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function show(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `"${delimiter}"`;
}
