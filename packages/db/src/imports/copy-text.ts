/**
 * Cells of COPY text-format lines (tab-separated, `\N` for null, backslash escapes), shared by the case and
 * the review staging tables so both encode a value the same way.
 */

const NEEDS_ESCAPE = /[\\\t\n\r]/;

export function text(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (ch) =>
    ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r',
  );
}

export function opt(value: string | null): string {
  return value === null ? '\\N' : text(value);
}

export function num(value: number | null): string {
  return value === null ? '\\N' : String(value);
}

export function bool(value: boolean | null): string {
  return value === null ? '\\N' : value ? 't' : 'f';
}

export function time(value: Date | null): string {
  return value === null ? '\\N' : instant(value);
}

const DAY_MS = 86_400_000;
// The cases of an export fall on a few days at a time, so the date part of the last instant written is kept.
let dayStart = Number.NaN;
let datePart = '';

/**
 * `date.toISOString()`, character for character, at about a seventh of its cost: a million-row import writes
 * four or five instants per row, and `toISOString` was a sixth of encoding a row (docs/scaling.md, "Parsing
 * in worker threads"). The date part (with toISOString's own six-digit years) comes from toISOString once per day.
 */
export function instant(date: Date): string {
  const ms = date.getTime();
  if (!(ms >= dayStart && ms < dayStart + DAY_MS)) {
    // Throws on an invalid date, as toISOString does.
    datePart = date.toISOString().slice(0, -13);
    dayStart = Math.floor(ms / DAY_MS) * DAY_MS;
  }
  const inDay = ms - dayStart;
  const hours = Math.floor(inDay / 3_600_000);
  const minutes = Math.floor(inDay / 60_000) % 60;
  const seconds = Math.floor(inDay / 1000) % 60;
  const millis = inDay % 1000;
  return `${datePart}${two(hours)}:${two(minutes)}:${two(seconds)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}
