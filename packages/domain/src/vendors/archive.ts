/**
 * Archived vendors (docs/definitions.md "Archived vendors"). A vendor archived at an instant stays on the
 * scorecards of every week that began before the week holding that instant (reporting time zone), ranked
 * among the vendors as it always was, and leaves the scorecards from that week on. Past weeks therefore never
 * change when a vendor is archived; the week it was archived in, still partial, is ranked without it.
 */
import { weekOf, type WeekStart } from '../weeks.ts';

export function listedInWeek(archivedAt: Date | null, week: WeekStart, reportingTimeZone: string): boolean {
  return archivedAt === null || week < weekOf(archivedAt, reportingTimeZone);
}

/** The first week a vendor archived at `archivedAt` is no longer listed in. */
export function firstUnlistedWeek(archivedAt: Date, reportingTimeZone: string): WeekStart {
  return weekOf(archivedAt, reportingTimeZone);
}
