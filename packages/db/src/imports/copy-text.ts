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

/**
 * `date.toISOString()`, character for character, at less than half its cost: a million-row import writes
 * four or five instants per row, and `toISOString` was close to half of encoding a row (docs/scaling.md,
 * "Parsing in worker threads"). The calendar date comes from the day count (years outside 0–9999, which
 * toISOString writes with six digits and a sign, are left to it).
 */
export function instant(date: Date): string {
  const ms = date.getTime();
  const days = Math.floor(ms / DAY_MS);
  const { year, month, day } = civilDate(days);
  // Also an invalid date (NaN fails the test), for which toISOString throws.
  if (!(year >= 0 && year <= 9999)) return date.toISOString();
  const inDay = ms - days * DAY_MS;
  const hours = Math.floor(inDay / 3_600_000);
  const minutes = Math.floor(inDay / 60_000) % 60;
  const seconds = Math.floor(inDay / 1000) % 60;
  const millis = inDay % 1000;
  const yyyy = year < 1000 ? String(year).padStart(4, '0') : String(year);
  return `${yyyy}-${two(month)}-${two(day)}T${two(hours)}:${two(minutes)}:${two(seconds)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

/**
 * The proleptic Gregorian date of a count of days since 1970-01-01 (Howard Hinnant's days_from_civil, inverted):
 * shifted to years that start on 1 March, so the leap day ends a year, and counted in 400-year eras.
 */
function civilDate(days: number): { year: number; month: number; day: number } {
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return {
    year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1,
  };
}

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}
