import { describe, expect, it } from 'vitest';
import {
  expectedRemaining,
  MEDIAN_NOTE,
  projectMedian,
  projectRatio,
  weekdayMeans,
  type RatioInput,
  type RequiredState,
} from './projection.ts';
import { elapsedDays, partialMarking, trailingWindow } from './week-to-date.ts';

describe('expected remaining volume from the weekday pattern', () => {
  // Two previous weeks, Monday first: means are 15, 25, 35, 45, 55, 5, 0.
  const history = [
    [10, 20, 30, 40, 50, 0, 0],
    [20, 30, 40, 50, 60, 10, 0],
  ];
  const cases: [string, number, number][] = [
    ['before the week', 0, 15 + 25 + 35 + 45 + 55 + 5],
    ['Thursday 00:00', 3, 45 + 55 + 5],
    ['Thursday 12:00', 3.5, 45 * 0.5 + 55 + 5],
    ['Sunday 18:00', 6.75, 0],
    ['after the week', 7, 0],
  ];
  for (const [name, elapsed, expected] of cases) {
    it(name, () =>
      expect(expectedRemaining(weekdayMeans(history), [0, 1, 2, 3, 4, 5, 6], elapsed)).toBeCloseTo(expected, 9),
    );
  }
  it('no history expects nothing', () => expect(weekdayMeans([])).toEqual([0, 0, 0, 0, 0, 0, 0]));
  it('a month of 30 days starting on a Wednesday uses each day’s weekday', () => {
    const weekdays = Array.from({ length: 30 }, (_, day) => (2 + day) % 7);
    const means = [1, 2, 3, 4, 5, 6, 7];
    let expected = 0;
    for (let day = 10; day < 30; day += 1) expected += means[(2 + day) % 7]!;
    expect(expectedRemaining(means, weekdays, 10)).toBeCloseTo(expected, 9);
  });
});

const base = (over: Partial<RatioInput>): RatioInput => ({
  metric: 'service_level',
  target: 75,
  minSample: 30,
  soFar: { numerator: 71, denominator: 100 },
  trailing: { numerator: 140, denominator: 200 },
  trailingDays: [],
  expectedRemaining: 100,
  ...over,
});

describe('projection and required rate of a ratio metric', () => {
  // [name, input, projected, required (percent), state]
  const cases: [string, RatioInput, number, number | null, RequiredState][] = [
    // (71 + 0.7 × 100) ÷ 200 = 70.5 %; (0.75 × 200 − 71) ÷ 100 = 79 %
    ['Thursday: 71 % so far, rest must run at 79 %', base({}), 70.5, 79, 'achievable'],
    // (0.75 × 110 − 71) ÷ 10 = 115 % > 100 %
    ['beyond possible: already lost', base({ expectedRemaining: 10 }), ((71 + 7) / 110) * 100, 115, 'already_lost'],
    // (0.75 × 200 − 160) ÷ 100 = −10 %: met whatever the rest does
    [
      'already met',
      base({ soFar: { numerator: 160, denominator: 100 }, expectedRemaining: 100 }),
      ((160 + 70) / 200) * 100,
      -10,
      'already_met',
    ],
    ['no remaining volume', base({ expectedRemaining: 0 }), 71, null, 'no_remaining_volume'],
    ['no target', base({ target: null }), 70.5, null, 'no_target'],
    // lower is better, reopen rate target 10 %: (0.10 × 150 − 12) ÷ 50 = 6 %, a ceiling
    [
      'lower is better: a ceiling',
      base({
        metric: 'reopen_rate',
        target: 10,
        soFar: { numerator: 12, denominator: 100 },
        trailing: { numerator: 8, denominator: 80 },
        expectedRemaining: 50,
      }),
      ((12 + 0.1 * 50) / 150) * 100,
      6,
      'achievable',
    ],
    // (0.10 × 150 − 20) ÷ 50 = −10 %: no rate below 0
    [
      'lower is better: already lost',
      base({
        metric: 'reopen_rate',
        target: 10,
        soFar: { numerator: 20, denominator: 100 },
        trailing: { numerator: 20, denominator: 100 },
        expectedRemaining: 50,
      }),
      (30 / 150) * 100,
      -10,
      'already_lost',
    ],
  ];
  for (const [name, input, projected, requiredRate, state] of cases) {
    it(name, () => {
      const result = projectRatio(input);
      expect(result.method).toBe('trailing_rate');
      expect(result.value).toBeCloseTo(projected, 9);
      if (requiredRate === null) expect(result.requiredRate).toBeNull();
      else expect(result.requiredRate).toBeCloseTo(requiredRate, 9);
      expect(result.requiredState).toBe(state);
      expect(result.inputs.nSoFar).toBe(input.soFar.denominator);
      expect(result.inputs.expectedRemaining).toBe(input.expectedRemaining);
      expect(result.formula).toContain('(T × (n_so_far + R) − good_so_far) ÷ R');
    });
  }

  it('the interval brackets the projection and is the rest at the Wilson ends', () => {
    const result = projectRatio(base({}));
    // Wilson 95 % of 140/200, by hand
    const z = 1.959963984540054;
    const p = 0.7;
    const n = 200;
    const centre = p + (z * z) / (2 * n);
    const spread = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
    const low = (centre - spread) / (1 + (z * z) / n);
    expect(result.interval!.low).toBeCloseTo(((71 + low * 100) / 200) * 100, 9);
    expect(result.interval!.low).toBeLessThan(result.value!);
    expect(result.interval!.high).toBeGreaterThan(result.value!);
  });

  it('a mean metric: interval from the trailing daily means, required mean for the rest', () => {
    // AHT target 300 s; 100 cases so far at 320 s mean; rest expected 50 cases; trailing days at 280 and 340 s.
    const result = projectRatio({
      metric: 'aht',
      target: 300,
      minSample: 30,
      soFar: { numerator: 32_000, denominator: 100 },
      trailing: { numerator: 280 * 40 + 340 * 60, denominator: 100 },
      trailingDays: [
        { numerator: 280 * 40, denominator: 40 },
        { numerator: 340 * 60, denominator: 60 },
        { numerator: 0, denominator: 0 },
      ],
      expectedRemaining: 50,
    });
    const trailingMean = (280 * 40 + 340 * 60) / 100;
    expect(result.value).toBeCloseTo((32_000 + trailingMean * 50) / 150, 9);
    expect(result.interval!.low).toBeCloseTo((32_000 + 280 * 50) / 150, 9);
    expect(result.interval!.high).toBeCloseTo((32_000 + 340 * 50) / 150, 9);
    expect(result.requiredRate).toBeCloseTo((300 * 150 - 32_000) / 50, 9);
    expect(result.requiredState).toBe('achievable');
  });

  it('without a trailing sample the rate so far is used', () => {
    const result = projectRatio(base({ trailing: { numerator: 0, denominator: 0 } }));
    expect(result.value).toBeCloseTo(71, 9);
    expect(result.inputs.trailingRate).toBeCloseTo(71, 9);
  });

  it('refuses a median metric', () => expect(() => projectRatio(base({ metric: 'frt' }))).toThrow(RangeError));
});

describe('medians are observed so far', () => {
  it('states its method and keeps the observed value', () => {
    const result = projectMedian('frt', 600, 40, 900, 30);
    expect(result).toMatchObject({ method: 'observed_so_far', value: 600, status: 'met', note: MEDIAN_NOTE });
  });
  it('low sample so far', () => expect(projectMedian('frt', 1200, 10, 900, 30).status).toBe('low_sample'));
});

describe('the week so far', () => {
  const cases: [string, string, number][] = [
    ['Monday 00:00 Berlin', '2026-11-22T23:00:00Z', 0],
    ['Thursday 12:00 Berlin', '2026-11-26T11:00:00Z', 3.5],
    ['the next Monday', '2026-11-30T00:00:00Z', 7],
    ['the week before', '2026-11-20T12:00:00Z', 0],
  ];
  for (const [name, at, expected] of cases) {
    it(name, () => expect(elapsedDays('2026-11-23', new Date(at), 'Europe/Berlin')).toBeCloseTo(expected, 9));
  }
  it('marks a partial week with the days covered', () => {
    expect(partialMarking('2026-11-23', new Date('2026-11-26T11:00:00Z'), 'Europe/Berlin')).toMatchObject({
      partial: true,
      daysCovered: 4,
    });
    expect(partialMarking('2026-11-16', new Date('2026-11-26T11:00:00Z'), 'Europe/Berlin').partial).toBe(false);
  });
  it('the trailing window is the last 7 local days', () => {
    const day = (n: number) => ({ numerator: n, denominator: n });
    const current = [1, 2, 3, 4, 5, 6, 7].map(day);
    const previous = [11, 12, 13, 14, 15, 16, 17].map(day);
    expect(trailingWindow(current, previous, 4).map((d) => d.numerator)).toEqual([15, 16, 17, 1, 2, 3, 4]);
    expect(trailingWindow(current, previous, 0).map((d) => d.numerator)).toEqual([11, 12, 13, 14, 15, 16, 17]);
  });
});
