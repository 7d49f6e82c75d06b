import { addWeeks, weekOf, type WeekStart } from '../../packages/domain/src/weeks.ts';

/** The Monday of the last ISO week (UTC) that has fully ended before `now`. */
export function lastCompleteWeek(now: Date): WeekStart {
  return addWeeks(weekOf(now, 'UTC'), -1);
}
