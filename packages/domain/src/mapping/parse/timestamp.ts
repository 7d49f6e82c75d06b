/**
 * Hand-rolled date/time parsing for the import hot path: one pass over the characters, no regex, no
 * allocation. A parse yields a wall time (ms of a UTC date carrying the same fields) and, when the text
 * has one, an explicit offset; the caller turns wall time into an instant in the source zone.
 */
import type { DateFormat } from '../document.ts';

export interface ParsedTimestamp {
  wallMs: number;
  /** Explicit offset in ms (local − UTC) when the text carries `Z` or `±HH[:MM]`, else NaN. */
  offsetMs: number;
}

/** Excel's day 0 (serials count from 1899-12-30, which absorbs its 1900 leap-year bug for dates after Feb 1900). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// Cursor state shared by the helpers below; parsing is synchronous, so one module-level cursor is safe.
let pos = 0;
let lastDigits = 0;
/** Digits read by the last `readInt` (a function so that TypeScript does not narrow it across calls). */
function width(): number {
  return lastDigits;
}

function readInt(text: string, maxDigits: number): number {
  let value = 0;
  const start = pos;
  while (pos < text.length && pos - start < maxDigits) {
    const code = text.charCodeAt(pos);
    if (code < 48 || code > 57) break;
    value = value * 10 + (code - 48);
    pos++;
  }
  lastDigits = pos - start;
  return value;
}

function isSeparator(code: number): boolean {
  return code === 45 /* - */ || code === 47 /* / */ || code === 46; /* . */
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function fullYear(year: number, yearDigits: number, pivotYear: number): number {
  if (yearDigits === 4) return year;
  return year < pivotYear ? 2000 + year : 1900 + year;
}

function dateMs(year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  return Date.UTC(year, month - 1, day);
}

/**
 * Reads `H:MM[:SS[.fff]][ ][AM|PM]` at the cursor (hour with or without a leading zero). Returns ms of
 * the day or NaN. Stops at the first character after the clock.
 */
function readClock(text: string): number {
  let hour = readInt(text, 2);
  if (width() === 0 || text.charCodeAt(pos) !== 58 /* : */) return Number.NaN;
  pos++;
  const minute = readInt(text, 2);
  if (width() !== 2) return Number.NaN;
  let second = 0;
  let fractionMs = 0;
  if (text.charCodeAt(pos) === 58) {
    pos++;
    second = readInt(text, 2);
    if (width() !== 2) return Number.NaN;
    const mark = text.charCodeAt(pos);
    if (mark === 46 /* . */ || mark === 44 /* , */) {
      pos++;
      const start = pos;
      const fraction = readInt(text, 9);
      if (width() === 0) return Number.NaN;
      while (pos < text.length && pos - start < 12 && text.charCodeAt(pos) >= 48 && text.charCodeAt(pos) <= 57) pos++;
      fractionMs = Math.floor(fraction / 10 ** (width() - 3));
    }
  }
  let cursor = pos;
  if (text.charCodeAt(cursor) === 32) cursor++;
  const meridiem = text.charCodeAt(cursor) | 32;
  if ((meridiem === 97 /* a */ || meridiem === 112) /* p */ && (text.charCodeAt(cursor + 1) | 32) === 109 /* m */) {
    if (hour < 1 || hour > 12) return Number.NaN;
    hour = (hour % 12) + (meridiem === 112 ? 12 : 0);
    pos = cursor + 2;
  }
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return hour * 3_600_000 + minute * 60_000 + second * 1000 + fractionMs;
}

/** Reads an optional `Z`, `±HH`, `±HHMM` or `±HH:MM` (one space before it allowed); NaN if absent. */
function readOffset(text: string): number {
  let cursor = pos;
  if (text.charCodeAt(cursor) === 32) cursor++;
  const sign = text.charCodeAt(cursor);
  if (sign === 90 /* Z */ || sign === 122 /* z */) {
    pos = cursor + 1;
    return 0;
  }
  if (sign !== 43 /* + */ && sign !== 45 /* - */) return Number.NaN;
  pos = cursor + 1;
  const hours = readInt(text, 2);
  if (width() !== 2) return Number.NaN;
  let minutes = 0;
  if (text.charCodeAt(pos) === 58) pos++;
  if (pos < text.length) {
    minutes = readInt(text, 2);
    if (width() !== 2) return Number.NaN;
  }
  if (hours > 14 || minutes > 59) return Number.NaN;
  const offset = hours * 3_600_000 + minutes * 60_000;
  return sign === 45 ? -offset : offset;
}

/** After a date: end of text, or a separator and a clock, then (ISO only) an offset. */
function readTail(text: string, dayMs: number, out: ParsedTimestamp, allowOffset: boolean): boolean {
  out.offsetMs = Number.NaN;
  if (pos === text.length) {
    out.wallMs = dayMs;
    return true;
  }
  const separator = text.charCodeAt(pos);
  if (separator === 44 /* , */ && text.charCodeAt(pos + 1) === 32) pos += 2;
  else if (separator === 32 || separator === 84 /* T */ || separator === 95 /* _ */) pos++;
  else if (!(allowOffset && (separator === 90 || separator === 43 || separator === 45))) return false;
  if (pos < text.length && text.charCodeAt(pos) >= 48 && text.charCodeAt(pos) <= 57) {
    const clock = readClock(text);
    if (Number.isNaN(clock)) return false;
    dayMs += clock;
  }
  if (allowOffset && pos < text.length) {
    out.offsetMs = readOffset(text);
    if (Number.isNaN(out.offsetMs)) return false;
  }
  out.wallMs = dayMs;
  return pos === text.length;
}

function parseIso(text: string, out: ParsedTimestamp): boolean {
  pos = 0;
  const year = readInt(text, 4);
  if (width() !== 4 || !isSeparator(text.charCodeAt(pos))) return false;
  const separator = text.charCodeAt(pos++);
  const month = readInt(text, 2);
  if (width() === 0 || text.charCodeAt(pos++) !== separator) return false;
  const day = readInt(text, 2);
  if (width() === 0) return false;
  const dayMs = dateMs(year, month, day);
  return !Number.isNaN(dayMs) && readTail(text, dayMs, out, true);
}

function parseNumericDate(text: string, out: ParsedTimestamp, dayFirst: boolean, pivotYear: number): boolean {
  pos = 0;
  const first = readInt(text, 2);
  if (width() === 0 || !isSeparator(text.charCodeAt(pos))) return false;
  const separator = text.charCodeAt(pos++);
  const second = readInt(text, 2);
  if (width() === 0 || text.charCodeAt(pos++) !== separator) return false;
  const year = readInt(text, 4);
  if (width() !== 2 && width() !== 4) return false;
  const dayMs = dayFirst
    ? dateMs(fullYear(year, width(), pivotYear), second, first)
    : dateMs(fullYear(year, width(), pivotYear), first, second);
  return !Number.isNaN(dayMs) && readTail(text, dayMs, out, false);
}

/** `YYMMDD` or `YYYYMMDD`, optionally followed by a clock (`HH:MM[:SS]`) or compact `HHMM[SS]`. */
function parseCompact(text: string, out: ParsedTimestamp, pivotYear: number): boolean {
  pos = 0;
  const value = readInt(text, 8);
  if (width() !== 6 && width() !== 8) return false;
  const yearDigits = width() - 4;
  const year = fullYear(Math.floor(value / 10_000), yearDigits, pivotYear);
  const dayMs = dateMs(year, Math.floor(value / 100) % 100, value % 100);
  if (Number.isNaN(dayMs)) return false;
  const mark = pos;
  if (pos < text.length && (text.charCodeAt(pos) === 32 || text.charCodeAt(pos) === 84)) {
    pos++;
    const compact = readInt(text, 6);
    if ((width() === 4 || width() === 6) && pos === text.length) {
      const hms = width() === 4 ? compact * 100 : compact;
      const hour = Math.floor(hms / 10_000);
      const minute = Math.floor(hms / 100) % 100;
      const second = hms % 100;
      if (hour > 23 || minute > 59 || second > 59) return false;
      out.wallMs = dayMs + hour * 3_600_000 + minute * 60_000 + second * 1000;
      out.offsetMs = Number.NaN;
      return true;
    }
    pos = mark;
  }
  return readTail(text, dayMs, out, false);
}

/** `26-Aug-23`, `26 Aug 2023`, `26-August-2023 14:05`. */
function parseDayMonthName(text: string, out: ParsedTimestamp, pivotYear: number): boolean {
  pos = 0;
  const day = readInt(text, 2);
  if (width() === 0) return false;
  const separator = text.charCodeAt(pos++);
  if (separator !== 45 && separator !== 32 && separator !== 47) return false;
  const nameStart = pos;
  while (pos < text.length && (text.charCodeAt(pos) | 32) >= 97 && (text.charCodeAt(pos) | 32) <= 122) pos++;
  if (pos - nameStart < 3 || pos - nameStart > 9) return false;
  const month = monthIndex(text, nameStart) + 1;
  if (month === 0 || text.charCodeAt(pos++) !== separator) return false;
  const year = readInt(text, 4);
  if (width() !== 2 && width() !== 4) return false;
  const dayMs = dateMs(fullYear(year, width(), pivotYear), month, day);
  return !Number.isNaN(dayMs) && readTail(text, dayMs, out, false);
}

function monthIndex(text: string, start: number): number {
  const a = text.charCodeAt(start) | 32;
  const b = text.charCodeAt(start + 1) | 32;
  const c = text.charCodeAt(start + 2) | 32;
  for (let index = 0; index < 12; index++) {
    const name = MONTHS[index]!;
    if (name.charCodeAt(0) === a && name.charCodeAt(1) === b && name.charCodeAt(2) === c) return index;
  }
  return -1;
}

/** Excel serial day number; the fraction is the time of day, rounded to the second. */
function parseExcel(text: string, out: ParsedTimestamp): boolean {
  const serial = parseNumber(text);
  if (Number.isNaN(serial) || serial < 1 || serial > 2_958_465) return false;
  out.wallMs = EXCEL_EPOCH_MS + Math.round(serial * 86_400) * 1000;
  out.offsetMs = Number.NaN;
  return true;
}

/** Never throws; false when `text` is not a timestamp in `format`. `text` must be trimmed. */
export function parseTimestamp(text: string, format: DateFormat, pivotYear: number, out: ParsedTimestamp): boolean {
  switch (format) {
    case 'iso':
      return parseIso(text, out);
    case 'dmy':
      return parseNumericDate(text, out, true, pivotYear);
    case 'mdy':
      return parseNumericDate(text, out, false, pivotYear);
    case 'ymd':
      return parseCompact(text, out, pivotYear);
    case 'dd-mon-yy':
      return parseDayMonthName(text, out, pivotYear);
    case 'excel':
      return parseExcel(text, out);
  }
}

/** A time of day: `9:12:58`, `14:05`, `2:05 PM`, or an Excel day fraction (`0.384`). ms of the day or NaN. */
export function parseTimeOfDay(text: string): number {
  pos = 0;
  const clock = readClock(text);
  if (!Number.isNaN(clock) && pos === text.length) return clock;
  const fraction = parseNumber(text);
  if (fraction >= 0 && fraction < 1) return Math.round(fraction * 86_400) * 1000;
  return Number.NaN;
}

/** Plain decimal (`12`, `-3.5`, `4.0`, `1.2e3`); NaN for anything else, including blank and hex. */
export function parseNumber(text: string): number {
  let sawDigit = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) sawDigit = true;
    else if (code !== 46 && code !== 45 && code !== 43 && code !== 101 && code !== 69) return Number.NaN;
  }
  return sawDigit ? Number(text) : Number.NaN;
}

export const FORMAT_HINTS: Record<DateFormat, string> = {
  iso: 'YYYY-MM-DD[ HH:MM[:SS]][±HH:MM]',
  dmy: 'DD/MM/YYYY[ HH:MM[:SS]]',
  mdy: 'MM/DD/YYYY[ HH:MM[:SS]]',
  ymd: 'YYMMDD or YYYYMMDD',
  excel: 'an Excel serial number',
  'dd-mon-yy': 'DD-Mon-YY',
};
