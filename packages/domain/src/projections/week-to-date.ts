/**
 * The week so far, pure: how much of the current week has elapsed in the reporting zone, the
 * partial marking a week-to-date figure carries, and the trailing window its rate is read from.
 */
import { TZDate } from '@date-fns/tz';
import { weekOf, type WeekStart } from '../weeks.ts';
import { addAmounts, type Amounts } from './projection.ts';

export const WEEK_WEEKDAYS: readonly number[] = [0, 1, 2, 3, 4, 5, 6];

/**
 * Days of the week `week` elapsed at `asOf` in `timeZone`, by the local clock (Thursday 12:00 = 3.5): a DST
 * change makes a local day 23 or 25 hours long, and the weekday pattern is one of local days. 0 before the
 * week starts, 7 once it has ended.
 */
export function elapsedDays(week: WeekStart, asOf: Date, timeZone: string): number {
  const current = weekOf(asOf, timeZone);
  if (current < week) return 0;
  if (current > week) return 7;
  const local = new TZDate(asOf.getTime(), timeZone);
  const weekday = (local.getDay() + 6) % 7;
  const secondsIntoDay = local.getHours() * 3600 + local.getMinutes() * 60 + local.getSeconds();
  return weekday + secondsIntoDay / 86_400;
}

export interface PartialMarking {
  partial: boolean;
  /** Days of the week with any time elapsed (today counts), 0–7. */
  daysCovered: number;
  elapsedDays: number;
  asOf: string;
}

export function partialMarking(week: WeekStart, asOf: Date, timeZone: string): PartialMarking {
  const elapsed = elapsedDays(week, asOf, timeZone);
  return { partial: elapsed < 7, daysCovered: Math.ceil(elapsed), elapsedDays: elapsed, asOf: asOf.toISOString() };
}

/**
 * The trailing window: the 7 local days ending with today, i.e. this week's days so far and the matching
 * last days of the previous week (Thursday → Friday to Sunday of last week plus Monday to Thursday).
 * Both arrays hold 7 daily amounts, Monday first.
 */
export function trailingWindow(
  currentWeek: readonly Amounts[],
  previousWeek: readonly Amounts[],
  daysCovered: number,
): Amounts[] {
  const started = Math.min(7, Math.max(0, daysCovered));
  return [...previousWeek.slice(started), ...currentWeek.slice(0, started)];
}

export function sumDays(days: readonly Amounts[]): Amounts {
  return addAmounts(...days);
}
