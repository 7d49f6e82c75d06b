import { describe, expect, it } from 'vitest';
import { DEFAULT_VOLUME_BAND } from './relief.ts';
import { projectExposure, type SoFar } from './exposure.ts';
import type { ServiceLevel } from './statement.ts';

const terms = {
  currency: 'EUR',
  invoiceMinor: 10_000_000,
  atRiskBp: 1000,
  poolBp: 10_000,
  capBp: null,
  defaultRule: { misses: 4, windowMonths: 12 },
  earnBackMonths: null,
  bonusBp: null,
  volumeBand: DEFAULT_VOLUME_BAND,
};
const level = (metric: ServiceLevel['metric'], expected: number, minimum: number): ServiceLevel => ({
  metric,
  kind: 'critical',
  expected,
  minimum,
  allocationBp: 4000,
  bonusLevel: null,
  volumeSensitive: true,
});
const ratio = (good: number, n: number, trailingGood: number, trailingN: number, rest: number): SoFar => ({
  kind: 'ratio',
  soFar: { numerator: good, denominator: n },
  trailing: { numerator: trailingGood, denominator: trailingN },
  trailingDays: [],
  expectedRemaining: rest,
});

describe('projectExposure', () => {
  // [so far good/n, trailing good/n, R, projected %, credit of a 40 % allocation]
  it.each([
    [44, 64, 24, 24, 60, (104 / 124) * 100, 400_000], // 83.9 % < minimum 85: a default at once
    [60, 64, 24, 24, 60, (120 / 124) * 100, 0], // 96.8 %: met
    [60, 64, 0, 0, 60, (60 / 64) * 100, 0], // no trailing days: the rate so far
  ])('so far %i/%i, trailing %i/%i, R %i → %f %, credit %i', (good, n, tg, tn, rest, projected, credit) => {
    const exposure = projectExposure({
      month: '2026-03',
      terms,
      levels: [level('service_level', 90, 85)],
      soFar: new Map([['service_level', ratio(good, n, tg, tn, rest)]]),
      history: new Map(),
      volume: { actual: 0, forecast: null },
      reliefEvents: [],
    });
    expect(exposure.levels[0]!.projected.value).toBeCloseTo(projected, 9);
    expect(exposure.projected.creditsMinor).toBe(credit);
    expect(exposure.worst.creditsMinor).toBeGreaterThanOrEqual(credit);
    expect(exposure.best.creditsMinor).toBeLessThanOrEqual(credit);
  });

  it('keeps a median as observed so far, and its line has no required rate', () => {
    const exposure = projectExposure({
      month: '2026-03',
      terms,
      levels: [level('frt', 3600, 7200)],
      soFar: new Map([['frt', { kind: 'median', value: 9000, n: 30 }]]),
      history: new Map(),
      volume: { actual: 0, forecast: null },
      reliefEvents: [],
    });
    expect(exposure.levels[0]).toMatchObject({ method: 'observed_so_far', requiredForExpected: null });
    expect(exposure.levels[0]!.projected.value).toBe(9000);
    expect(exposure.projected.creditsMinor).toBe(400_000);
  });
});
