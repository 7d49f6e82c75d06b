/**
 * A first mapping for a file never seen before, from its header row and first rows: each canonical field
 * gets a column by header similarity (tokens and synonyms) that the column's values can satisfy
 * (timestamps and their format, durations, 1–5 scores, yes/no flags), with a reason; required fields
 * nothing fits are named. The user reviews it in the editor; nothing here is authoritative.
 */
import type { Source } from './canonical.ts';
import type { ColumnSource, DateFormat, FieldName, FieldSource, MappingDocument, MappingFields } from './document.ts';
import { parseDuration } from './parse/duration.ts';
import { parseBoolean } from './parse/scalar.ts';
import { parseNumber, parseTimeOfDay, parseTimestamp, type ParsedTimestamp } from './parse/timestamp.ts';
import { CHANNEL_WORDS, REQUIRED, SPECS, type Need, type Target } from './suggest.synonyms.ts';

const DATE_FORMATS: DateFormat[] = ['iso', 'dmy', 'mdy', 'dd-mon-yy', 'ymd'];
/** Dates of something other than the case (`Date of Purchase`, `Due by Time`) never become its timestamps. */
const NOT_CASE_DATES = ['purchase', 'order', 'due', 'birth'];

interface Profile {
  index: number;
  header: string;
  tokens: Set<string>;
  values: string[];
  dateFormat: DateFormat | null;
  dateOnly: boolean;
  ambiguousDayMonth: boolean;
  clock: boolean;
  hms: boolean;
  numeric: boolean;
  whole: boolean;
  scores: boolean;
  goodBad: boolean;
  flag: boolean;
}

export interface FieldSuggestion {
  field: Target;
  source: FieldSource | null;
  reason: string;
}

export interface MappingSuggestion {
  /** A document draft: complete (valid) only when `unmappedRequired` is empty. */
  document: Omit<MappingDocument, 'fields'> & { fields: Partial<MappingFields> };
  fields: FieldSuggestion[];
  unmappedRequired: FieldName[];
}

export function tokens(header: string): Set<string> {
  const spaced = header.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return new Set(spaced.split(/[^a-z0-9]+/).filter((token) => token.length > 0));
}

function fits(values: string[], test: (value: string) => boolean): boolean {
  return values.length > 0 && values.every(test);
}

function profile(header: string, index: number, rows: readonly (readonly string[])[]): Profile {
  const values = rows.map((row) => (row[index] ?? '').trim()).filter((value) => value !== '');
  const out: ParsedTimestamp = { wallMs: 0, offsetMs: Number.NaN };
  const parses = (format: DateFormat) => fits(values, (value) => parseTimestamp(value, format, 70, out));
  const formats = DATE_FORMATS.filter(parses);
  // Day-first when both read every value: most of the world writes dates so; the reason says it is a guess.
  const dateFormat = formats.includes('iso')
    ? 'iso'
    : (formats.find((format) => format !== 'mdy') ?? formats[0] ?? null);
  const numbers = values.map(parseNumber);
  const numeric = values.length > 0 && numbers.every((value) => !Number.isNaN(value));
  const whole = numeric && numbers.every(Number.isInteger);
  return {
    index,
    header,
    tokens: tokens(header),
    values,
    dateFormat: numeric ? null : dateFormat,
    dateOnly: !values.some((value) => value.includes(':')),
    ambiguousDayMonth: formats.includes('dmy') && formats.includes('mdy'),
    clock: fits(values, (value) => value.includes(':') && !Number.isNaN(parseTimeOfDay(value))),
    hms: fits(values, (value) => value.includes(':') && !Number.isNaN(parseDuration(value, 'hms'))),
    numeric,
    whole,
    scores: whole && numbers.every((value) => value >= 1 && value <= 5),
    goodBad: fits(values, (value) => /^(good|bad)$/i.test(value)),
    flag:
      fits(values, (value) => parseBoolean(value) !== null) &&
      new Set(values.map((value) => value.toLowerCase())).size <= 2,
  };
}

function headerScore(column: Profile, synonyms: string[]): number {
  let best = 0;
  for (const synonym of synonyms) {
    const wanted = [...tokens(synonym)];
    if (wanted.every((token) => column.tokens.has(token)))
      best = Math.max(best, 0.5 + (0.5 * wanted.length) / column.tokens.size);
  }
  return best;
}

function satisfies(column: Profile, need: Need): boolean {
  switch (need) {
    case 'timestamp':
      return column.dateFormat !== null;
    case 'duration':
      return column.numeric || column.hms;
    case 'count':
      return column.whole;
    case 'flag':
      return column.flag;
    case 'csat':
      return column.values.some((value) => /^[1-5](\.0+)?$/.test(value) || /^(good|bad)$/i.test(value));
    case 'tier':
      return column.whole;
    case 'id':
    case 'text':
      return column.values.length > 0 && !column.flag;
  }
}

function unitOf(column: Profile): { unit: ColumnSource['unit']; why: string } {
  if (column.hms) return { unit: 'hms', why: 'values look like H:MM:SS' };
  const has = (...words: string[]) => words.some((word) => column.tokens.has(word));
  if (has('minutes', 'minute', 'mins', 'min')) return { unit: 'min', why: 'header says minutes' };
  if (has('hours', 'hour', 'hrs', 'hr')) return { unit: 'h', why: 'header says hours' };
  if (has('ms', 'milliseconds')) return { unit: 'ms', why: 'header says milliseconds' };
  return {
    unit: 's',
    why: has('seconds', 'secs', 'sec') ? 'header says seconds' : 'no unit in the header: assumed seconds',
  };
}

/** Never throws. `rows` are the first data rows (a few hundred is plenty). */
export function suggestMapping(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  options: { source?: Source } = {},
): MappingSuggestion {
  const columns = headers.map((header, index) => profile(header, index, rows));
  const candidates: { spec: (typeof SPECS)[number]; column: Profile; score: number }[] = [];
  for (const spec of SPECS) {
    for (const column of columns) {
      const score = headerScore(column, spec.synonyms);
      if (spec.need === 'timestamp' && NOT_CASE_DATES.some((word) => column.tokens.has(word))) continue;
      if (score > 0 && satisfies(column, spec.need))
        candidates.push({ spec, column, score: spec.field === 'vendor' ? score - 0.3 : score });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const chosen = new Map<Target, Profile>();
  const used = new Set<number>();
  for (const { spec, column } of candidates) {
    // The vendor key may share a column (e.g. Agent is both the agent and the attribution key).
    if (chosen.has(spec.field) || (used.has(column.index) && spec.field !== 'vendor')) continue;
    chosen.set(spec.field, column);
    if (spec.field !== 'vendor') used.add(column.index);
  }
  const dateFormat = chosen.get('createdAt')?.dateFormat ?? 'iso';
  const fields: Partial<MappingFields> = {};
  const suggestions: FieldSuggestion[] = [];
  const put = (field: FieldName, source: FieldSource, reason: string) => {
    fields[field] = source;
    suggestions.push({ field, source, reason });
  };

  for (const [field, column] of chosen) {
    if (field === 'vendor') continue;
    const spec = SPECS.find((candidate) => candidate.field === field)!;
    const base = `header '${column.header}' matches ${field}`;
    const source: ColumnSource = { kind: 'column', column: column.header };
    if (spec.need === 'timestamp') {
      if (column.dateFormat !== dateFormat) source.format = column.dateFormat!;
      const time = columns.find((other) => other.clock && !used.has(other.index) && other.tokens.has('time'));
      if (field === 'createdAt' && column.dateOnly && time) {
        used.add(time.index);
        put(
          field,
          { kind: 'date-time', date: source, time: { kind: 'column', column: time.header } },
          `date in '${column.header}' + time of day in '${time.header}'`,
        );
        continue;
      }
      const guess = column.ambiguousDayMonth
        ? '; every value reads day-first and month-first: day-first assumed, check'
        : '';
      put(field, source, `${base}; values read as ${column.dateFormat}${guess}`);
    } else if (spec.need === 'duration') {
      const { unit, why } = unitOf(column);
      put(field, { ...source, unit }, `${base}; ${why}`);
    } else if (spec.need === 'csat') {
      const others = [
        ...new Set(column.values.filter((value) => Number.isNaN(parseNumber(value)) && !/^(good|bad)$/i.test(value))),
      ];
      if (others.length > 0) source.map = Object.fromEntries(others.slice(0, 20).map((value) => [value, null]));
      source.scale = column.goodBad ? 2 : column.scores ? 5 : 'auto';
      put(
        field,
        source,
        `${base}; ${column.goodBad ? 'good/bad scale' : '1–5 scores'}${others.length ? `; not responses: ${others.slice(0, 5).join(', ')}` : ''}`,
      );
    } else if (field === 'channel') {
      const distinct = [...new Set(column.values)];
      const known = distinct.filter((value) => CHANNEL_WORDS[value.toLowerCase()] !== undefined);
      if (known.length > 0)
        source.map = Object.fromEntries(known.map((value) => [value, CHANNEL_WORDS[value.toLowerCase()]!]));
      const unknown = distinct.filter((value) => !known.includes(value));
      put(field, source, `${base}${unknown.length ? `; map these values: ${unknown.slice(0, 5).join(', ')}` : ''}`);
    } else {
      put(field, source, `${base}${spec.need === 'flag' ? '; values are yes/no flags' : ''}`);
    }
  }

  const callColumns = columns.filter((column) =>
    ['call', 'talk', 'answer', 'answered', 'caller'].some((word) => column.tokens.has(word)),
  );
  if (!fields.channel && callColumns.length > 0) {
    put(
      'channel',
      { kind: 'constant', value: 'voice' },
      `no channel column; call-centre columns (${callColumns.map((c) => c.header).join(', ')}) suggest voice`,
    );
  }
  const wait = chosen.get('waitSeconds');
  const handle = chosen.get('handleSeconds');
  if (fields.channel?.kind === 'constant' && wait && !fields.firstResponseAt) {
    const waitSource: ColumnSource = { kind: 'column', column: wait.header, unit: unitOf(wait).unit };
    put(
      'firstResponseAt',
      { kind: 'offset', base: 'createdAt', add: [waitSource] },
      `answered = created + '${wait.header}'`,
    );
    if (handle && !fields.solvedAt) {
      const add = [waitSource, { kind: 'column', column: handle.header, unit: unitOf(handle).unit } as ColumnSource];
      put(
        'solvedAt',
        { kind: 'offset', base: 'createdAt', add },
        `end of call = created + '${wait.header}' + '${handle.header}'`,
      );
    }
  }
  const vendorColumn = chosen.get('vendor');
  if (vendorColumn)
    suggestions.push({
      field: 'vendor',
      source: { kind: 'column', column: vendorColumn.header },
      reason: `attribution key: values of '${vendorColumn.header}' are mapped to vendors`,
    });
  const unmappedRequired = REQUIRED.filter((field) => !fields[field]);
  for (const field of unmappedRequired)
    suggestions.push({ field, source: null, reason: 'no column fits: choose one, or this file cannot be imported' });
  return {
    document: {
      source: options.source ?? 'generic',
      file: { dateFormat },
      ...(vendorColumn ? { vendor: { kind: 'column' as const, column: vendorColumn.header } } : {}),
      fields,
    },
    fields: suggestions,
    unmappedRequired,
  };
}
