import { lastCompleteWeek, weekLabel, weekOf } from '@scorecard/domain/weeks';
import { useReportingTimeZone } from '../../../lib/reporting-zone.ts';
import { useSearchState } from '../../../lib/search-params.ts';

const WEEK_LABEL = /^\d{4}-W\d{2}$/;

/**
 * The week a quality page shows: `?week=2026-W47`, else the last complete week in the reporting time zone
 * (null while the zone loads, so no page asks for the wrong week first). `current` marks the week in progress.
 */
export function useQualityWeek(): { week: string | null; current: boolean; setWeek: (week: string) => void } {
  const [params, update] = useSearchState();
  const timeZone = useReportingTimeZone();
  const asked = params.get('week');
  const week =
    asked && WEEK_LABEL.test(asked) ? asked : timeZone ? weekLabel(lastCompleteWeek(new Date(), timeZone)) : null;
  const current = timeZone !== undefined && week === weekLabel(weekOf(new Date(), timeZone));
  // A page position (`?from=`) belongs to the filter it was reached under: another week starts at the first page.
  return { week, current, setWeek: (next) => update({ week: next, from: null }) };
}

/** `?vendorId=` as a number, or null for every vendor in scope. */
export function useVendorParam(): [number | null, (vendorId: number | null) => void] {
  const [params, update] = useSearchState();
  const value = Number(params.get('vendorId'));
  return [Number.isInteger(value) && value > 0 ? value : null, (vendorId) => update({ vendorId, from: null })];
}
