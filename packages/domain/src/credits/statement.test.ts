/** Worked contract examples: invoice 100,000.00 EUR, 10 % at risk, pool 100 %, levels 40/30/30 %. */
import { describe, expect, it } from 'vitest';
import type { MetricKey } from '../metrics/catalogue.ts';
import { DEFAULT_VOLUME_BAND } from './relief.ts';
import {
  computeStatement,
  proRata,
  termsProblem,
  type MoneyTerms,
  type MonthFigure,
  type PastLine,
  type ServiceLevel,
  type StatementInput,
} from './statement.ts';

const terms: MoneyTerms = {
  currency: 'EUR',
  invoiceMinor: 10_000_000,
  atRiskBp: 1000,
  poolBp: 10_000,
  capBp: null,
  defaultRule: { misses: 4, windowMonths: 12 },
  earnBackMonths: 3,
  bonusBp: null,
  volumeBand: DEFAULT_VOLUME_BAND,
};
const level = (metric: MetricKey, allocationBp: number, expected: number, minimum: number): ServiceLevel => ({
  metric,
  kind: 'critical',
  expected,
  minimum,
  allocationBp,
  bonusLevel: null,
  volumeSensitive: true,
});
const levels = [level('service_level', 4000, 80, 70), level('csat', 3000, 85, 75), level('frt', 3000, 3600, 7200)];
const figure = (value: number | null): MonthFigure => ({ value, n: 500, low: null, high: null });
const input = (
  values: Partial<Record<MetricKey, number | null>>,
  more: Partial<StatementInput> = {},
): StatementInput => ({
  month: '2026-06',
  terms,
  levels,
  figures: new Map(Object.entries(values).map(([k, v]) => [k as MetricKey, figure(v)])),
  history: new Map(),
  volume: { actual: 10_000, forecast: 10_000 },
  reliefEvents: [],
  ...more,
});
const met = { service_level: 85, csat: 90, frt: 1800 };
const charged = (s: ReturnType<typeof computeStatement>) => s.lines.map((l) => l.chargedMinor);

describe('credits of one month', () => {
  it('a minimum miss costs allocation × at-risk amount: 40 % × 10 % of 100,000 = 4,000', () => {
    const s = computeStatement(input({ ...met, service_level: 65 }));
    expect(s.atRiskMinor).toBe(1_000_000);
    expect(charged(s)).toEqual([400_000, 0, 0]);
    expect(s.lines[0]?.formula).toBe(
      '40 % × 10 % × 100,000.00 EUR = 4,000.00 EUR (minimum level missed: a default at once)',
    );
    expect(s.netMinor).toBe(400_000);
  });
  it('an expected-level miss alone costs nothing until it is the 4th in 12 months', () => {
    const first = computeStatement(input({ ...met, service_level: 75 }));
    expect(first.creditsMinor).toBe(0);
    expect(first.lines[0]).toMatchObject({
      outcome: 'expected_missed',
      verdict: { isDefault: false, missesInWindow: 1 },
    });
    const past = new Map<string, PastLine>(
      ['2025-09', '2026-01', '2026-03'].map((m) => [m, { outcome: 'expected_missed', chargedMinor: 0 }]),
    );
    const fourth = computeStatement(
      input({ ...met, service_level: 75 }, { history: new Map([['service_level', past]]) }),
    );
    expect(fourth.lines[0]).toMatchObject({ verdict: { isDefault: true, missesInWindow: 4 }, chargedMinor: 400_000 });
  });
  it('several misses in one month are capped at the at-risk amount, spread pro rata', () => {
    const pool = { ...terms, poolBp: 25_000 };
    const wide = [level('service_level', 12_000, 80, 70), level('csat', 8000, 85, 75), level('frt', 5000, 3600, 7200)];
    const s = computeStatement({ ...input({ service_level: 60, csat: 70, frt: 9000 }), terms: pool, levels: wide });
    expect(s.creditsBeforeCapMinor).toBe(2_500_000);
    expect(s.creditsMinor).toBe(1_000_000);
    expect(charged(s)).toEqual([480_000, 320_000, 200_000]);
  });
  it('a cap below the at-risk amount wins', () => {
    const s = computeStatement({
      ...input({ service_level: 60, csat: 70, frt: 9000 }),
      terms: { ...terms, capBp: 500 },
    });
    expect([s.capMinor, s.creditsMinor]).toEqual([500_000, 500_000]);
  });
  it('a key measurement is reported and never charged', () => {
    const key: ServiceLevel = { ...level('aht', 0, 300, 400), kind: 'key' };
    const s = computeStatement({ ...input({ ...met, aht: 900 }), levels: [...levels, key] });
    expect(s.lines[3]).toMatchObject({ outcome: 'minimum_missed', creditMinor: 0 });
  });
  it('no cases: no figure, no miss, no credit', () => {
    const s = computeStatement(input({ ...met, csat: null }));
    expect(s.lines[1]).toMatchObject({ outcome: 'no_figure', chargedMinor: 0 });
  });
});

describe('relief', () => {
  it.each([
    ['volume 85 % of the forecast excuses every volume-sensitive miss', 8_500, 0],
    ['volume 112 % of the forecast excuses them too', 11_200, 0],
    ['volume 95 % of the forecast excuses nothing', 9_500, 400_000],
  ])('%s', (_, actual, credit) => {
    const s = computeStatement(input({ ...met, service_level: 65 }, { volume: { actual, forecast: 10_000 } }));
    expect(s.creditsMinor).toBe(credit);
  });
  it('an agreed relief event excuses only the metrics it names', () => {
    const event = { id: 3, title: 'Client telephony outage', metrics: ['service_level'] as const, agreed: true };
    const s = computeStatement(input({ ...met, service_level: 65, csat: 70 }, { reliefEvents: [event] }));
    expect(s.lines[0]).toMatchObject({ outcome: 'excused', relief: { source: 'event', eventId: 3 }, chargedMinor: 0 });
    expect(s.lines[1]?.chargedMinor).toBe(300_000);
  });
});

describe('earn-back after 3 met months', () => {
  const history = (outcomes: [string, PastLine['outcome'], number][]) =>
    new Map([
      ['service_level' as MetricKey, new Map(outcomes.map(([m, o, c]) => [m, { outcome: o, chargedMinor: c }]))],
    ]);
  it.each([
    [
      'met in each following month: returned',
      [
        ['2026-03', 'minimum_missed', 400_000],
        ['2026-04', 'met', 0],
        ['2026-05', 'met', 0],
      ],
      85,
      400_000,
    ],
    [
      'one month in between missed: kept',
      [
        ['2026-03', 'minimum_missed', 400_000],
        ['2026-04', 'expected_missed', 0],
        ['2026-05', 'met', 0],
      ],
      85,
      0,
    ],
    [
      'this month missed: kept',
      [
        ['2026-03', 'minimum_missed', 400_000],
        ['2026-04', 'met', 0],
        ['2026-05', 'met', 0],
      ],
      75,
      0,
    ],
    [
      'nothing was charged: nothing to return',
      [
        ['2026-03', 'expected_missed', 0],
        ['2026-04', 'met', 0],
        ['2026-05', 'met', 0],
      ],
      85,
      0,
    ],
  ] as const)('%s', (_, past, value, returned) => {
    const s = computeStatement(input({ ...met, service_level: value }, { history: history(past.map((p) => [...p])) }));
    expect(s.earnBackMinor).toBe(returned);
    expect(s.netMinor).toBe(s.creditsMinor - returned);
  });
});

describe('bonus: 2 % of the invoice when every critical level reaches its bonus level', () => {
  const bonusTerms = { ...terms, bonusBp: 200 };
  const bonusLevels = levels.map((l) => ({ ...l, bonusLevel: l.metric === 'service_level' ? 90 : null }));
  it.each([
    ['all reach it', { ...met, service_level: 92 }, 200_000],
    ['service level at expected but under its bonus level', met, 0],
    ['one level has no figure', { ...met, service_level: 92, csat: null }, 0],
  ])('%s', (_, values, bonus) => {
    const s = computeStatement({ ...input(values), terms: bonusTerms, levels: bonusLevels });
    expect(s.bonusMinor).toBe(bonus);
    expect(s.netMinor + bonus).toBe(0);
  });
});

describe('terms checks', () => {
  it.each([
    ['allocations within the pool', levels, null],
    [
      'allocations over the pool',
      [...levels, level('fcr', 100, 70, 60)],
      'allocations add up to 101 %, more than the pool of 100 %',
    ],
    ['expected below minimum', [level('csat', 1000, 70, 80)], 'an expected level is below its minimum level'],
  ] as const)('%s', (_, lv, problem) => expect(termsProblem(terms, lv)).toBe(problem));
});

describe('proRata', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [1_000_000, [1_200_000, 800_000, 500_000], [480_000, 320_000, 200_000]],
    [7, [0, 0], [0, 0]],
    [0, [5, 5], [0, 0]],
  ])('%d over %j = %j', (total, weights, shares) => {
    expect(proRata(total, weights)).toEqual(shares);
    expect(proRata(total, weights).reduce((a, b) => a + b, 0)).toBe(weights.some((w) => w > 0) ? total : 0);
  });
});
