import { describe, expect, it } from 'vitest';
import { poolStrata } from '../stats/standardise.ts';
import { resolveTerms, type OrganisationDefaults, type TermsRow } from '../terms/terms.ts';
import { addParts, emptyParts, type Parts } from './parts.ts';
import { indexParts, scorecardRows, type CaseMix } from './scorecard.ts';
import type { Target } from './targets.ts';
import { addWeeks } from '../weeks.ts';

// A vendor's contract terms set its minimum sample and composite weights from their effective week.
const W46 = '2026-11-09';
const W47 = '2026-11-16';
const ALPHA = 1; // terms from W47: minimum sample 50, weights CSAT 50 + service level 50
const BETA = 2; // no terms: the organisation's 30 and its default weights

const defaults: OrganisationDefaults = {
  slThresholdVoiceSeconds: 20,
  slThresholdChatSeconds: 60,
  asyncSlaSeconds: 86_400,
  shortAbandonSeconds: 5,
  repeatWindowSeconds: 604_800,
  satisfiedScore: 4,
  minSample: 30,
  compositeWeights: { csat: 30, service_level: 20, fcr: 20, aht: 15, frt: 15 },
};
const alphaTerms: TermsRow = {
  id: 1,
  vendorId: ALPHA,
  queue: null,
  channel: null,
  effectiveFrom: W47,
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
  minSample: 50,
  compositeWeights: { csat: 50, service_level: 50 },
};
const termsOf = (vendorId: number, week: string) => resolveTerms(defaults, [alphaTerms], { vendorId, week });

const targets: Target[] = [
  { id: 1, metric: 'csat', value: 80, vendorId: null, channel: null, queue: null, effectiveFrom: '2026-01-05' },
  {
    id: 2,
    metric: 'service_level',
    value: 80,
    vendorId: null,
    channel: null,
    queue: null,
    effectiveFrom: '2026-01-05',
  },
  { id: 3, metric: 'aht', value: 300, vendorId: null, channel: null, queue: null, effectiveFrom: '2026-01-05' },
];

// The same week for both vendors: CSAT 28/40 = 70 % (sample 40), service level 90/100 = 90 %, AHT 330 s over 60.
const weekParts = (): Parts =>
  addParts(emptyParts(), {
    csatResponses: 40,
    csatSatisfied: 28,
    asyncDue: 100,
    asyncMet: 90,
    solved: 60,
    handleCount: 60,
    handleSecondsSum: 60 * 330,
  });
const parts = indexParts(
  [ALPHA, BETA].flatMap((vendorId) => [W46, W47].map((week) => ({ vendorId, week, group: null, parts: weekParts() }))),
);

// Attainment × 100 ÷ 1.2: CSAT 70/80 → 72.917, service level 90/80 → 93.75, AHT 300/330 → 75.758.
const CSAT = ((70 / 80) * 100) / 1.2;
const SL = ((90 / 80) * 100) / 1.2;
const AHT = ((300 / 330) * 100) / 1.2;
// Organisation weights (CSAT 30, service level 20, AHT 15; FCR and FRT have no target): 79.983.
const ORGANISATION_COMPOSITE = (30 * CSAT + 20 * SL + 15 * AHT) / 65;
// Alpha's weights: CSAT is low sample under 50 and AHT weighs 0, so the composite is service level alone: 93.75.
const ALPHA_COMPOSITE = (50 * SL) / 50;

/** The vendor's row for `week`, with the week before as its trend. */
function row(vendorId: number, week: string, mix?: CaseMix) {
  const [scored] = scorecardRows([vendorId], [addWeeks(week, -1), week], parts, new Map(), { targets }, termsOf, mix);
  return scored!;
}

describe('scorecard rows under each vendor’s contract terms', () => {
  it.each([
    ['Alpha under its terms (minimum 50)', ALPHA, W47, 'low_sample', ALPHA_COMPOSITE],
    ['Beta without terms (organisation minimum 30)', BETA, W47, 'missed', ORGANISATION_COMPOSITE],
    ['Alpha the week before its terms took effect', ALPHA, W46, 'missed', ORGANISATION_COMPOSITE],
  ])('%s: CSAT of 40 responses is %s, composite %s', (_name, vendorId, week, csatStatus, expected) => {
    const scored = row(vendorId, week);
    expect(scored.metrics.csat).toMatchObject({ value: 70, sample: 40, status: csatStatus });
    expect(scored.metrics.service_level.status).toBe('met');
    expect(scored.metrics.aht.status).toBe('missed');
    expect(scored.composite).toBeCloseTo(expected, 9);
  });

  it('worked by hand: 93.75 for Alpha, 79.98 for Beta', () => {
    expect(ALPHA_COMPOSITE).toBe(93.75);
    expect(ORGANISATION_COMPOSITE).toBeCloseTo(79.9825, 4);
  });

  it('the adjusted composite uses the same terms as the raw one', () => {
    // One stratum that both vendors served alike: every adjusted rate equals the raw one.
    const byVendor = new Map([ALPHA, BETA].map((id) => [id, new Map([['Buyer|email|1', weekParts()]])]));
    const mix: CaseMix = { byVendor, reference: poolStrata([...byVendor.values()]) };
    for (const [vendorId, expected] of [
      [ALPHA, ALPHA_COMPOSITE],
      [BETA, ORGANISATION_COMPOSITE],
    ] as const) {
      const scored = row(vendorId, W47, mix);
      expect(scored.adjustedComposite).toBeCloseTo(expected, 9);
      expect(scored.metrics.csat.adjusted?.composite).toBeCloseTo(expected, 9);
    }
  });
});

describe('week-over-week change', () => {
  // Gamma has cases in W47 only: its W46 volume is 0, a week without cases, not a previous value.
  const GAMMA = 3;
  const gammaParts = indexParts([
    { vendorId: GAMMA, week: W47, group: null, parts: addParts(emptyParts(), { volume: 12 }) },
  ]);
  const rowOf = (p: typeof gammaParts) =>
    scorecardRows([GAMMA], [W46, W47], p, new Map(), { targets }, termsOf)[0]!.metrics.volume;

  it('gives no change for a vendor without cases the week before', () => {
    expect(rowOf(gammaParts)).toMatchObject({ value: 12, previous: null, change: null });
  });

  it('gives the change in volume when the week before had cases', () => {
    const both = indexParts(
      [
        [W46, 5],
        [W47, 12],
      ].map(([week, volume]) => ({
        vendorId: GAMMA,
        week: week as string,
        group: null,
        parts: addParts(emptyParts(), { volume: volume as number }),
      })),
    );
    expect(rowOf(both)).toMatchObject({ value: 12, previous: 5, change: 12 - 5 });
  });
});
