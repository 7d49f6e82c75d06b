import { describe, expect, it } from 'vitest';
import { hasReplayed, lsnValue } from './replica.ts';

describe('lsnValue', () => {
  it.each([
    ['0/0', 0n],
    ['0/1', 1n],
    ['0/FFFFFFFF', 4294967295n],
    ['1/0', 4294967296n],
    ['16/B374D848', 0x16n * 4294967296n + 0xb374d848n],
    ['ab/cd', 0xabn * 4294967296n + 0xcdn],
  ])('%s is %s', (lsn, value) => {
    expect(lsnValue(lsn)).toBe(value);
  });

  it('orders positions by segment before offset, not as text', () => {
    expect(lsnValue('2/0') > lsnValue('1/FFFFFFFF')).toBe(true);
    expect(lsnValue('0/A0000000') > lsnValue('0/9FFFFFFF')).toBe(true);
  });

  it.each(['', '0', '0/', '/0', 'x/0', '0/123456789', '-1/0'])('refuses %j', (lsn) => {
    expect(() => lsnValue(lsn)).toThrow('Not a WAL position');
  });
});

describe('hasReplayed', () => {
  const geometry = { blockSize: 8192n, segmentSize: 16n * 1024n * 1024n };
  it.each([
    // [replayed, inserted, replayed everything before it?]
    [1000n, 1000n, true],
    [999n, 1000n, false],
    [2000n, 1000n, true],
    // An insert position at the start of a page lies past its 24-byte header; the last record ended before it.
    [8192n, 8192n + 24n, true],
    [8191n, 8192n + 24n, false],
    [3n * 8192n, 3n * 8192n + 24n, true],
    // At the start of a segment the header is 40 bytes.
    [16n * 1024n * 1024n, 16n * 1024n * 1024n + 40n, true],
    [16n * 1024n * 1024n - 8n, 16n * 1024n * 1024n + 40n, false],
    // 24 bytes into a segment's first page is inside its long header: not a page start, nothing removed.
    [16n * 1024n * 1024n, 16n * 1024n * 1024n + 24n, false],
  ])('replayed %s, inserted at %s: %s', (replayed, inserted, expected) => {
    expect(hasReplayed({ replayed, ...geometry }, inserted)).toBe(expected);
  });
});
