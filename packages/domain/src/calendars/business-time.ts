/**
 * Business-hours calendars and the business time between two instants: the oracle of the SQL counterpart
 * (`calendar_intervals` + `business_seconds()` in migrations/0007_contract_terms.sql, property-tested against
 * each other in packages/db/src/terms). Opening hours are local wall-clock times in the calendar's zone.
 */
import { tzOffset } from '@date-fns/tz';

export interface OpeningHours {
  /** ISO weekday the shift starts on: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes after local midnight, 0–1439. */
  startMinute: number;
  /** Minutes after local midnight, 1–1440; at or before startMinute means the shift ends the next day. */
  endMinute: number;
}

export interface BusinessCalendar {
  timeZone: string;
  hours: readonly OpeningHours[];
  /** Local dates ('YYYY-MM-DD') closed from 00:00 to 24:00, cutting any shift that runs into them. */
  holidays: readonly string[];
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * The instant of a local wall-clock time, resolved like PostgreSQL's `timestamp AT TIME ZONE`: a time that
 * exists twice (autumn) takes the offset in force after the change, a time that does not exist (spring) the
 * offset in force before it.
 */
export function localToInstant(wallClockMs: number, timeZone: string): number {
  const before = tzOffset(timeZone, new Date(wallClockMs - DAY_MS));
  const after = tzOffset(timeZone, new Date(wallClockMs + DAY_MS));
  if (before === after) return wallClockMs - before * MINUTE_MS;
  const withAfter = wallClockMs - after * MINUTE_MS;
  if (tzOffset(timeZone, new Date(withAfter)) === after) return withAfter;
  return wallClockMs - before * MINUTE_MS;
}

/** Local midnight of the day containing `instantMs`, as a wall-clock value (ms since 1970 as if UTC). */
function localDay(instantMs: number, timeZone: string): number {
  const wall = instantMs + tzOffset(timeZone, new Date(instantMs)) * MINUTE_MS;
  return Math.floor(wall / DAY_MS) * DAY_MS;
}

const isoWeekday = (wallDayMs: number) => ((new Date(wallDayMs).getUTCDay() + 6) % 7) + 1;

/** Opening intervals [start, end) in ms that overlap [fromMs, toMs), holidays cut out, not merged. */
export function openingIntervals(calendar: BusinessCalendar, fromMs: number, toMs: number): [number, number][] {
  const intervals: [number, number][] = [];
  const tz = calendar.timeZone;
  // A shift can start the day before `from` and run past midnight; no shift lasts more than 24 h.
  for (let day = localDay(fromMs, tz) - DAY_MS; day <= localDay(toMs, tz); day += DAY_MS) {
    for (const h of calendar.hours) {
      if (h.weekday !== isoWeekday(day)) continue;
      const endDay = h.endMinute <= h.startMinute ? day + DAY_MS : day;
      const start = localToInstant(day + h.startMinute * MINUTE_MS, tz);
      const end = localToInstant(endDay + h.endMinute * MINUTE_MS, tz);
      if (end > fromMs && start < toMs && end > start) intervals.push([start, end]);
    }
  }
  return cutHolidays(intervals, calendar);
}

function cutHolidays(intervals: [number, number][], calendar: BusinessCalendar): [number, number][] {
  let result = intervals;
  for (const holiday of calendar.holidays) {
    const dayMs = Date.parse(`${holiday}T00:00:00Z`);
    const closedFrom = localToInstant(dayMs, calendar.timeZone);
    const closedTo = localToInstant(dayMs + DAY_MS, calendar.timeZone);
    result = result.flatMap(([s, e]): [number, number][] => {
      if (e <= closedFrom || s >= closedTo) return [[s, e]];
      const pieces: [number, number][] = [];
      if (s < closedFrom) pieces.push([s, closedFrom]);
      if (e > closedTo) pieces.push([closedTo, e]);
      return pieces;
    });
  }
  return result;
}

/** Seconds of [from, to) inside the calendar's opening hours (overlapping shifts count once); 0 when to ≤ from. */
export function businessSeconds(from: Date, to: Date, calendar: BusinessCalendar): number {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (toMs <= fromMs) return 0;
  const clipped = openingIntervals(calendar, fromMs, toMs)
    .map(([s, e]): [number, number] => [Math.max(s, fromMs), Math.min(e, toMs)])
    .sort((a, b) => a[0] - b[0]);
  let totalMs = 0;
  let coveredTo = -Infinity;
  for (const [s, e] of clipped) {
    const start = Math.max(s, coveredTo);
    if (e > start) totalMs += e - start;
    coveredTo = Math.max(coveredTo, e);
  }
  return totalMs / 1000;
}

/** "Mon–Fri 08:00–20:00 Asia/Manila": days with identical hours grouped into runs. */
export function describeCalendar(calendar: BusinessCalendar): string {
  const names = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const dayText = (d: number) =>
    calendar.hours
      .filter((h) => h.weekday === d)
      .sort((a, b) => a.startMinute - b.startMinute)
      .map((h) => `${hhmm(h.startMinute)}–${hhmm(h.endMinute)}`)
      .join(', ');
  const texts = [1, 2, 3, 4, 5, 6, 7].map(dayText);
  if (texts.every((t) => t === '00:00–24:00' || t === '00:00–00:00')) return `24/7 ${calendar.timeZone}`;
  const runs: string[] = [];
  for (let d = 0; d < 7;) {
    let end = d;
    while (end + 1 < 7 && texts[end + 1] === texts[d]) end += 1;
    if (texts[d]) runs.push(`${end > d ? `${names[d]}–${names[end]}` : names[d]} ${texts[d]}`);
    d = end + 1;
  }
  const holidays = calendar.holidays.length > 0 ? `, ${calendar.holidays.length} holiday(s) closed` : '';
  return `${runs.join('; ') || 'never open'} ${calendar.timeZone}${holidays}`;
}
