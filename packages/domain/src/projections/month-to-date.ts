/**
 * The month so far, pure: which local month an instant falls in, the weekday of each day of a month, and how
 * much of it has elapsed by the local clock, for projecting a monthly figure (a statement's month) with the
 * rules of projection.ts.
 */
import { TZDate } from '@date-fns/tz';

/** 'YYYY-MM' of `asOf` in `timeZone`. */
export function localMonth(asOf: Date, timeZone: string): string {
  const local = new TZDate(asOf.getTime(), timeZone);
  return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}`;
}

export function daysInMonth(month: string): number {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

/** The weekday (0 = Monday … 6 = Sunday) of each day of the month, first day first. */
export function monthWeekdays(month: string): number[] {
  const first = new Date(`${month}-01T00:00:00Z`).getUTCDay();
  return Array.from({ length: daysInMonth(month) }, (_, day) => (first + 6 + day) % 7);
}

/** Days of `month` elapsed at `asOf` by the local clock (the 16th at 12:00 = 15.5); 0 before, all after. */
export function monthElapsedDays(month: string, asOf: Date, timeZone: string): number {
  const current = localMonth(asOf, timeZone);
  if (current < month) return 0;
  if (current > month) return daysInMonth(month);
  const local = new TZDate(asOf.getTime(), timeZone);
  const secondsIntoDay = local.getHours() * 3600 + local.getMinutes() * 60 + local.getSeconds();
  return local.getDate() - 1 + secondsIntoDay / 86_400;
}
