import { describe, expect, it } from 'vitest';
import { allocate, doubleAuditCount, sampleSize } from './sampling.ts';

describe('sampleSize', () => {
  // n₀ = (z·50/e)²; n = ⌈n₀N/(n₀+N−1)⌉, worked by hand: ±5 at 95 % → n₀ = 384.15 → 385 of an infinite population.
  it.each<[number, 0.9 | 0.95 | 0.99, number, number]>([
    [5, 0.95, 1_000_000_000, 385],
    [5, 0.95, 1_000_000, 384], // 384.146·10⁶/(10⁶ + 383.146) = 383.9999
    [5, 0.95, 1000, 278], // 384.146·1000/1383.146 = 277.7
    [5, 0.95, 200, 132], // 384.146·200/583.146 = 131.7
    [10, 0.95, 1_000_000, 97], // 96.04
    [5, 0.9, 1_000_000, 271], // 270.55
    [5, 0.99, 1_000_000, 664], // 663.49
    [5, 0.95, 10, 10],
    [5, 0.95, 1, 1],
    [5, 0.95, 0, 0],
  ])('±%d at %d of %d → %d', (margin, confidence, population, expected) => {
    expect(sampleSize(margin, confidence, population)).toBe(expected);
  });
});

describe('allocate', () => {
  it.each<[number, number[], number[]]>([
    [10, [50, 30, 20], [5, 3, 2]],
    [10, [1, 1, 1], [1, 1, 1]], // more wanted than there are
    [2, [5, 5, 5], [1, 1, 0]], // ties to the earlier stratum
    [3, [10, 1, 1], [3, 0, 0]],
    [4, [7, 3], [3, 1]], // 2.8 and 1.2
    [0, [7, 3], [0, 0]],
    [5, [], []],
  ])('%d over %o → %o', (total, sizes, expected) => {
    const parts = allocate(total, sizes);
    expect(parts).toEqual(expected);
    expect(parts.reduce((x, y) => x + y, 0)).toBe(
      Math.min(
        total,
        sizes.reduce((x, y) => x + y, 0),
      ),
    );
  });
});

describe('doubleAuditCount', () => {
  it.each([
    [0.1, 40, 4],
    [0.1, 41, 5],
    [0.1, 0, 0],
    [1, 7, 7],
    [0.3, 10, 3],
  ])('%d of %d → %d', (share, reviews, expected) => expect(doubleAuditCount(share, reviews)).toBe(expected));
});
