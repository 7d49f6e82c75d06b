import { describe, expect, test } from 'vitest';
import type { CanonicalCase, NormaliseResult } from './canonical.ts';
import { compileMapping, MappingDocumentError } from './compile.ts';
import { rankPresets } from './detect.ts';
import type { ColumnSource, MappingDocument, MappingFields } from './document.ts';
import { validateMappingDocument } from './document.ts';
import { builtinPresets } from './presets/index.ts';
import { sniff } from './sniff.ts';

const col = (column: string, extra: Omit<ColumnSource, 'kind' | 'column'> = {}): ColumnSource => ({
  kind: 'column',
  column,
  ...extra,
});
const HEADERS = ['id', 'created', 'date', 'time', 'wait', 'talk', 'hold', 'wrap', 'flag', 'score', 'channel', 'text'];

/** One row through a document made of the required fields plus `fields`. */
function run(
  fields: Partial<MappingFields>,
  cells: Record<string, string>,
  file: MappingDocument['file'] = {},
  timeZone?: string,
): NormaliseResult {
  const document: MappingDocument = {
    source: 'generic',
    file,
    fields: {
      externalId: col('id'),
      createdAt: col('created'),
      channel: { kind: 'constant', value: 'voice' },
      ...fields,
    },
  };
  const compiled = compileMapping(document, HEADERS, { timeZone });
  return compiled.normalise(
    HEADERS.map((header) => cells[header] ?? ''),
    7,
  );
}
const row = { id: 'x1', created: '2026-03-02 09:00:00' };
const DROPPED = '; the value was left empty';
const value = (result: NormaliseResult) => {
  if (!result.ok) throw new Error('reject' in result ? `rejected: ${result.reject.reason}` : 'skipped');
  return result.value;
};

describe('derivations', () => {
  test('date column + time column (no leading zero), read in the source zone', () => {
    const result = run(
      { createdAt: { kind: 'date-time', date: col('date'), time: col('time') } },
      { id: 'x', date: '2021-01-01', time: '9:12:58' },
      {},
      'Europe/Berlin',
    );
    expect(value(result).createdAt.toISOString()).toBe('2021-01-01T08:12:58.000Z');
  });

  test('a local time inside a daylight-saving gap is a reject naming the zone', () => {
    expect(run({}, { id: 'x', created: '2026-03-29 02:30:00' }, {}, 'Europe/Berlin')).toEqual({
      ok: false,
      reject: {
        line: 7,
        column: 'created',
        reason:
          "created at: 2026-03-29 02:30 ('2026-03-29 02:30:00') does not exist in Europe/Berlin (daylight-saving gap)",
      },
    });
    expect(
      value(run({}, { id: 'x', created: '2026-10-25 02:30:00' }, {}, 'Europe/Berlin')).createdAt.toISOString(),
    ).toBe('2026-10-25T00:30:00.000Z');
  });

  test('the document zone wins over the import option; an explicit offset wins over both', () => {
    expect(value(run({}, row, { timeZone: 'Asia/Kolkata' }, 'Europe/Berlin')).createdAt.toISOString()).toBe(
      '2026-03-02T03:30:00.000Z',
    );
    expect(
      value(run({}, { id: 'x', created: '2026-03-02T09:00:00-05:00' }, {}, 'Europe/Berlin')).createdAt.toISOString(),
    ).toBe('2026-03-02T14:00:00.000Z');
  });

  test.each<[string, Partial<MappingFields>, Record<string, string>, number | null]>([
    ['seconds', { handleSeconds: col('talk', { unit: 's' }) }, { talk: '42' }, 42],
    ['minutes', { handleSeconds: col('talk', { unit: 'min' }) }, { talk: '1.5' }, 90],
    ['hours', { handleSeconds: col('talk', { unit: 'h' }) }, { talk: '0.25' }, 900],
    ['H:MM:SS over 24 h', { handleSeconds: col('talk', { unit: 'hms' }) }, { talk: '25:00:01' }, 90_001],
    ['rounded to whole seconds', { handleSeconds: col('talk', { unit: 'ms' }) }, { talk: '1600' }, 2],
    [
      'sum of talk + hold + wrap',
      {
        handleSeconds: {
          kind: 'sum',
          parts: [col('talk', { unit: 's' }), col('hold', { unit: 's' }), col('wrap', { unit: 's' })],
        },
      },
      { talk: '100', hold: '', wrap: '20' },
      120,
    ],
    [
      'sum with every part blank',
      { handleSeconds: { kind: 'sum', parts: [col('talk', { unit: 's' }), col('hold', { unit: 's' })] } },
      {},
      null,
    ],
    [
      'zero time as a null sentinel',
      { handleSeconds: col('talk', { unit: 'hms', nulls: ['0:00:00'] }) },
      { talk: '0:00:00' },
      null,
    ],
  ])('duration: %s', (_name, fields, cells, expected) => {
    expect(value(run(fields, { ...row, ...cells })).handleSeconds).toBe(expected);
  });

  test('timestamp + durations: first response = created + wait; end of call = created + wait + talk + hold', () => {
    const add = (...columns: string[]) => columns.map((column) => col(column, { unit: 's' }));
    const result = value(
      run(
        {
          firstResponseAt: { kind: 'offset', base: 'createdAt', add: add('wait') },
          solvedAt: { kind: 'offset', base: 'createdAt', add: add('wait', 'talk', 'hold') },
        },
        { ...row, wait: '20', talk: '100', hold: '10' },
      ),
    );
    expect([result.firstResponseAt?.toISOString(), result.solvedAt?.toISOString()]).toEqual([
      '2026-03-02T09:00:20.000Z',
      '2026-03-02T09:02:10.000Z',
    ]);
  });

  test('value maps with a default, null sentinels per field and per file', () => {
    const channel = col('channel', { map: { Mail: 'email', Offered: null }, default: 'web' });
    expect(value(run({ channel }, { ...row, channel: 'mail' })).channel).toBe('email');
    expect(value(run({ channel }, { ...row, channel: 'Portal' })).channel).toBe('web');
    expect(run({ channel }, { ...row, channel: 'Offered' })).toMatchObject({
      ok: false,
      reject: { column: 'channel', reason: 'channel: missing (blank)' },
    });
    expect(value(run({ queue: col('text') }, { ...row, text: '-' }, { nulls: ['-'] })).queue).toBeNull();
    expect(
      value(run({ solvedAt: col('date') }, { ...row, date: '1900-01-01 00:00:00' }, { nulls: ['1900-01-01 00:00:00'] }))
        .solvedAt,
    ).toBeNull();
    expect(value(run({ queue: col('text', { nulls: ['n/a'] }) }, { ...row, text: ' n/a ' })).queue).toBeNull();
  });

  test.each<[string, string, boolean | null]>([
    ['Y', 'Y', true],
    ['no', 'no', false],
    ['1', '1', true],
    ['FALSE', 'FALSE', false],
    ['blank', '', null],
  ])('boolean word %s', (_name, cell, expected) => {
    expect(value(run({ escalated: col('flag') }, { ...row, flag: cell })).escalated).toBe(expected);
  });

  test('answered and abandoned are complements when only one is mapped; outcome words map to booleans', () => {
    const answered = col('flag', { map: { Handled: 'true', Abandoned: 'false' } });
    expect(value(run({ answered }, { ...row, flag: 'Handled' }))).toMatchObject({ answered: true, abandoned: false });
    expect(value(run({ answered }, { ...row, flag: 'Abandoned' }))).toMatchObject({ answered: false, abandoned: true });
    expect(value(run({ abandoned: col('flag') }, { ...row, flag: 'N' }))).toMatchObject({
      answered: true,
      abandoned: false,
    });
  });

  test.each<[string, 5 | 2 | 'auto', string, [number, number] | null | string]>([
    ['1–5 digit', 'auto', '4', [4, 5]],
    ['float string', 5, '4.0', [4, 5]],
    ['good', 'auto', 'Good', [2, 2]],
    ['bad', 2, 'bad', [1, 2]],
    ['out of scale', 5, '6', 'CSAT: score 6 is outside the 1–5 scale'],
    ['zero', 'auto', '0', 'CSAT: score 0 is outside the 1–5 scale'],
    ['3 on good/bad', 2, '3', 'CSAT: score 3 is outside the 1–2 scale'],
    ['fraction', 5, '4.5', 'CSAT: score 4.5 is not a whole score'],
    [
      'word on a 1–5 scale',
      5,
      'good',
      "CSAT: 'good' is not a score (expected 1–5; map other values, e.g. Offered → empty)",
    ],
    ['blank', 'auto', '', null],
  ])('CSAT %s', (_name, scale, cell, expected) => {
    const result = run({ csatScore: col('score', { scale }) }, { ...row, score: cell });
    // CSAT is optional: a bad score empties it for that row, with a warning; the case stays.
    if (typeof expected === 'string') {
      expect(value(result).csatScore).toBeNull();
      expect(result).toMatchObject({ warnings: [{ line: 7, column: 'score', reason: `${expected}${DROPPED}` }] });
    } else expect([value(result).csatScore, value(result).csatScale]).toEqual(expected ?? [null, null]);
  });
});

describe('required fields reject the row', () => {
  test.each<[string, Partial<MappingFields>, Record<string, string>, string | null, string]>([
    [
      'unparseable date',
      {},
      { id: 'x', created: '2026-02-30 10:00' },
      'created',
      "created at: unparseable date '2026-02-30 10:00' (expected YYYY-MM-DD[ HH:MM[:SS]][±HH:MM])",
    ],
    ['missing external id', {}, { created: '2026-03-02 09:00' }, 'id', 'external id: missing (blank)'],
    ['missing created at', {}, { id: 'x' }, 'created', 'created at: missing (blank)'],
    [
      'unknown channel',
      { channel: col('channel') },
      { ...row, channel: 'Fax' },
      'channel',
      "channel: unknown channel 'Fax' (expected voice, chat, email, web or social; map it in the value map)",
    ],
    [
      'external id over its length limit',
      {},
      { ...row, id: 'x'.repeat(256) },
      'id',
      'external id: 256 characters is over the limit of 255',
    ],
  ])('%s', (_name, fields, cells, column, reason) => {
    expect(run(fields, cells)).toEqual({ ok: false, reject: { line: 7, column, reason } });
  });
});

describe('optional fields fail alone: the field is emptied with a warning, the case is kept', () => {
  test.each<[string, Partial<MappingFields>, Record<string, string>, keyof CanonicalCase, string | null, string]>([
    [
      'unparseable duration',
      { waitSeconds: col('wait', { unit: 'hms' }) },
      { ...row, wait: 'soon' },
      'waitSeconds',
      'wait',
      "wait time: unparseable duration 'soon' (expected H:MM:SS)",
    ],
    [
      'negative duration',
      { waitSeconds: col('wait', { unit: 's' }) },
      { ...row, wait: '-3' },
      'waitSeconds',
      'wait',
      "wait time: negative duration '-3'",
    ],
    ['tier', { tier: col('text') }, { ...row, text: '3' }, 'tier', 'text', "tier: '3' is not 1 or 2"],
    [
      'reopens',
      { reopenCount: col('text') },
      { ...row, text: '-1' },
      'reopenCount',
      'text',
      "reopen count: '-1' is not a whole number ≥ 0",
    ],
    [
      'boolean',
      { escalated: col('flag') },
      { ...row, flag: 'maybe' },
      'escalated',
      'flag',
      "escalated: 'maybe' is not a yes/no value (Y/N, yes/no, true/false, 1/0); add it to the value map",
    ],
    [
      'response before creation',
      { firstResponseAt: col('date') },
      { ...row, date: '2026-03-01 08:00' },
      'firstResponseAt',
      'date',
      'first response (2026-03-01 08:00) is before creation (2026-03-02 09:00)',
    ],
    [
      'solved before creation',
      { solvedAt: col('date') },
      { ...row, date: '2026-03-02 08:59:30' },
      'solvedAt',
      'date',
      'solved (2026-03-02 08:59:30) is before creation (2026-03-02 09:00)',
    ],
    [
      'queue over its length limit',
      { queue: col('text') },
      { ...row, text: 'q'.repeat(100_000) },
      'queue',
      'text',
      'queue: 100000 characters is over the limit of 200',
    ],
  ])('%s', (_name, fields, cells, field, column, reason) => {
    const result = run(fields, cells);
    expect(value(result)[field]).toBeNull();
    expect(value(result).externalId).toBe(cells.id);
    expect(result).toMatchObject({ warnings: [{ line: 7, column, reason: `${reason}${DROPPED}` }] });
  });

  test('an abandoned call is never solved, so its end time is not checked', () => {
    const result = value(
      run({ abandoned: col('flag'), solvedAt: col('date') }, { ...row, flag: 'Y', date: '2026-03-01 00:00' }),
    );
    expect([result.solvedAt, result.firstResponseAt]).toEqual([null, null]);
  });
});

describe('documents', () => {
  test('missing columns are listed, optional ones are not', () => {
    const document: MappingDocument = {
      source: 'generic',
      fields: {
        externalId: col('Id'),
        createdAt: col('Created [UTC]'),
        channel: col('Via'),
        queue: col('Brand', { optional: true }),
      },
    };
    expect(compileMapping(document, ['Id', 'Via']).missingColumns).toEqual(['Created [UTC]']);
    expect(compileMapping(document, ['Id', 'Created [UTC]', 'Via']).missingColumns).toEqual([]);
  });

  test('bad documents: schema errors are listed, unusable ones throw MappingDocumentError', () => {
    expect(validateMappingDocument({ source: 'zendesk', fields: { externalId: { kind: 'column' } } })).toMatchObject({
      ok: false,
    });
    for (const preset of builtinPresets)
      expect(validateMappingDocument(preset.document), preset.key).toMatchObject({ ok: true });
    const base: MappingDocument = {
      source: 'generic',
      fields: { externalId: col('id'), createdAt: col('created'), channel: col('channel') },
    };
    expect(() => compileMapping(base, HEADERS, { timeZone: 'Mars/Base' })).toThrow(MappingDocumentError);
    expect(() => compileMapping({ ...base, fields: { ...base.fields, handleSeconds: col('talk') } }, HEADERS)).toThrow(
      /needs a unit/,
    );
    expect(() =>
      compileMapping({ ...base, fields: { ...base.fields, channel: { kind: 'constant', value: 'fax' } } }, HEADERS),
    ).toThrow(MappingDocumentError);
  });
});

describe('sniff and detect', () => {
  test('Windows-1252 bytes (é = 0xE9), semicolons, CRLF; text decodes and normalises', () => {
    const bytes = Uint8Array.from([
      ...Buffer.from('id;created;channel;text\r\n1;2026-03-02 09:00;voice;Caf'),
      0xe9,
      ...Buffer.from('\r\n'),
    ]);
    const sniffed = sniff(bytes);
    expect(sniffed).toMatchObject({ bom: false, encoding: 'windows-1252', delimiter: ';', lineEnding: '\r\n' });
    const [header, data] = new TextDecoder(sniffed.encoding)
      .decode(bytes)
      .split('\r\n')
      .map((line) => line.split(sniffed.delimiter));
    const compiled = compileMapping(
      {
        source: 'generic',
        fields: { externalId: col('id'), createdAt: col('created'), channel: col('channel'), queue: col('text') },
      },
      header!,
    );
    expect(value(compiled.normalise(data!, 2)).queue).toBe('Café');
  });

  test.each<[string, string, Partial<ReturnType<typeof sniff>>]>([
    [
      'utf-8 BOM, tabs, LF',
      '\uFEFFa\tb\tc\n1\t2\t3\n',
      { bom: true, encoding: 'utf-8', delimiter: '\t', lineEnding: '\n' },
    ],
    ['commas inside quotes do not count', 'a;b\n"x, y, z";2\n"1,2";3\n', { delimiter: ';' }],
    ['quoted newline', 'a,b,c\n"multi\nline",2,3\n4,5,6\n', { delimiter: ',' }],
    ['no delimiter at all', 'just one column\nvalue\n', { delimiter: ',' }],
  ])('sniff: %s', (_name, text, expected) => {
    expect(sniff(new TextEncoder().encode(text))).toMatchObject(expected);
  });

  test('rankPresets picks the matching preset and says why', () => {
    const headers = [
      'Id',
      'Requester id',
      'Group',
      'Status',
      'Via',
      'Created at',
      'Solved at',
      'Satisfaction Score',
      'Reopens',
    ];
    const [best, second] = rankPresets(headers, builtinPresets);
    expect(best).toMatchObject({ key: 'zendesk', missingColumns: [] });
    expect(best!.reason).toMatch(/^matched 9 of 21 Zendesk ticket export columns; missing: .*Assignee.*Brand/);
    expect(second!.missingColumns.length).toBeGreaterThan(0);
    const telephony = rankPresets(
      ['Call ID', 'Queue', 'Site', 'Start Time', 'Wait Time', 'Talk Time', 'Disposition'],
      builtinPresets,
    )[0];
    expect(telephony).toMatchObject({ key: 'telephony', missingColumns: [] });
  });
});
