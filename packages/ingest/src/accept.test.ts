import { compileMapping } from '@scorecard/domain/mapping/compile';
import type { MappingDocument } from '@scorecard/domain/mapping/document';
import { describe, expect, it } from 'vitest';
import { acceptRow } from './accept.ts';

const HEADERS = ['id', 'created', 'note'];
const document: MappingDocument = {
  source: 'generic',
  file: {},
  fields: {
    externalId: { kind: 'column', column: 'id' },
    createdAt: { kind: 'column', column: 'created' },
    channel: { kind: 'constant', value: 'email' },
  },
  reported: { note: { column: 'note', type: 'text' } },
};
const compiled = compileMapping(document, HEADERS, {});

describe('acceptRow: a reported figure must fit in PostgreSQL text', () => {
  it.each([
    ['plain text', 'escalated twice', null],
    ['a NUL character', 'escal\u0000ated', 'reported'],
    ['a backslash and "u0000" written out, which is text and not a NUL', 'see \\u0000 in the log', null],
  ])('%s', (_, note, rejectedColumn) => {
    const result = acceptRow(compiled, { cells: ['c1', '2026-03-02 09:00:00', note], line: 2 }, HEADERS.length);
    if (rejectedColumn === null) expect(result).toMatchObject({ ok: true, value: { reported: { note } } });
    else
      expect(result).toEqual({
        ok: false,
        reject: { line: 2, column: rejectedColumn, reason: 'a reported figure contains a NUL character' },
      });
  });
});
