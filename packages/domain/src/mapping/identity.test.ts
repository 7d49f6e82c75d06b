import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { MappingDocument } from './document.ts';
import { canonicalJson, mappingSha256 } from './identity.ts';
import { builtinPresets } from './presets/index.ts';

const document: MappingDocument = {
  source: 'generic',
  file: { timeZone: 'Europe/Berlin', nulls: ['-', 'n/a'] },
  vendor: { kind: 'column', column: 'team' },
  fields: {
    externalId: { kind: 'column', column: 'id' },
    createdAt: { kind: 'column', column: 'created' },
    channel: { kind: 'column', column: 'channel', map: { Mail: 'email', '10': 'voice', '2': null } },
  },
};

/** The same document with every object's keys written in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, item]) => [key, reversed(item)]),
    );
  }
  return value;
}

describe('canonicalJson', () => {
  test('sorts keys at every depth, integer-like keys included, and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: null, c: 'x' }], '10': true, '9': false })).toBe(
      '{"10":true,"9":false,"a":[3,{"c":"x","d":null}],"b":1}',
    );
  });

  test('leaves out undefined properties and escapes strings like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: 'line\n"quoted"\u0001é', c: [undefined] })).toBe(
      `{"b":${JSON.stringify('line\n"quoted"\u0001é')},"c":[null]}`,
    );
  });
});

describe('mappingSha256', () => {
  const digest = mappingSha256(document, 'UTC');

  test('is the sha-256 of the canonical JSON of the document and the time zone', () => {
    const text = canonicalJson({ document, timeZone: 'UTC' });
    expect(digest).toBe(createHash('sha256').update(text).digest('hex'));
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
  });

  test('does not change with the order of keys, nor through a JSON round trip', () => {
    expect(mappingSha256(reversed(document) as MappingDocument, 'UTC')).toBe(digest);
    expect(mappingSha256(JSON.parse(JSON.stringify(document)) as MappingDocument, 'UTC')).toBe(digest);
  });

  test('changes with any value of the document, and with the time zone', () => {
    const changed: MappingDocument[] = [
      { ...document, vendor: { kind: 'column', column: 'site' } },
      { ...document, vendor: { kind: 'constant', value: 'team' } },
      { ...document, file: { ...document.file, timeZone: 'Europe/Paris' } },
      { ...document, file: { ...document.file, nulls: ['n/a', '-'] } },
      {
        ...document,
        fields: { ...document.fields, channel: { kind: 'column', column: 'channel', map: { Mail: 'web' } } },
      },
    ];
    const digests = changed.map((d) => mappingSha256(d, 'UTC'));
    expect(new Set([digest, ...digests]).size).toBe(changed.length + 1);
    expect(mappingSha256(document, 'Asia/Kolkata')).not.toBe(digest);
  });

  test('tells the built-in presets apart', () => {
    const digests = builtinPresets.map((p) => mappingSha256(p.document, 'UTC'));
    expect(new Set(digests).size).toBe(builtinPresets.length);
  });
});
