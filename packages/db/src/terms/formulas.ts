/**
 * The terms a vendor-week was computed under and the formula text of every metric, for the scorecard, vendor
 * page, drill-down, exports and report emails. Resolved with the same precedence as case_facts.
 */
import { describeCalendar } from '@scorecard/domain/calendars/business-time';
import { METRIC_KEYS, type MetricKey } from '@scorecard/domain/metrics/catalogue';
import { formulaText, resolveTerms, type ResolvedTerms } from '@scorecard/domain/terms/terms';
import { weekOf } from '@scorecard/domain/weeks';
import type { Db } from '../database.ts';
import { availableWeeks } from '../metrics/read.ts';
import { readMetricSettings } from '../metrics/settings.ts';
import { listCalendars } from './calendars.ts';
import { listTerms } from './terms.ts';

export interface VendorTerms {
  vendorId: number;
  week: string;
  terms: ResolvedTerms;
  calendarName: string | null;
  calendarText: string | null;
  /** Queue- or channel-specific rows in force that week: their cases follow other rules, stated in `formulas`. */
  specificRows: { queue: string | null; channel: string | null; effectiveFrom: string }[];
  formulas: Record<MetricKey, string>;
}

export interface TermsFilter {
  queue?: string;
  channel?: string;
}

/** Terms in force at `week` for each vendor (the filter's queue or channel when given). */
export async function termsForVendors(
  db: Db,
  vendorIds: readonly number[],
  week: string,
  filter: TermsFilter = {},
): Promise<Map<number, VendorTerms>> {
  const result = new Map<number, VendorTerms>();
  if (vendorIds.length === 0) return result;
  const [settings, rows, calendars] = await Promise.all([readMetricSettings(db), listTerms(db), listCalendars(db)]);
  for (const vendorId of vendorIds) {
    const terms = resolveTerms(settings, rows, {
      vendorId,
      week,
      queue: filter.queue ?? null,
      channel: filter.channel ?? null,
    });
    const calendar = calendars.find((c) => c.id === terms.calendarId);
    const calendarText = calendar ? describeCalendar(calendar) : null;
    const formulas = Object.fromEntries(
      METRIC_KEYS.map((key) => [key, formulaText(key, terms, calendarText)]),
    ) as Record<MetricKey, string>;
    const specific =
      filter.queue || filter.channel
        ? []
        : latestSpecificRows(
            rows.filter((r) => r.vendorId === vendorId),
            week,
          );
    if (specific.length > 0) {
      const note = ` (other terms for ${specific.map((r) => r.queue ?? r.channel).join(', ')})`;
      for (const key of METRIC_KEYS) if (key !== 'volume') formulas[key] += note;
    }
    result.set(vendorId, {
      vendorId,
      week,
      terms,
      calendarName: calendar?.name ?? null,
      calendarText,
      specificRows: specific,
      formulas,
    });
  }
  return result;
}

function latestSpecificRows<R extends { queue: string | null; channel: string | null; effectiveFrom: string }>(
  rows: readonly R[],
  week: string,
) {
  const byKey = new Map<string, R>();
  for (const r of rows) {
    if ((r.queue === null && r.channel === null) || r.effectiveFrom > week) continue;
    const key = `${r.queue ?? ''}|${r.channel ?? ''}`;
    const seen = byKey.get(key);
    if (!seen || seen.effectiveFrom < r.effectiveFrom) byKey.set(key, r);
  }
  return [...byKey.values()].map((r) => ({ queue: r.queue, channel: r.channel, effectiveFrom: r.effectiveFrom }));
}

/** The given week (a Monday), else the vendor's newest week with data, else the current week. */
export async function weekOrLatest(db: Db, week: string | undefined, vendorId: number): Promise<string> {
  if (week !== undefined) return week;
  const [latest] = await availableWeeks(db, vendorId);
  return latest ?? weekOf(new Date(), (await readMetricSettings(db)).reportingTimeZone);
}
