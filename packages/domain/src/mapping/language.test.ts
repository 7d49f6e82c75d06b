/**
 * The mapping language for real call logs: templates, conditions, rows skipped by rule, date + time
 * of day + duration with the next-day rollover, and a CSAT scale stated per row.
 */
import { describe, expect, test } from 'vitest';
import type { NormaliseResult } from './canonical.ts';
import { compileMapping, MappingDocumentError } from './compile.ts';
import { documentColumns, parseTemplate, validateMappingDocument, type MappingDocument } from './document.ts';

const HEADERS = [
  'vru+line',
  'call_id',
  'date',
  'q_start',
  'ser_start',
  'ser_exit',
  'ser_time',
  'outcome',
  'score',
  'scale',
];
const col = (column: string, extra: object = {}) => ({ kind: 'column' as const, column, ...extra });

/** A bank ACD call log document: ids unique only as line + call number, dates and times in separate columns. */
const callLog: MappingDocument = {
  source: 'telephony',
  file: { dateFormat: 'ymd' },
  vendor: { kind: 'constant', value: 'Acme' },
  fields: {
    externalId: { kind: 'template', template: '{vru+line}-{call_id}' },
    createdAt: { kind: 'date-time', date: col('date'), time: col('q_start') },
    channel: { kind: 'constant', value: 'voice' },
    firstResponseAt: { kind: 'date-time', date: col('date'), time: col('ser_start'), after: 'createdAt' },
    solvedAt: {
      kind: 'date-time',
      date: col('date'),
      time: col('ser_start'),
      add: [col('ser_time', { unit: 's' })],
      after: 'createdAt',
    },
    handleSeconds: col('ser_time', { unit: 's' }),
    answered: col('outcome', { map: { AGENT: 'true', HANG: 'false' } }),
  },
  when: { handleSeconds: { column: 'outcome', in: ['AGENT'] }, solvedAt: { column: 'outcome', in: ['agent'] } },
  skip: [{ column: 'outcome', in: ['PHANTOM'] }],
};

function run(document: MappingDocument, cells: Record<string, string>, headers = HEADERS): NormaliseResult {
  const compiled = compileMapping(document, headers, { timeZone: 'Asia/Jerusalem' });
  expect(compiled.missingColumns).toEqual([]);
  return compiled.normalise(
    headers.map((header) => cells[header] ?? ''),
    3,
  );
}
const call = {
  'vru+line': 'AA0101',
  call_id: '33116',
  date: '990101',
  q_start: '23:59:50',
  ser_start: '00:00:20',
  ser_exit: '00:03:00',
  ser_time: '160',
  outcome: 'AGENT',
};
const value = (result: NormaliseResult) => {
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.value;
};

describe('the call-log document', () => {
  test('is a valid document that reads the columns of its templates and conditions', () => {
    expect(validateMappingDocument(callLog)).toMatchObject({ ok: true });
    expect(documentColumns(callLog).required.sort()).toEqual(
      ['call_id', 'date', 'outcome', 'q_start', 'ser_start', 'ser_time', 'vru+line'].sort(),
    );
  });

  test('a call answered after midnight: the service start and the end roll over to the next day', () => {
    const result = value(run(callLog, call));
    expect(result.externalId).toBe('AA0101-33116');
    expect(result.vendorValue).toBe('Acme');
    // Asia/Jerusalem is UTC+2 in January.
    expect(result.createdAt.toISOString()).toBe('1999-01-01T21:59:50.000Z');
    expect(result.firstResponseAt?.toISOString()).toBe('1999-01-01T22:00:20.000Z');
    expect(result.solvedAt?.toISOString()).toBe('1999-01-01T22:03:00.000Z');
    expect(result.handleSeconds).toBe(160);
  });

  test('a time of day later than the start stays on the same day', () => {
    const result = value(run(callLog, { ...call, q_start: '10:00:00', ser_start: '10:00:30', ser_time: '60' }));
    expect(result.solvedAt?.toISOString()).toBe('1999-01-01T08:01:30.000Z');
  });

  test('conditions: handle time and the end only where the outcome is AGENT (any case)', () => {
    const hang = value(run(callLog, { ...call, outcome: 'HANG', ser_start: '', ser_time: '0' }));
    expect(hang).toMatchObject({ handleSeconds: null, solvedAt: null, answered: false, abandoned: true });
  });

  test('rows skipped by rule are neither cases nor rejects, even when their other cells are bad', () => {
    expect(run(callLog, { ...call, outcome: 'PHANTOM', q_start: 'garbage' })).toEqual({
      ok: false,
      skip: { line: 3, reason: 'skipped by rule: outcome is PHANTOM' },
    });
  });

  test('a blank part of a template gives no id, which rejects the row', () => {
    expect(run(callLog, { ...call, call_id: ' ' })).toEqual({
      ok: false,
      reject: { line: 3, column: 'vru+line', reason: 'external id: missing (blank)' },
    });
  });
});

describe('templates', () => {
  test.each([
    ['{a}-{b}', [{ column: 'a' }, { literal: '-' }, { column: 'b' }]],
    ['id {{{a}}}', [{ literal: 'id {' }, { column: 'a' }, { literal: '}' }]],
    ['{vru+line}', [{ column: 'vru+line' }]],
  ])('%s', (template, parts) => {
    expect(parseTemplate(template)).toEqual(parts);
  });

  test.each(['no columns', '{a', '{}-{b}', 'a}'])('%s is a document mistake', (template) => {
    const document = { ...callLog, fields: { ...callLog.fields, externalId: { kind: 'template' as const, template } } };
    expect(() => compileMapping(document, HEADERS)).toThrow(MappingDocumentError);
  });

  test('a template column missing from the file is a missing column', () => {
    const compiled = compileMapping(
      callLog,
      HEADERS.filter((header) => header !== 'call_id'),
    );
    expect(compiled.missingColumns).toEqual(['call_id']);
  });
});

describe('a CSAT scale stated per row', () => {
  const document: MappingDocument = {
    source: 'generic',
    fields: {
      externalId: col('call_id'),
      createdAt: { kind: 'constant', value: '2026-03-02T09:00:00Z' },
      channel: { kind: 'constant', value: 'email' },
      csatScore: col('score'),
      csatScale: col('scale'),
    },
  };
  test.each<[string, string, [number, number] | string]>([
    ['2', '2', [2, 2]],
    ['1', '2', [1, 2]],
    ['good', '2', [2, 2]],
    ['2', '5', [2, 5]],
    ['4', '5', [4, 5]],
    ['4', '2', 'CSAT: score 4 contradicts the stated scale 2 (good/bad is 1–2)'],
    ['bad', '5', 'CSAT: a good/bad answer contradicts the stated scale 5 (1–5)'],
  ])('score %s on stated scale %s', (score, scale, expected) => {
    const result = run(document, { call_id: 'c1', score, scale });
    if (typeof expected === 'string')
      expect(result).toEqual({ ok: false, reject: { line: 3, column: 'scale', reason: expected } });
    else expect([value(result).csatScore, value(result).csatScale]).toEqual(expected);
  });

  test('an unreadable scale empties the score too, with a warning', () => {
    const result = run(document, { call_id: 'c1', score: '2', scale: '10' });
    expect(result).toMatchObject({
      ok: true,
      value: { csatScore: null, csatScale: null },
      warnings: [
        { column: 'scale', reason: "CSAT scale: '10' is not 2 (good/bad) or 5 (1–5); the value was left empty" },
      ],
    });
  });
});

describe('document validation', () => {
  test.each([
    ['a condition on an unknown field', { when: { vendor: { column: 'outcome', in: ['AGENT'] } } }],
    ['an empty value set', { skip: [{ column: 'outcome', in: [] }] }],
    [
      'after on an unknown field',
      { fields: { ...callLog.fields, solvedAt: { ...callLog.fields.solvedAt, after: 'csatAt' } } },
    ],
  ])('%s is refused', (_name, change) => {
    expect(validateMappingDocument({ ...callLog, ...change })).toMatchObject({ ok: false });
  });

  test("created at cannot roll over 'after' anything", () => {
    const createdAt = {
      kind: 'date-time' as const,
      date: col('date'),
      time: col('q_start'),
      after: 'createdAt' as const,
    };
    expect(() => compileMapping({ ...callLog, fields: { ...callLog.fields, createdAt } }, HEADERS)).toThrow(
      MappingDocumentError,
    );
  });
});
