/**
 * How many cases a sampling plan draws and how they split across strata (queue × channel), pure.
 * The draw itself is SQL (packages/db/src/quality/sampling.ts). Formula and a worked example: docs/quality.md.
 */

/** Two-sided standard normal quantiles z(1 − α/2) for the confidence levels a plan may ask for. */
export const Z_BY_CONFIDENCE = { 0.9: 1.6448536269514722, 0.95: 1.959963984540054, 0.99: 2.5758293035489004 } as const;
export type Confidence = keyof typeof Z_BY_CONFIDENCE;
export const CONFIDENCES = Object.keys(Z_BY_CONFIDENCE).map(Number) as Confidence[];

/**
 * Cases to review so that the mean score (0..100) is known within ±`marginPoints` at `confidence`, out of
 * `population` cases: n₀ = (z × 50 ÷ e)², the worst case (a score's standard deviation is at most 50 points),
 * then the finite-population correction n = n₀N ÷ (n₀ + N − 1), rounded up; never more than N.
 */
export function sampleSize(marginPoints: number, confidence: Confidence, population: number): number {
  if (population <= 0) return 0;
  const z = Z_BY_CONFIDENCE[confidence];
  const n0 = ((z * 50) / marginPoints) ** 2;
  // Round away float noise first: (1.96 × 50 ÷ 5)² must not become 384.16000000000003 → 385 by accident.
  const corrected = Number(((n0 * population) / (n0 + population - 1)).toFixed(9));
  return Math.min(population, Math.ceil(corrected));
}

/**
 * Splits `total` over strata in proportion to their sizes by largest remainder (ties to the larger
 * stratum, then the earlier), never more than a stratum holds; the parts sum to min(total, Σ sizes).
 */
export function allocate(total: number, sizes: readonly number[]): number[] {
  const population = sizes.reduce((a, b) => a + b, 0);
  const wanted = Math.min(total, population);
  if (wanted === 0) return sizes.map(() => 0);
  const exact = sizes.map((size) => (wanted * size) / population);
  const parts = exact.map(Math.floor);
  const order = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || sizes[b.index]! - sizes[a.index]! || a.index - b.index);
  let left = wanted - parts.reduce((a, b) => a + b, 0);
  for (const { index } of order) {
    if (left === 0) break;
    parts[index]! += 1;
    left -= 1;
  }
  return parts;
}

/** Cases of the vendor's own QA sample drawn for a second, internal audit: the share, rounded up. */
export function doubleAuditCount(share: number, vendorReviews: number): number {
  return Math.min(vendorReviews, Math.ceil(Number((share * vendorReviews).toFixed(9))));
}
