/**
 * Per-field readers compiled from the mapping document: each resolves its columns to indexes once and
 * turns a row's cells into a typed value. A bad cell records a reject on the shared `RowErrors` (the first
 * one wins) and yields null; readers never throw on data. Document mistakes throw `MappingDocumentError`.
 */
import { CHANNELS, type Channel } from '../channels.ts';
import {
  parseTemplate,
  templateColumns,
  type ColumnSource,
  type DateFormat,
  type FieldSource,
  type TemplatePart,
} from './document.ts';
import { parseDuration } from './parse/duration.ts';
import { parseBoolean, parseWholeNumber } from './parse/scalar.ts';
import { parseNumber } from './parse/timestamp.ts';
import type { Zone } from './parse/zone.ts';

export class MappingDocumentError extends Error {
  override name = 'MappingDocumentError';
}

/** The first reject of the row being normalised. */
export class RowErrors {
  failed = false;
  column: string | null = null;
  reason = '';
  reset(): void {
    this.failed = false;
  }
  fail(column: string | null, reason: string): null {
    if (!this.failed) {
      this.failed = true;
      this.column = column;
      this.reason = reason;
    }
    return null;
  }
}

/** What every reader of one compiled document shares. */
export interface ReaderContext {
  errors: RowErrors;
  zone: Zone;
  dateFormat: DateFormat;
  pivotYear: number;
  fileNulls: readonly string[];
  /** Column index in the header row, or -1 (then recorded as missing unless optional). */
  indexOf(column: string, optional: boolean | undefined): number;
}

type Cells = readonly string[];
export type CellReader = (cells: Cells) => string | null;
export type Reader<T> = (cells: Cells) => T | null;

/** The column a reject names for a field's source. */
export function primaryColumn(source: FieldSource): string | null {
  switch (source.kind) {
    case 'column':
      return source.column;
    case 'date-time':
      return source.date.column;
    case 'offset':
      return source.add[0]?.column ?? null;
    case 'sum':
      return source.parts[0]?.column ?? null;
    case 'first':
      return source.of[0] ? primaryColumn(source.of[0]) : null;
    case 'template':
      return templateColumns(source.template)[0] ?? null;
    case 'constant':
      return null;
  }
}

/** Trimmed cell after blank/null sentinels and the value map; null means "no value". */
export function cellReader(source: ColumnSource, context: ReaderContext): CellReader {
  const index = context.indexOf(source.column, source.optional);
  if (index < 0) return () => null;
  const nulls = new Set([...context.fileNulls, ...(source.nulls ?? [])].map((value) => value.trim()));
  const checkNulls = nulls.size > 0;
  const map = source.map
    ? new Map(Object.entries(source.map).map(([key, value]) => [key.trim().toLowerCase(), value]))
    : null;
  const hasDefault = source.default !== undefined;
  const fallback = source.default ?? null;
  return (cells) => {
    const raw = cells[index];
    if (raw === undefined) return null;
    const value = raw.trim();
    if (value === '' || (checkNulls && nulls.has(value))) return null;
    if (map === null) return value;
    const key = value.toLowerCase();
    if (map.has(key)) return map.get(key) ?? null;
    return hasDefault ? fallback : value;
  };
}

export function unsupported(field: string, source: FieldSource): never {
  throw new MappingDocumentError(`${field}: a ${source.kind} source cannot give this field`);
}

/** Text fields (ids, queue, site, status…). */
export function textReader(field: string, source: FieldSource, context: ReaderContext): Reader<string> {
  if (source.kind === 'column') return cellReader(source, context);
  if (source.kind === 'constant') {
    const value = source.value === null ? null : String(source.value);
    return () => value;
  }
  if (source.kind === 'template') return templateReader(field, source.template, context);
  if (source.kind === 'first') {
    const readers = source.of.map((part) =>
      part.kind === 'column' ? cellReader(part, context) : unsupported(field, part),
    );
    return (cells) => {
      for (const read of readers) {
        const value = read(cells);
        if (value !== null) return value;
      }
      return null;
    };
  }
  return unsupported(field, source);
}

/** `{a}-{b}`: the cells of a and b between the literal parts; a blank (or null) cell gives no value. */
function templateReader(field: string, template: string, context: ReaderContext): Reader<string> {
  let parts: TemplatePart[];
  try {
    parts = parseTemplate(template);
  } catch (error) {
    throw new MappingDocumentError(`${field}: ${(error as Error).message}`);
  }
  const readers = parts.map((part) =>
    'column' in part ? cellReader({ kind: 'column', column: part.column }, context) : () => part.literal,
  );
  return (cells) => {
    let text = '';
    for (const read of readers) {
      const value = read(cells);
      if (value === null) return null;
      text += value;
    }
    return text;
  };
}

const UNIT_HINTS = { ms: 'milliseconds', s: 'seconds', min: 'minutes', h: 'hours', hms: 'H:MM:SS' } as const;

/** Sum of duration columns in seconds; blank parts count as 0, all blank is null. */
export function durationParts(label: string, parts: readonly ColumnSource[], context: ReaderContext): Reader<number> {
  const readers = parts.map((part) => {
    if (!part.unit) throw new MappingDocumentError(`${label}: duration column '${part.column}' needs a unit`);
    const unit = part.unit;
    const read = cellReader(part, context);
    return (cells: Cells): number | null => {
      const text = read(cells);
      if (text === null) return null;
      const seconds = parseDuration(text, unit);
      if (Number.isNaN(seconds)) {
        return context.errors.fail(
          part.column,
          `${label}: unparseable duration '${text}' (expected ${UNIT_HINTS[unit]})`,
        );
      }
      if (seconds < 0) return context.errors.fail(part.column, `${label}: negative duration '${text}'`);
      return seconds;
    };
  });
  return (cells) => {
    let total: number | null = null;
    for (const read of readers) {
      const seconds = read(cells);
      if (seconds !== null) total = (total ?? 0) + seconds;
    }
    return total;
  };
}

/** Durations in whole seconds (the cases table stores integers). */
export function durationReader(
  field: string,
  label: string,
  source: FieldSource,
  context: ReaderContext,
): Reader<number> {
  let read: Reader<number>;
  if (source.kind === 'column') read = durationParts(label, [source], context);
  else if (source.kind === 'sum') read = durationParts(label, source.parts, context);
  else if (source.kind === 'first') {
    const readers = source.of.map((part) =>
      part.kind === 'column' ? durationParts(label, [part], context) : unsupported(field, part),
    );
    read = (cells) => {
      for (const next of readers) {
        const value = next(cells);
        if (value !== null) return value;
      }
      return null;
    };
  } else if (source.kind === 'constant' && (typeof source.value === 'number' || source.value === null)) {
    const value = source.value;
    return () => value;
  } else return unsupported(field, source);
  return (cells) => {
    const seconds = read(cells);
    return seconds === null ? null : Math.round(seconds);
  };
}

/** Maps a cell through `convert`; `undefined` from it means "not valid" and rejects with `problem(text)`. */
export function convertingReader<T>(
  field: string,
  source: FieldSource,
  context: ReaderContext,
  convert: (text: string) => T | undefined,
  problem: (text: string) => string,
): Reader<T> {
  if (source.kind === 'constant') {
    if (source.value === null) return () => null;
    const value = convert(String(source.value));
    if (value === undefined) throw new MappingDocumentError(`${field}: ${problem(String(source.value))}`);
    return () => value;
  }
  if (source.kind !== 'column') return unsupported(field, source);
  const read = cellReader(source, context);
  const column = source.column;
  return (cells) => {
    const text = read(cells);
    if (text === null) return null;
    const value = convert(text);
    return value === undefined ? context.errors.fail(column, problem(text)) : value;
  };
}

export function toBoolean(text: string): boolean | undefined {
  return parseBoolean(text) ?? undefined;
}

const CHANNEL_BY_NAME = new Map<string, Channel>(CHANNELS.map((channel) => [channel, channel]));
export function toChannel(text: string): Channel | undefined {
  return CHANNEL_BY_NAME.get(text) ?? CHANNEL_BY_NAME.get(text.toLowerCase());
}

export function toTier(text: string): 1 | 2 | undefined {
  const value = parseNumber(text);
  return value === 1 || value === 2 ? value : undefined;
}

export function toCount(text: string): number | undefined {
  const value = parseWholeNumber(text);
  return value >= 0 ? value : undefined;
}
