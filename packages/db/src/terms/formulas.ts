/**
 * The terms a vendor-week was computed under and the formula text of every metric, for the scorecard, vendor
 * page, drill-down, exports and report emails. Resolved with the same precedence as case_facts; the scorecard's
 * statuses and composites, its trends and breakdowns and the plans' evaluation resolve through `termsResolver`.
 */
import { describeCalendar } from '@scorecard/domain/calendars/business-time';
import { CASE_METRIC_KEYS, METRIC_KEYS, type MetricKey } from '@scorecard/domain/metrics/catalogue';
import {
  compositeFormulaText,
  formulaText,
  resolveTerms,
  statusRuleText,
  type OrganisationDefaults,
  type ResolvedTerms,
  type TermsRow,
} from '@scorecard/domain/terms/terms';
import type { ScoringRule } from '@scorecard/domain/quality/forms';
import { describeRuleChoices } from '@scorecard/domain/quality/scoring';
import type { Db } from '../database.ts';
import { readOrganisationSettings } from '../metrics/settings.ts';
import { scoringRulesByVendor } from '../quality/weekly.ts';
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
  /**
   * The scoring rules the vendor's internal reviews of the week were scored under (empty without reviews):
   * two vendors' quality figures are comparable only under one and the same rule (compareRules).
   */
  qualityRules: ScoringRule[];
  /** The minimum sample a status needs, in words (statusRuleText). */
  statusRule: string;
  /** The composite's weights and minimum sample, in words (compositeFormulaText). */
  compositeFormula: string;
}

/** The figures a review's scoring rule decides. */
const SCORED_METRICS: readonly MetricKey[] = ['quality_score', 'fatal_error_rate', 'calibration_gap'];

export interface TermsFilter {
  queue?: string | null;
  channel?: string | null;
}

/** The terms in force for a vendor-week, the filter's queue or channel first when given. */
export type TermsResolver = (vendorId: number, week: string, filter?: TermsFilter) => ResolvedTerms;

/** Resolves from rows already read; each vendor-week × filter is resolved once, whatever the number of callers. */
function resolverOf(defaults: OrganisationDefaults, rows: readonly TermsRow[]): TermsResolver {
  const resolved = new Map<string, ResolvedTerms>();
  return (vendorId, week, filter = {}) => {
    const target = { vendorId, week, queue: filter.queue ?? null, channel: filter.channel ?? null };
    const key = JSON.stringify(target);
    let terms = resolved.get(key);
    if (!terms) resolved.set(key, (terms = resolveTerms(defaults, rows, target)));
    return terms;
  };
}

/**
 * One read of the organisation's settings and every terms row, then terms for any vendor-week: what the
 * scorecard's statuses (minimum sample) and composites (weights) follow.
 */
export async function termsResolver(db: Db): Promise<TermsResolver> {
  const [settings, rows] = await Promise.all([readOrganisationSettings(db), listTerms(db)]);
  return resolverOf(settings, rows);
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
  const [settings, rows, calendars, rules] = await Promise.all([
    readOrganisationSettings(db),
    listTerms(db),
    listCalendars(db),
    scoringRulesByVendor(db, vendorIds, week),
  ]);
  const resolve = resolverOf(settings, rows);
  for (const vendorId of vendorIds) {
    const terms = resolve(vendorId, week, filter);
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
      for (const key of CASE_METRIC_KEYS) if (key !== 'volume') formulas[key] += note;
    }
    const qualityRules = rules.get(vendorId) ?? [];
    if (qualityRules.length > 0) {
      const scored = `; scored under ${qualityRules.map(describeRuleChoices).join(' and under ')}`;
      for (const key of SCORED_METRICS) formulas[key] += scored;
    }
    result.set(vendorId, {
      vendorId,
      qualityRules,
      week,
      terms,
      calendarName: calendar?.name ?? null,
      calendarText,
      specificRows: specific,
      formulas,
      statusRule: statusRuleText(terms.minSample),
      compositeFormula: compositeFormulaText(terms),
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
