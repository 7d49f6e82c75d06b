/**
 * Timestamp readers compiled from the mapping document: a column, a date + time of day (+ durations, with the
 * next-day rollover), a constant, an offset from another timestamp of the row, or the first that has a value.
 * Like every reader they record a bad cell on the row's `RowErrors` and never throw on data.
 */
import type { ColumnSource, FieldSource } from './document.ts';
import { FORMAT_HINTS, parseTimeOfDay, parseTimestamp, type ParsedTimestamp } from './parse/timestamp.ts';
import { formatWall, wallToUtc } from './parse/zone.ts';
import {
  cellReader,
  durationParts,
  MappingDocumentError,
  unsupported,
  type Reader,
  type ReaderContext,
} from './readers.ts';

type Cells = readonly string[];

/** Already computed timestamps of the row, for offset sources (created + wait…). */
export type RowTimes = Record<'createdAt' | 'firstResponseAt' | 'solvedAt', number | null>;
export type TimestampReader = (cells: Cells, row: RowTimes) => number | null;

const parsed: ParsedTimestamp = { wallMs: 0, offsetMs: Number.NaN };

function toInstant(label: string, column: string, text: string, context: ReaderContext): number | null {
  if (!Number.isNaN(parsed.offsetMs)) return parsed.wallMs - parsed.offsetMs;
  const instant = wallToUtc(context.zone, parsed.wallMs);
  if (!Number.isNaN(instant)) return instant;
  return context.errors.fail(
    column,
    `${label}: ${formatWall(parsed.wallMs)} ('${text}') does not exist in ${context.zone.name} (daylight-saving gap)`,
  );
}

function columnTimestamp(label: string, source: ColumnSource, context: ReaderContext): Reader<number> {
  const read = cellReader(source, context);
  const format = source.format ?? context.dateFormat;
  return (cells) => {
    const text = read(cells);
    if (text === null) return null;
    if (!parseTimestamp(text, format, context.pivotYear, parsed)) {
      return context.errors.fail(
        source.column,
        `${label}: unparseable date '${text}' (expected ${FORMAT_HINTS[format]})`,
      );
    }
    return toInstant(label, source.column, text, context);
  };
}

type DateTimeSource = Extract<FieldSource, { kind: 'date-time' }>;

/**
 * Date + time of day (+ durations). With `after`, a time of day earlier than that field's instant is on the
 * next day: the log carries the date a call started on, and its end (or service start) may be past midnight.
 */
function dateTimeTimestamp(label: string, source: DateTimeSource, context: ReaderContext): TimestampReader {
  const readDate = cellReader(source.date, context);
  const readTime = cellReader(source.time, context);
  const format = source.date.format ?? context.dateFormat;
  const add = source.add ? durationParts(label, source.add, context) : null;
  const after = source.after;
  return (cells, row) => {
    const dateText = readDate(cells);
    const timeText = readTime(cells);
    if (dateText === null || timeText === null) return null;
    if (!parseTimestamp(dateText, format, context.pivotYear, parsed)) {
      return context.errors.fail(
        source.date.column,
        `${label}: unparseable date '${dateText}' (expected ${FORMAT_HINTS[format]})`,
      );
    }
    const timeMs = parseTimeOfDay(timeText);
    if (Number.isNaN(timeMs)) {
      return context.errors.fail(source.time.column, `${label}: unparseable time '${timeText}' (expected H:MM[:SS])`);
    }
    const wallMs = Math.floor(parsed.wallMs / 86_400_000) * 86_400_000 + timeMs;
    parsed.wallMs = wallMs;
    const text = `${dateText} ${timeText}`;
    let instant = toInstant(label, source.date.column, text, context);
    if (instant === null) return null;
    const floor = after ? row[after] : null;
    if (floor !== null && instant < floor) {
      parsed.wallMs = wallMs + 86_400_000;
      instant = toInstant(label, source.date.column, text, context);
      if (instant === null) return null;
    }
    if (!add) return instant;
    const seconds = add(cells);
    return seconds === null ? instant : instant + seconds * 1000;
  };
}

export function timestampReader(
  field: string,
  label: string,
  source: FieldSource,
  context: ReaderContext,
): TimestampReader {
  switch (source.kind) {
    case 'column':
      return columnTimestamp(label, source, context);
    case 'date-time':
      return dateTimeTimestamp(label, source, context);
    case 'constant': {
      if (source.value === null) return () => null;
      if (typeof source.value !== 'string' || !parseTimestamp(source.value, 'iso', 70, parsed)) {
        throw new MappingDocumentError(`${field}: constant '${String(source.value)}' is not an ISO timestamp`);
      }
      const instant = Number.isNaN(parsed.offsetMs)
        ? wallToUtc(context.zone, parsed.wallMs)
        : parsed.wallMs - parsed.offsetMs;
      return () => instant;
    }
    case 'offset': {
      const add = durationParts(label, source.add, context);
      const base = source.base;
      return (cells, row) => {
        const start = row[base];
        if (start === null) return null;
        const seconds = add(cells);
        return seconds === null ? null : start + seconds * 1000;
      };
    }
    case 'first': {
      const readers = source.of.map((part): TimestampReader => {
        if (part.kind !== 'column') return dateTimeTimestamp(label, part, context);
        const read = columnTimestamp(label, part, context);
        return (cells) => read(cells);
      });
      return (cells, row) => {
        for (const read of readers) {
          const value = read(cells, row);
          if (value !== null) return value;
        }
        return null;
      };
    }
    case 'sum':
    case 'template':
      return unsupported(field, source);
  }
}
