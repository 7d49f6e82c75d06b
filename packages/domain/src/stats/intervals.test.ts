import { describe, expect, it } from 'vitest';
import {
  medianInterval,
  medianRanks,
  normalCdf,
  proportionVersusTarget,
  twoProportionTest,
  wilsonInterval,
} from './intervals.ts';

describe('wilsonInterval', () => {
  // Newcombe R. G. (1998), "Two-sided confidence intervals for the single proportion: comparison of seven
  // methods", Statistics in Medicine 17:857–872, Table I, method 3 (score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i → [%f, %f] (Newcombe 1998, Table I)', (x, n, low, high) => {
    const interval = wilsonInterval(x, n)!;
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  // By hand: at x = n the interval is [n ÷ (n + z²), 1]; at x = 0 it is [0, z² ÷ (n + z²)].
  it.each([
    ['100 % of 20', 20, 20, 20 / (20 + 1.959964 ** 2), 1],
    ['n = 1, success', 1, 1, 1 / (1 + 1.959964 ** 2), 1],
    ['n = 1, failure', 0, 1, 0, 1.959964 ** 2 / (1 + 1.959964 ** 2)],
    ['0 % of 5 (under the minimum sample: still an interval, just wide)', 0, 5, 0, 1.959964 ** 2 / (5 + 1.959964 ** 2)],
  ])('%s', (_name, x, n, low, high) => {
    expect(wilsonInterval(x, n)!.low).toBeCloseTo(low, 6);
    expect(wilsonInterval(x, n)!.high).toBeCloseTo(high, 6);
  });

  it('is undefined for n = 0', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('medianRanks', () => {
  // Ranks from the cumulative Binomial(n, ½) table (e.g. Conover, Practical Nonparametric Statistics, Table A3):
  // the largest r with P(X ≤ r − 1) ≤ 0.025; coverage 1 − 2·P(X ≤ r − 1).
  it.each([
    [6, 1, 6, 1 - 2 / 64],
    [10, 2, 9, 1 - (2 * 11) / 1024],
    [20, 6, 15, 1 - 2 * 0.020695],
    [100, 40, 61, 1 - 2 * 0.0176],
  ])('n = %i → x(%i) to x(%i)', (n, lower, upper, coverage) => {
    const ranks = medianRanks(n)!;
    expect(ranks).toMatchObject({ lower, upper });
    expect(ranks.coverage).toBeCloseTo(coverage, 5);
    expect(ranks.coverage).toBeGreaterThanOrEqual(0.95);
  });

  it.each([1, 2, 5])('has no 95 %% interval for n = %i', (n) => {
    expect(medianRanks(n)).toBeNull();
  });

  it('stays finite for large n (no factorial overflow)', () => {
    const ranks = medianRanks(100_000)!;
    // Normal approximation: n/2 − z·√n/2 ≈ 49 690.1
    expect(ranks.lower).toBeGreaterThan(49_680);
    expect(ranks.lower).toBeLessThan(49_700);
    expect(ranks.upper).toBe(100_000 - ranks.lower + 1);
  });

  it('reads the bounds off a sorted sample', () => {
    expect(medianInterval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({ low: 2, high: 9 });
    expect(medianInterval([7])).toBeNull();
  });
});

describe('significance', () => {
  it('Φ matches the normal table', () => {
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-1.644854)).toBeCloseTo(0.05, 6);
  });

  // By hand: pooled p = 0.525, SE = √(0.525·0.475·(1/100 + 1/100)) = 0.070622.
  it.each([
    ['60/100 vs 45/100', 60, 100, 45, 100, 2.12398, 0.03367, true],
    ['50/100 vs 45/100', 50, 100, 45, 100, 0.70799, 0.47895, false],
    ['1/1 vs 0/1 (n = 1)', 1, 1, 0, 1, 1.41421, 0.1573, false],
    ['100 % vs 0 % of 30', 30, 30, 0, 30, 7.74597, 0, true],
  ])('two-proportion test %s', (_name, x1, n1, x2, n2, z, p, significant) => {
    const result = twoProportionTest(x1, n1, x2, n2)!;
    expect(result.z).toBeCloseTo(z, 4);
    expect(result.pValue).toBeCloseTo(p, 4);
    expect(result.significant).toBe(significant);
  });

  it('is not significant when both weeks are all or nothing, and undefined without a sample', () => {
    expect(twoProportionTest(0, 40, 0, 50)).toEqual({ z: 0, pValue: 1, significant: false });
    expect(twoProportionTest(10, 10, 20, 20)).toEqual({ z: 0, pValue: 1, significant: false });
    expect(twoProportionTest(1, 0, 1, 2)).toBeNull();
  });

  it('against a target agrees with the Wilson interval', () => {
    // 70/100 against 80 %: z = −0.1 ÷ √(0.8·0.2/100) = −2.5; the Wilson interval [0.604, 0.781] excludes 0.8.
    expect(proportionVersusTarget(70, 100, 0.8)).toMatchObject({ significant: true });
    expect(proportionVersusTarget(70, 100, 0.8)!.z).toBeCloseTo(-2.5, 9);
    expect(wilsonInterval(70, 100)!.high).toBeLessThan(0.8);
    // 75/100 against 80 %: z = −1.25, inside the noise; 0.8 lies inside the interval.
    expect(proportionVersusTarget(75, 100, 0.8)).toMatchObject({ significant: false });
    expect(wilsonInterval(75, 100)!.high).toBeGreaterThan(0.8);
    expect(proportionVersusTarget(3, 3, 1)).toBeNull();
  });
});
