/**
 * ISO weeks. A week is identified by its Monday as a 'YYYY-MM-DD' string (the storage form) and shown
 * as an ISO label ('2026-W47'). docs/definitions.md: a week runs Monday 00:00 to the next Monday 00:00 in the
 * organisation's reporting time zone.
 */
import { TZDate } from '@date-fns/tz';
import { getISOWeek, getISOWeekYear, startOfISOWeek } from 'date-fns';

export type WeekStart = string; // 'YYYY-MM-DD', always a Monday
export type WeekLabel = string; // 'YYYY-Www'

/**
 * The years the product supports. Wider ranges break at the edges: PostgreSQL has no year 0, and a week
 * label near 9999 has neighbours (trends, projections) with five-digit years that no label can name.
 */
export const FIRST_YEAR = 1970;
export const LAST_YEAR = 2999;
/** The same range as a regular-expression fragment, for request schemas (`WeekLabel`, `Day`). */
export const YEAR_PATTERN = '(?:19[7-9]\\d|2\\d{3})';

const LABEL = /^(\d{4})-W(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseWeekLabelUncached(label: string): WeekStart | null {
  const match = LABEL.exec(label);
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (year < FIRST_YEAR || year > LAST_YEAR || week < 1 || week > 53) return null;
  // ISO week 1 is the week with 4 January in it.
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayOfWeek1 = addUtcDays(jan4, -((jan4.getUTCDay() + 6) % 7));
  const monday = addUtcDays(mondayOfWeek1, (week - 1) * 7);
  const start = toDay(monday);
  return weekLabel(start) === label ? start : null;
}

// Labels already parsed: the API parses the same few weeks on every request.
const parsed = new Map<string, WeekStart | null>();

/** '2026-W47' → '2026-11-16'; null for anything that is not an existing ISO week. */
export function parseWeekLabel(label: string): WeekStart | null {
  let start = parsed.get(label);
  if (start === undefined) {
    start = parseWeekLabelUncached(label);
    if (parsed.size >= 10_000) parsed.clear();
    parsed.set(label, start);
  }
  return start;
}

// Days → labels already worked out: the API labels the same few weeks on every request.
const labels = new Map<string, WeekLabel>();

/** '2026-11-16' (any day of the week) → '2026-W47'. */
export function weekLabel(day: string): WeekLabel {
  let label = labels.get(day);
  if (label === undefined) {
    const date = parseDay(day);
    label = `${getISOWeekYear(date)}-W${String(getISOWeek(date)).padStart(2, '0')}`;
    if (labels.size >= 10_000) labels.clear();
    labels.set(day, label);
  }
  return label;
}

/** The Monday of the week that holds `instant` in `timeZone`. */
export function weekOf(instant: Date, timeZone: string): WeekStart {
  const local = new TZDate(instant.getTime(), timeZone);
  const monday = startOfISOWeek(local);
  return `${monday.getFullYear()}-${pad(monday.getMonth() + 1)}-${pad(monday.getDate())}`;
}

/**
 * `weekOf(now, timeZone)` for a caller that asks on every request: each zone's week is kept with the instants
 * it starts and ends, and computed again only when `now` falls outside them (a TZDate per call cost the
 * cached scorecard request more than everything else it does).
 */
export function currentWeekClock(): (now: Date, timeZone: string) => WeekStart {
  const known = new Map<string, { week: WeekStart; from: number; until: number }>();
  return (now, timeZone) => {
    const time = now.getTime();
    const hit = known.get(timeZone);
    if (hit && time >= hit.from && time < hit.until) return hit.week;
    const week = weekOf(now, timeZone);
    // A bound against odd zones piling up; an organisation reports in one.
    if (known.size >= 100) known.clear();
    known.set(timeZone, {
      week,
      from: weekStartInstant(week, timeZone).getTime(),
      until: weekStartInstant(addWeeks(week, 1), timeZone).getTime(),
    });
    return week;
  };
}

/**
 * The newest week that has ended in `timeZone` at `instant`: the week before the one that holds it.
 * Pages open on this week by default; the current week is partial (still collecting cases).
 */
export function lastCompleteWeek(instant: Date, timeZone: string): WeekStart {
  return addWeeks(weekOf(instant, timeZone), -1);
}

/**
 * The week a page opens on when none is asked for: the newest complete week that has data, else the last
 * complete week (an empty page that says so). `weeksWithData` is newest first; partial weeks are skipped.
 */
export function defaultWeek(weeksWithData: readonly WeekStart[], lastComplete: WeekStart): WeekStart {
  return weeksWithData.find((week) => week <= lastComplete) ?? lastComplete;
}

export function addWeeks(week: WeekStart, count: number): WeekStart {
  return toDay(addUtcDays(parseDayUtc(week), count * 7));
}

/** Weeks from `from` to `to`, both included, oldest first. */
export function weekRange(from: WeekStart, to: WeekStart): WeekStart[] {
  const weeks: WeekStart[] = [];
  for (let week = from; week <= to; week = addWeeks(week, 1)) weeks.push(week);
  return weeks;
}

/** The instant a week starts in `timeZone` (Monday 00:00 local). */
export function weekStartInstant(week: WeekStart, timeZone: string): Date {
  const [y, m, d] = week.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime());
}

function parseDay(day: string): Date {
  const match = DAY.exec(day);
  if (!match) throw new RangeError(`Not a day: ${day}`);
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

function parseDayUtc(day: string): Date {
  const match = DAY.exec(day);
  if (!match) throw new RangeError(`Not a day: ${day}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

function addUtcDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
