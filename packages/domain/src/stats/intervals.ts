/**
 * Confidence intervals and significance tests for the scorecard, pure. Level 95 %, α = 0.05,
 * two-sided everywhere. Formulas and a worked example: docs/metrics.md, "Confidence and significance".
 */

export const CONFIDENCE_LEVEL = 0.95;
export const ALPHA = 0.05;
/** The standard normal quantile z(1 − α/2) for α = 0.05. */
export const Z_95 = 1.959963984540054;

export const WILSON = 'Wilson score interval';
export const ORDER_STATISTICS = 'distribution-free order-statistic interval (binomial ranks)';
export const TWO_PROPORTION = 'two-proportion z-test (pooled), two-sided, α = 0.05';
export const SCORE_TEST =
  'one-sample score test against the target, two-sided, α = 0.05 (the target lies outside the Wilson interval)';

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval of a proportion x ÷ n, in [0, 1]; null when n = 0. Never leaves [0, 1], and is
 * defined at 0 % and 100 % (unlike the Wald interval p ± z√(p(1−p)/n)).
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): Interval | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denominator = 1 + z2 / n;
  // Clamp the 1-ulp excursions of floating point at p = 0 and p = 1.
  return { low: Math.max(0, (centre - spread) / denominator), high: Math.min(1, (centre + spread) / denominator) };
}

/** log P(X = k) for X ~ Binomial(n, ½), by the ratio P(k+1)/P(k) = (n−k)/(k+1): no factorial overflow. */
function* logHalfBinomialPmf(n: number): Generator<number> {
  let logPmf = n * Math.log(0.5);
  for (let k = 0; k <= n; k += 1) {
    yield logPmf;
    logPmf += Math.log((n - k) / (k + 1));
  }
}

export interface MedianRanks {
  /** 1-based ranks r ≤ s of the order statistics x(r), x(s) bounding the median. */
  lower: number;
  upper: number;
  /** The exact coverage 1 − 2·P(X < r), X ~ Binomial(n, ½): at least 0.95. */
  coverage: number;
}

/**
 * Ranks of the distribution-free 95 % interval for a median: the largest r with P(X ≤ r − 1) ≤ α/2 for
 * X ~ Binomial(n, ½), and s = n − r + 1. null for n < 6: even [x(1), x(n)] covers less than 95 % there.
 * The SQL function median_ci_rank(n) (migrations/0009_median_intervals.sql) is the same algorithm (tested).
 */
export function medianRanks(n: number): MedianRanks | null {
  if (n < 6) return null;
  let cumulative = 0;
  let rank = 0;
  for (const logPmf of logHalfBinomialPmf(n)) {
    const next = cumulative + Math.exp(logPmf);
    if (next > ALPHA / 2) break;
    cumulative = next;
    rank += 1;
  }
  // rank = number of k with P(X ≤ k) ≤ α/2, so P(X ≤ rank − 1) ≤ α/2 < P(X ≤ rank).
  return { lower: rank, upper: n - rank + 1, coverage: 1 - 2 * cumulative };
}

/** The interval from an ascending sample; null when the sample is too small (see medianRanks). */
export function medianInterval(sorted: readonly number[]): Interval | null {
  const ranks = medianRanks(sorted.length);
  if (!ranks) return null;
  return { low: sorted[ranks.lower - 1]!, high: sorted[ranks.upper - 1]! };
}

/** Standard normal CDF Φ(x) = 1 − erfc(x/√2)/2, erfc by the Chebyshev fit of Numerical Recipes (erfcc, relative error < 1.2e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x / Math.SQRT2));
  const y =
    t *
    Math.exp(
      -(x * x) / 2 -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - y / 2 : y / 2;
}

export interface TestResult {
  z: number;
  pValue: number;
  significant: boolean;
}

const twoSided = (z: number): TestResult => {
  const pValue = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  return { z, pValue, significant: pValue < ALPHA };
};

/**
 * Two-proportion z-test of x1/n1 against x2/n2 with the pooled variance. null when either n is 0. When the
 * pooled proportion is 0 or 1 both samples are identical (all or none): z = 0, not significant.
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): TestResult | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (variance === 0) return { z: 0, pValue: 1, significant: false };
  return twoSided((x1 / n1 - x2 / n2) / Math.sqrt(variance));
}

/**
 * Score test of x/n against a fixed proportion p0 (a target is not a sample): z = (p̂ − p0) ÷ √(p0(1−p0)/n).
 * Significant exactly when p0 lies outside the Wilson interval. null when n = 0 or p0 is outside (0, 1).
 */
export function proportionVersusTarget(x: number, n: number, p0: number): TestResult | null {
  if (n <= 0 || p0 <= 0 || p0 >= 1) return null;
  return twoSided((x / n - p0) / Math.sqrt((p0 * (1 - p0)) / n));
}
