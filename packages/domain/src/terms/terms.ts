/**
 * Contract terms: which rules a vendor's numbers are computed under, resolved like the SQL view `case_facts`
 * (migration 0011; packages/db/src/terms/resolution.property.int.test.ts holds the two together): per field,
 * the latest row in force for the channel, then for the queue, then for the vendor as a whole, then the
 * organisation's settings. And the formula text printed beside a number:
 * how each metric counts cases, and how a status and the composite are scored (minimum sample, weights).
 */
import { METRICS, type MetricKey } from '../metrics/catalogue.ts';

export type TimeBasis = 'calendar' | 'business';

/** The fields a terms row may set; null inherits. */
export interface TermsFields {
  calendarId: number | null;
  frtBasis: TimeBasis | null;
  asyncSlBasis: TimeBasis | null;
  resolutionBasis: TimeBasis | null;
  slThresholdVoiceSeconds: number | null;
  slThresholdChatSeconds: number | null;
  asyncSlaSeconds: number | null;
  shortAbandonSeconds: number | null;
  repeatWindowSeconds: number | null;
  satisfiedScore: number | null;
  minSample: number | null;
  compositeWeights: Record<string, number> | null;
}

export const TERMS_FIELDS = [
  'calendarId',
  'frtBasis',
  'asyncSlBasis',
  'resolutionBasis',
  'slThresholdVoiceSeconds',
  'slThresholdChatSeconds',
  'asyncSlaSeconds',
  'shortAbandonSeconds',
  'repeatWindowSeconds',
  'satisfiedScore',
  'minSample',
  'compositeWeights',
] as const satisfies readonly (keyof TermsFields)[];

export interface TermsRow extends TermsFields {
  id: number;
  vendorId: number;
  queue: string | null;
  channel: string | null;
  /** Monday of the first week the row applies to. */
  effectiveFrom: string;
}

export interface OrganisationDefaults {
  slThresholdVoiceSeconds: number;
  slThresholdChatSeconds: number;
  asyncSlaSeconds: number;
  shortAbandonSeconds: number;
  repeatWindowSeconds: number;
  satisfiedScore: number;
  minSample: number;
  compositeWeights: Record<string, number>;
}

export interface ResolvedTerms extends OrganisationDefaults {
  calendarId: number | null;
  frtBasis: TimeBasis;
  asyncSlBasis: TimeBasis;
  resolutionBasis: TimeBasis;
  /** Ids of the rows that decided at least one field, most specific first. */
  sourceIds: number[];
}

export interface TermsTarget {
  vendorId: number;
  queue?: string | null;
  channel?: string | null;
  week: string;
}

function latest(rows: readonly TermsRow[], match: (r: TermsRow) => boolean, week: string): TermsRow | undefined {
  return rows
    .filter((r) => match(r) && r.effectiveFrom <= week)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}

/** Terms in force for a vendor (optionally one queue or channel) at a week. */
export function resolveTerms(
  defaults: OrganisationDefaults,
  rows: readonly TermsRow[],
  target: TermsTarget,
): ResolvedTerms {
  const own = rows.filter((r) => r.vendorId === target.vendorId);
  const layers = [
    target.channel ? latest(own, (r) => r.channel === target.channel && r.queue === null, target.week) : undefined,
    target.queue ? latest(own, (r) => r.queue === target.queue && r.channel === null, target.week) : undefined,
    latest(own, (r) => r.queue === null && r.channel === null, target.week),
  ].filter((r): r is TermsRow => r !== undefined);
  const pick = <K extends keyof TermsFields>(key: K): TermsFields[K] | null => {
    for (const layer of layers) if (layer[key] !== null) return layer[key];
    return null;
  };
  const calendarId = pick('calendarId');
  // SQL: a business basis without a calendar in force counts as calendar time.
  const basis = (key: 'frtBasis' | 'asyncSlBasis' | 'resolutionBasis'): TimeBasis =>
    calendarId === null ? 'calendar' : (pick(key) ?? 'calendar');
  return {
    calendarId,
    frtBasis: basis('frtBasis'),
    asyncSlBasis: basis('asyncSlBasis'),
    resolutionBasis: basis('resolutionBasis'),
    slThresholdVoiceSeconds: pick('slThresholdVoiceSeconds') ?? defaults.slThresholdVoiceSeconds,
    slThresholdChatSeconds: pick('slThresholdChatSeconds') ?? defaults.slThresholdChatSeconds,
    asyncSlaSeconds: pick('asyncSlaSeconds') ?? defaults.asyncSlaSeconds,
    shortAbandonSeconds: pick('shortAbandonSeconds') ?? defaults.shortAbandonSeconds,
    repeatWindowSeconds: pick('repeatWindowSeconds') ?? defaults.repeatWindowSeconds,
    satisfiedScore: pick('satisfiedScore') ?? defaults.satisfiedScore,
    minSample: pick('minSample') ?? defaults.minSample,
    compositeWeights: pick('compositeWeights') ?? defaults.compositeWeights,
    sourceIds: layers.filter((l) => TERMS_FIELDS.some((k) => l[k] !== null)).map((l) => l.id),
  };
}

/** 20 s, 24 h, 7 days: the largest whole unit. */
export function durationText(seconds: number): string {
  if (seconds !== 0 && seconds % 86_400 === 0) return `${seconds / 86_400} day${seconds === 86_400 ? '' : 's'}`;
  if (seconds !== 0 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds !== 0 && seconds % 60 === 0 && seconds >= 600) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/**
 * The rule a metric was computed under, in words a vendor can check, e.g. "Service level: answered ≤ 20 s
 * (voice), ≤ 60 s (chat) ÷ offered, abandons < 5 s left out; email/web/social responded ≤ 24 h in business hours
 * Mon–Fri 08:00–20:00 Asia/Manila ÷ due". `calendarText` describes terms.calendarId (describeCalendar()).
 */
export function formulaText(metric: MetricKey, terms: ResolvedTerms, calendarText: string | null): string {
  const clock = (basis: TimeBasis) =>
    basis === 'business' && calendarText ? `business hours ${calendarText}` : 'calendar time';
  const abandons = `abandons < ${durationText(terms.shortAbandonSeconds)} left out`;
  switch (metric) {
    case 'volume':
      return 'Volume: cases created in the week';
    case 'csat':
      return `CSAT: responses scoring ≥ ${terms.satisfiedScore} of 5 (or "good") ÷ responses`;
    case 'service_level':
      return (
        `Service level: answered ≤ ${durationText(terms.slThresholdVoiceSeconds)} (voice), ` +
        `≤ ${durationText(terms.slThresholdChatSeconds)} (chat) ÷ offered, ${abandons}; ` +
        `email/web/social first responded ≤ ${durationText(terms.asyncSlaSeconds)} ÷ due, ${clock(terms.asyncSlBasis)}`
      );
    case 'aht':
      return 'Handling time: handle seconds ÷ solved cases with a handle time';
    case 'frt':
      return `First response time: median of first response − created, ${clock(terms.frtBasis)}`;
    case 'fcr':
      return `FCR: solved without reopen and without a repeat contact (same customer and queue) within ${durationText(terms.repeatWindowSeconds)} ÷ solved`;
    case 'resolution_time':
      return `Resolution time: median of solved − created, ${clock(terms.resolutionBasis)}`;
    case 'reopen_rate':
      return 'Reopen rate: solved cases reopened at least once ÷ solved';
    case 'escalation_rate':
      return 'Escalation rate: escalated ÷ cases created';
    case 'abandon_rate':
      return `Abandon rate: abandoned ÷ offered (voice, chat), ${abandons}`;
    case 'quality_score':
      return 'Quality score: mean score of the internal reviews made in the week, each under its form’s scoring rule';
    case 'fatal_error_rate':
      return 'Fatal-error rate: internal reviews made in the week with a failed critical criterion ÷ internal reviews';
    case 'calibration_gap':
      return 'Calibration gap: mean of (internal score − the vendor QA’s latest score of the same case) over the week’s internal reviews of cases both reviewed';
    case 'dispute_rate':
      return 'Dispute rate: internal reviews made in the week that the vendor disputed ÷ internal reviews';
    case 'dispute_acceptance_rate':
      return 'Dispute acceptance rate: disputes of the week’s reviews accepted or partly accepted ÷ disputes decided';
    case 'avoidable_escalation_rate':
      return 'Avoidable-escalation rate: escalation reviews made in the week marked avoidable ÷ escalation reviews';
  }
}

/** The minimum sample in words: "status (met, at risk, missed) from a sample of 50; under it: low sample". */
export function statusRuleText(minSample: number): string {
  return `status (met, at risk, missed) from a sample of ${minSample}; under it: low sample`;
}

/**
 * The composite in words, with the weights in force, e.g. "Composite: attainment (actual ÷ target, capped at
 * 1.2) weighted CSAT 50, Service level 50, over the metrics with a status (sample ≥ 50)".
 */
export function compositeFormulaText(terms: Pick<ResolvedTerms, 'minSample' | 'compositeWeights'>): string {
  const weighted = METRICS.filter((m) => (terms.compositeWeights[m.key] ?? 0) > 0).map(
    (m) => `${m.label} ${terms.compositeWeights[m.key]}`,
  );
  if (weighted.length === 0) return 'Composite: no metric has a weight, so there is none';
  return (
    `Composite: attainment (actual ÷ target, capped at 1.2) weighted ${weighted.join(', ')}, ` +
    `over the metrics with a status (sample ≥ ${terms.minSample})`
  );
}
