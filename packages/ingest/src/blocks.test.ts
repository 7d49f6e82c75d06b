import { describe, expect, it } from 'vitest';
import { cutBlocks, type ByteBlock } from './blocks.ts';

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
