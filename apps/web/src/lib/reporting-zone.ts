/**
 * The organisation's reporting time zone: weeks run Monday to Monday in it (docs/definitions.md "Weeks and
 * attribution"), so the dashboard shows week labels and case times in it, never in the browser's own zone.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { localToInstant } from '@scorecard/domain/calendars/business-time';
import { addMonths } from '@scorecard/domain/credits/levels';
import { localMonth } from '@scorecard/domain/projections/month-to-date';
import { weekLabel, weekOf, type WeekLabel } from '@scorecard/domain/weeks';
import { apiFetch } from './api-client.ts';

export function getReportingTimeZone(signal?: AbortSignal) {
  return apiFetch<{ reportingTimeZone: string }>('/api/settings/reporting-time-zone', { signal });
}

export const reportingTimeZoneQueryOptions = () =>
  queryOptions({
    queryKey: ['settings', 'reporting-time-zone'],
    queryFn: ({ signal }) => getReportingTimeZone(signal),
    // Changed only by an admin's settings form, which invalidates every query.
    staleTime: 5 * 60_000,
  });

/** The reporting zone, or undefined while it loads (callers show UTC meanwhile, as the API's default). */
export function useReportingTimeZone(): string | undefined {
  return useQuery(reportingTimeZoneQueryOptions()).data?.reportingTimeZone;
}

/** ISO week label of `now` in the reporting zone, e.g. '2026-W48': the default "from week" of a new target. */
export function currentWeekLabel(timeZone: string, now = new Date()): WeekLabel {
  return weekLabel(weekOf(now, timeZone));
}

/** This week's label in the reporting zone (UTC while the zone loads): a week field's placeholder. */
export function useCurrentWeekLabel(): WeekLabel {
  return currentWeekLabel(useReportingTimeZone() ?? 'UTC');
}

/** 'YYYY-MM' of `now` in the reporting zone: the month a statement of today would be (docs/credits.md). */
export function currentMonth(timeZone: string, now = new Date()): string {
  return localMonth(now, timeZone);
}

/** The month before the current one in the reporting zone: the month usually being closed. */
export function previousMonth(timeZone: string, now = new Date()): string {
  return addMonths(localMonth(now, timeZone), -1);
}

/**
 * A `datetime-local` value ('2026-04-02T08:00') read as a wall-clock time in `timeZone`, as an ISO instant; null
 * when it is not such a value. The browser's own zone plays no part.
 */
export function zonedInputToIso(value: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = match
    .slice(1)
    .map((part) => Number(part ?? 0));
  const wallClock = Date.UTC(year, month - 1, day, hour, minute, second);
  return new Date(localToInstant(wallClock, timeZone)).toISOString();
}

/**
 * The wall clock of `instant` in `timeZone` as a `datetime-local` value to the minute ('2026-04-02T08:00'): the
 * inverse of `zonedInputToIso`, so a date/time field shows the reporting zone's time, not the browser's.
 */
export function instantToZonedInput(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}
