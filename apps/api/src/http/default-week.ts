/**
 * The week a read route answers for when none is asked for: the newest complete week with data in
 * the reporting zone, never the partial current week. Shared by the scorecard, trends and drill-down routes.
 */
import type { Db } from '@scorecard/db/database';
import { availableWeeks, requestedOrDefaultWeek } from '@scorecard/db/metrics/read';
import { parseWeekLabel } from '@scorecard/domain/weeks';
import { Problem } from './problems.ts';

/** The week asked for, or the newest complete week with data, or the last complete week (domain defaultWeek). */
export async function resolveWeek(
  db: Db,
  label: string | undefined,
  vendorId?: number,
  weeksOf: (vendorId: number | undefined) => Promise<string[]> = (id) => availableWeeks(db, id),
  reportingTimeZone?: () => Promise<string>,
): Promise<string> {
  if (label !== undefined) {
    const week = parseWeekLabel(label);
    if (!week) throw new Problem('bad-request', `${label} is not an ISO week`);
    return week;
  }
  return requestedOrDefaultWeek(db, undefined, vendorId, weeksOf, reportingTimeZone);
}
