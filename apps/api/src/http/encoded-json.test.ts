import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeJson, preferredCoding } from './encoded-json.ts';

describe('preferredCoding (RFC 9110 §12.5.3)', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['identity', null],
    ['gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['br;q=1.0, gzip;q=0.8', 'br'],
    ['gzip;q=0', null],
    ['gzip; q=0.000', null],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['*;q=0', null],
    ['*, br;q=0', 'gzip'],
    ['gzip;q=0, *;q=0.1', 'br'],
    ['deflate, zstd', null],
    ['br;q=abc, gzip', 'gzip'],
  ])('%j → %s', (header, expected) => {
    expect(preferredCoding(header)).toBe(expected);
  });
});

describe('encodeJson', () => {
  it('keeps the serialised text as bytes, with brotli and gzip bodies that decode back to it', async () => {
    const json = JSON.stringify({ rows: Array.from({ length: 200 }, (_, i) => ({ i, name: `vendor ${i}` })) });
    const body = await encodeJson(json);
    expect(body.identity.toString('utf8')).toBe(json);
    const { br, gzip } = body.compressed!;
    expect(brotliDecompressSync(br).toString('utf8')).toBe(json);
    expect(gunzipSync(gzip).toString('utf8')).toBe(json);
    expect(br.length).toBeLessThan(body.identity.length);
    expect(gzip.length).toBeLessThan(body.identity.length);
  });

  it('does not compress a body too small to gain from it', async () => {
    expect((await encodeJson('{"ok":true}')).compressed).toBeNull();
  });
});
