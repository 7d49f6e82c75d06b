import { describe, expect, it } from 'vitest';
import {
  compositeFormulaText,
  durationText,
  formulaText,
  resolveTerms,
  statusRuleText,
  type OrganisationDefaults,
  type TermsRow,
} from './terms.ts';

const defaults: OrganisationDefaults = {
  slThresholdVoiceSeconds: 20,
  slThresholdChatSeconds: 60,
  asyncSlaSeconds: 86_400,
  shortAbandonSeconds: 5,
  repeatWindowSeconds: 604_800,
  satisfiedScore: 4,
  minSample: 30,
  compositeWeights: { csat: 30 },
};

const empty = {
  calendarId: null,
  frtBasis: null,
  asyncSlBasis: null,
  resolutionBasis: null,
  slThresholdVoiceSeconds: null,
  slThresholdChatSeconds: null,
  asyncSlaSeconds: null,
  shortAbandonSeconds: null,
  repeatWindowSeconds: null,
  satisfiedScore: null,
  minSample: null,
  compositeWeights: null,
  queue: null,
  channel: null,
} as const;
const row = (id: number, effectiveFrom: string, fields: Partial<TermsRow>): TermsRow => ({
  ...empty,
  id,
  vendorId: 1,
  effectiveFrom,
  ...fields,
});

const rows: TermsRow[] = [
  row(1, '2026-01-05', { shortAbandonSeconds: 10, calendarId: 7, frtBasis: 'business' }),
  row(2, '2026-06-01', { shortAbandonSeconds: 8 }),
  row(3, '2026-03-02', { channel: 'voice', slThresholdVoiceSeconds: 30 }),
  row(4, '2026-03-02', { queue: 'Buyer', shortAbandonSeconds: 3, frtBasis: 'calendar' }),
  row(5, '2026-01-05', { vendorId: 2, asyncSlaSeconds: 3600 }),
];

describe('resolveTerms', () => {
  it('falls back to the organisation before any row is in force', () => {
    const terms = resolveTerms(defaults, rows, { vendorId: 1, week: '2025-12-29' });
    expect(terms).toMatchObject({ shortAbandonSeconds: 5, frtBasis: 'calendar', calendarId: null, sourceIds: [] });
  });
  it('takes the latest vendor-wide row in force, field by field', () => {
    expect(resolveTerms(defaults, rows, { vendorId: 1, week: '2026-05-25' })).toMatchObject({
      shortAbandonSeconds: 10,
      frtBasis: 'business',
      calendarId: 7,
    });
    expect(resolveTerms(defaults, rows, { vendorId: 1, week: '2026-06-01' })).toMatchObject({
      shortAbandonSeconds: 8,
      frtBasis: 'calendar',
      calendarId: null,
    });
  });
  it('prefers the channel row, then the queue row, then the vendor row', () => {
    const terms = resolveTerms(defaults, rows, { vendorId: 1, queue: 'Buyer', channel: 'voice', week: '2026-04-06' });
    expect(terms).toMatchObject({
      slThresholdVoiceSeconds: 30,
      shortAbandonSeconds: 3,
      frtBasis: 'calendar',
      calendarId: 7,
      sourceIds: [3, 4, 1],
    });
  });
  it('never reads another vendor', () => {
    expect(resolveTerms(defaults, rows, { vendorId: 1, week: '2026-04-06' }).asyncSlaSeconds).toBe(86_400);
    expect(resolveTerms(defaults, rows, { vendorId: 2, week: '2026-04-06' }).asyncSlaSeconds).toBe(3600);
  });
});

describe('formulaText', () => {
  it('states the thresholds and the clock', () => {
    const terms = resolveTerms(defaults, rows, { vendorId: 1, week: '2026-04-06' });
    expect(formulaText('frt', terms, 'Mon–Fri 08:00–20:00 Asia/Manila')).toBe(
      'First response time: median of first response − created, business hours Mon–Fri 08:00–20:00 Asia/Manila',
    );
    expect(formulaText('service_level', resolveTerms(defaults, [], { vendorId: 1, week: '2026-04-06' }), null)).toBe(
      'Service level: answered ≤ 20 s (voice), ≤ 60 s (chat) ÷ offered, abandons < 5 s left out; email/web/social first responded ≤ 1 day ÷ due, calendar time',
    );
  });
  it('writes durations in their largest whole unit', () => {
    expect([durationText(20), durationText(3600), durationText(604_800), durationText(1800)]).toEqual([
      '20 s',
      '1 h',
      '7 days',
      '30 min',
    ]);
  });
});

describe('status rule and composite in words', () => {
  it('states the minimum sample and the weights in force, vendor terms over the organisation', () => {
    const own = row(6, '2026-11-16', { minSample: 50, compositeWeights: { csat: 50, service_level: 50, aht: 0 } });
    const before = resolveTerms(defaults, [own], { vendorId: 1, week: '2026-11-09' });
    const after = resolveTerms(defaults, [own], { vendorId: 1, week: '2026-11-16' });
    expect(statusRuleText(before.minSample)).toBe(
      'status (met, at risk, missed) from a sample of 30; under it: low sample',
    );
    expect(compositeFormulaText(before)).toBe(
      'Composite: attainment (actual ÷ target, capped at 1.2) weighted CSAT 30, over the metrics with a status (sample ≥ 30)',
    );
    expect(compositeFormulaText(after)).toBe(
      'Composite: attainment (actual ÷ target, capped at 1.2) weighted CSAT 50, Service level 50, over the metrics with a status (sample ≥ 50)',
    );
    expect(compositeFormulaText({ minSample: 30, compositeWeights: {} })).toBe(
      'Composite: no metric has a weight, so there is none',
    );
  });
});
