/**
 * What a file is, from its first bytes: byte-order mark, encoding (valid UTF-8, else Windows-1252),
 * delimiter (the candidate with the most consistent count per record, quotes respected) and line ending.
 * Pure: the caller reads the bytes (64 KiB is plenty).
 */
export type Delimiter = ',' | ';' | '\t';

export interface Sniffed {
  bom: boolean;
  encoding: 'utf-8' | 'windows-1252';
  delimiter: Delimiter;
  lineEnding: '\r\n' | '\n' | '\r';
  /** Why the delimiter won, e.g. "';' on every one of 12 records (6 each)". */
  reason: string;
}

const CANDIDATES: readonly Delimiter[] = [',', ';', '\t'];
const MAX_RECORDS = 50;

/** True when `bytes` is valid UTF-8; a sequence cut off at the end of the sample is allowed. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  for (let index = 0; index < bytes.length;) {
    const byte = bytes[index]!;
    const length =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte <= 0xdf
          ? 2
          : byte >= 0xe0 && byte <= 0xef
            ? 3
            : byte >= 0xf0 && byte <= 0xf4
              ? 4
              : 0;
    if (length === 0) return false;
    for (let next = 1; next < length; next++) {
      if (index + next >= bytes.length) return true;
      if ((bytes[index + next]! & 0xc0) !== 0x80) return false;
    }
    index += length;
  }
  return true;
}

/** Never throws; an empty sample sniffs as UTF-8, comma, LF. */
export function sniff(bytes: Uint8Array): Sniffed {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const encoding = isValidUtf8(body) ? 'utf-8' : 'windows-1252';
  const text = new TextDecoder(encoding).decode(body);
  const records = countPerRecord(text);
  const { delimiter, reason } = chooseDelimiter(records);
  return { bom, encoding, delimiter, lineEnding: lineEnding(text), reason };
}

function lineEnding(text: string): Sniffed['lineEnding'] {
  const newline = text.indexOf('\n');
  const carriage = text.indexOf('\r');
  if (carriage >= 0 && (newline < 0 || carriage < newline)) return text[carriage + 1] === '\n' ? '\r\n' : '\r';
  return '\n';
}

/** Delimiter counts outside quotes per complete record (a quoted field may span lines). */
function countPerRecord(text: string): number[][] {
  const records: number[][] = [];
  let counts = [0, 0, 0];
  let quoted = false;
  for (let index = 0; index < text.length && records.length < MAX_RECORDS; index++) {
    const char = text[index];
    if (char === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      records.push(counts);
      counts = [0, 0, 0];
    } else {
      const candidate = CANDIDATES.indexOf(char as Delimiter);
      if (candidate >= 0) counts[candidate]!++;
    }
  }
  // A last record without a newline counts only when the sample holds nothing else.
  if (records.length === 0 && counts.some((count) => count > 0)) records.push(counts);
  return records;
}

function chooseDelimiter(records: number[][]): { delimiter: Delimiter; reason: string } {
  let best: { delimiter: Delimiter; consistent: number; count: number } | null = null;
  CANDIDATES.forEach((delimiter, candidate) => {
    const header = records[0]?.[candidate] ?? 0;
    if (header === 0) return;
    const consistent = records.filter((record) => record[candidate] === header).length;
    if (!best || consistent > best.consistent || (consistent === best.consistent && header > best.count)) {
      best = { delimiter, consistent, count: header };
    }
  });
  const chosen = best as { delimiter: Delimiter; consistent: number; count: number } | null;
  if (!chosen) return { delimiter: ',', reason: 'no comma, semicolon or tab in the header row; assumed comma' };
  const shown = chosen.delimiter === '\t' ? 'tab' : `'${chosen.delimiter}'`;
  return {
    delimiter: chosen.delimiter,
    reason: `${shown}: ${chosen.count} per record on ${chosen.consistent} of ${records.length} records`,
  };
}
