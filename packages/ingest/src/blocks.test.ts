import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { cutBlocks, plainRecords, type ByteBlock, type RecordEnd } from './blocks.ts';
import { csvOptions } from './export-file.ts';

async function* chunksOf(bytes: Buffer, size: number) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function cut(text: string, blockBytes: number): Promise<ByteBlock[]> {
  const blocks: ByteBlock[] = [];
  for await (const block of cutBlocks(chunksOf(Buffer.from(text), 100), '\n', blockBytes, 1 << 20, 1)) {
    blocks.push(block);
  }
  return blocks;
}

describe('cutBlocks', () => {
  it('cuts after a record, not inside a multi-line last column whose line ends come first', async () => {
    // Every record's last field is quoted and ends in a line end: of its two line ends, only the second ends it.
    const records = Array.from({ length: 500 }, (_, i) => `${String(i).padStart(7, '0')},"a note\n"\n`);
    const text = `id,note\n${records.join('')}`;
    const blocks = await cut(text, 256);

    expect(Buffer.concat(blocks.map((b) => b.bytes)).toString()).toBe(text);
    expect(blocks.length).toBeGreaterThan(10);
    let line = 1;
    for (const [index, block] of blocks.entries()) {
      const body = block.bytes.toString();
      expect(block.firstLine).toBe(line);
      line += body.split('\n').length - 1;
      // Each block holds whole records (after the first block's header): an even number of quotes, a record end last.
      expect(body.split('"').length % 2, `block ${index}`).toBe(1);
      expect(body.endsWith('"\n'), `block ${index}`).toBe(true);
    }
  });

  it('still cuts where quotes are unbalanced (a literal quote in an unquoted field), leaving the parse to check', async () => {
    const records = Array.from({ length: 300 }, (_, i) => `${i},5" screen\n`);
    const text = `id,item\n${records.join('')}`;
    const blocks = await cut(text, 128);

    expect(Buffer.concat(blocks.map((b) => b.bytes)).toString()).toBe(text);
    expect(blocks.length).toBeGreaterThan(10);
    for (const block of blocks) expect(block.bytes.toString().endsWith('\n')).toBe(true);
  });
});

describe('plainRecords', () => {
  // Bytes that matter to a parse without quotes: both delimiters tried, both line ends, spaces, a BOM's bytes,
  // multi-byte and broken UTF-8, and plain letters.
  const pieces = [',', ';', '\t', '\n', '\r', '\r\n', ' ', 'a', 'Zoë', '\xEF\xBB\xBF', '\xE2\x82', '\xFF', '\xFE', '0'];
  const piece = fc.constantFrom(...pieces.map((p) => Buffer.from(p, 'latin1')));
  const block = fc.array(piece, { maxLength: 80 }).map((parts) => Buffer.concat(parts));
  const reading = fc.record({
    bytes: fc.oneof(
      block,
      block.map((b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b])),
    ),
    delimiter: fc.constantFrom(',', ';', '\t'),
    recordEnd: fc.constantFrom<RecordEnd>('\n', '\r\n'),
    bom: fc.boolean(),
    windows1252: fc.boolean(),
  });

  it('gives the records csv-parse gives for any text without a quote', () => {
    fc.assert(
      fc.property(reading, ({ bytes, delimiter, recordEnd, bom, windows1252 }) => {
        const text = windows1252 ? iconv.decode(bytes, 'win1252') : bytes;
        const bounds = { maxRecordBytes: 1 << 20 };
        // The options every block is parsed with (a block after the first starts at its line 1).
        const options = { ...csvOptions({ delimiter, headerRow: 1 }, bounds), record_delimiter: recordEnd, bom };
        const expected: string[][] = parse(text, options);
        const read = { delimiter, recordEnd, bom };
        // Bytes that open with a UTF-16LE byte-order mark are left to csv-parse, which reads them as UTF-16LE
        // (decoded as Windows-1252 first, they are two letters).
        const utf16 = !windows1252 && bom && bytes[0] === 0xff && bytes[1] === 0xfe;
        expect(plainRecords(text, read, bounds)).toEqual(utf16 ? null : expected);
      }),
      { numRuns: 5_000 },
    );
  });

  it('leaves to csv-parse a block with a quote, one that could hold a record over the limit, or a UTF-16 start', () => {
    const read = { delimiter: ',', recordEnd: '\n' as const, bom: false };
    const quoted = Buffer.from('a,"b"\n');
    expect(plainRecords(quoted, read, { maxRecordBytes: 1000 })).toBeNull();
    const long = Buffer.from('abcdef\n');
    expect(plainRecords(long, read, { maxRecordBytes: 6 })).toBeNull();
    expect(plainRecords(long, read, { maxRecordBytes: 7 })).toEqual([['abcdef']]);
    // Read as Windows-1252, each 0x80 is a euro sign: three UTF-8 bytes to csv-parse.
    const euros = Buffer.from([0x80, 0x80, 0x0a]);
    expect(plainRecords(iconv.decode(euros, 'win1252'), read, { maxRecordBytes: 8 })).toBeNull();
    expect(plainRecords(iconv.decode(euros, 'win1252'), read, { maxRecordBytes: 9 })).toEqual([['€€']]);
    const utf16 = Buffer.from([0xff, 0xfe, 0x61, 0x00]);
    expect(plainRecords(utf16, { ...read, bom: true }, { maxRecordBytes: 1000 })).toBeNull();
  });
});
