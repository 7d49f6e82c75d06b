/**
 * The organisation's reporting time zone: weeks run Monday to Monday in it (docs/definitions.md "Weeks and
 * attribution"), so the dashboard shows week labels and case times in it, never in the browser's own zone.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
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
