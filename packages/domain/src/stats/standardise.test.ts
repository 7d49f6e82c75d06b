import { describe, expect, it } from 'vitest';
import { emptyParts, type Parts } from '../metrics/parts.ts';
import { decomposeGap, poolStrata, standardise } from './standardise.ts';

/** CSAT parts of one stratum: `satisfied` of `responses`. */
const csat = (satisfied: number, responses: number): Parts => ({
  ...emptyParts(),
  csatSatisfied: satisfied,
  csatResponses: responses,
});
const strata = (entries: Record<string, Parts>) => new Map(Object.entries(entries));

describe('standardise (direct standardisation)', () => {
  it('gives vendors with the same rate per stratum the same adjusted figure whatever their mix', () => {
    // Both: 90 % in Buyer|email|1, 60 % in Seller|voice|2. A mostly easy work, B mostly hard work.
    const a = strata({ 'Buyer|email|1': csat(810, 900), 'Seller|voice|2': csat(60, 100) });
    const b = strata({ 'Buyer|email|1': csat(90, 100), 'Seller|voice|2': csat(540, 900) });
    const reference = poolStrata([a, b]);
    // Raw: A 870/1000 = 87 %, B 630/1000 = 63 %. Reference mix 1000/1000: adjusted 0.5·90 + 0.5·60 = 75 % for both.
    expect(decomposeGap('csat', a, b).value).toBeCloseTo(87, 9);
    expect(decomposeGap('csat', b, a).value).toBeCloseTo(63, 9);
    expect(standardise('csat', a, reference)).toEqual({ value: 75, uncoveredShare: 0 });
    expect(standardise('csat', b, reference).value).toBeCloseTo(75, 9);
  });

  it("ranks first the vendor better in every stratum even when its raw figure is lower (Simpson's paradox)", () => {
    // A: 95 % easy, 66.7 % hard, raw 695/1000 = 69.5 %. B: 90 % easy, 60 % hard, raw 870/1000 = 87 %.
    const a = strata({ easy: csat(95, 100), hard: csat(600, 900) });
    const b = strata({ easy: csat(810, 900), hard: csat(60, 100) });
    const reference = poolStrata([a, b]);
    const [rawA, rawB] = [decomposeGap('csat', a, b).value!, decomposeGap('csat', b, a).value!];
    const [adjA, adjB] = [standardise('csat', a, reference).value!, standardise('csat', b, reference).value!];
    expect(rawA).toBeLessThan(rawB);
    expect(adjA).toBeCloseTo(0.5 * 95 + 0.5 * (600 / 9), 9);
    expect(adjB).toBeCloseTo(75, 9);
    expect(adjA).toBeGreaterThan(adjB);
  });

  it('reports strata the vendor did not serve instead of inventing a rate, and renormalises the rest', () => {
    const a = strata({ easy: csat(90, 100) });
    const b = strata({ easy: csat(80, 100), hard: csat(150, 300) });
    // Reference: easy 200, hard 300 → A covers 40 %; its adjusted rate is its easy rate, 90 %.
    const adjusted = standardise('csat', a, poolStrata([a, b]));
    expect(adjusted.value).toBeCloseTo(90, 9);
    expect(adjusted.uncoveredShare).toBeCloseTo(0.6, 9);
    expect(standardise('csat', strata({}), poolStrata([b]))).toEqual({ value: null, uncoveredShare: 1 });
    expect(standardise('csat', a, strata({}))).toEqual({ value: null, uncoveredShare: null });
  });

  it('standardises a mean by its own denominator (AHT weighted by cases with a handle time)', () => {
    const parts = (seconds: number, count: number): Parts => ({
      ...emptyParts(),
      handleSecondsSum: seconds,
      handleCount: count,
    });
    const a = strata({ chat: parts(300 * 10, 10), voice: parts(600 * 90, 90) });
    const reference = strata({ chat: parts(0, 50), voice: parts(0, 50) });
    expect(standardise('aht', a, reference).value).toBeCloseTo(450, 9);
  });
});

describe('decomposeGap (Kitagawa)', () => {
  it('splits the Simpson gap into mix and performance that add up to it', () => {
    const a = strata({ easy: csat(95, 100), hard: csat(600, 900) });
    const b = strata({ easy: csat(810, 900), hard: csat(60, 100) });
    const result = decomposeGap('csat', a, b);
    // By hand: w_a = (0.1, 0.9), w_b = (0.9, 0.1), r_a = (95, 66.67), r_b = (90, 60).
    // mix = (−0.8)(185)/2 + (0.8)(126.67)/2 = −23.333; performance = (5)(1)/2 + (6.667)(1)/2 = 5.833.
    expect(result.gap).toBeCloseTo(69.5 - 87, 9);
    expect(result.mix).toBeCloseTo(-23.3333333, 6);
    expect(result.performance).toBeCloseTo(5.8333333, 6);
    expect(result.unmatched).toBeCloseTo(0, 9);
  });

  it('puts the strata only one side served in `unmatched`', () => {
    const a = strata({ easy: csat(90, 100), rare: csat(10, 100) });
    const b = strata({ easy: csat(90, 100) });
    const result = decomposeGap('csat', a, b);
    expect(result.gap).toBeCloseTo(50 - 90, 9);
    expect(result.mix! + result.performance! + result.unmatched!).toBeCloseTo(result.gap!, 9);
    expect(result.performance).toBeCloseTo(0, 9);
  });

  it('has no gap without the others', () => {
    expect(decomposeGap('csat', strata({ easy: csat(1, 2) }), strata({}))).toMatchObject({
      value: 50,
      others: null,
      gap: null,
    });
  });
});
