/**
 * Case-mix adjustment by direct standardisation, pure. A stratum is queue × channel × tier.
 * Formulas and a worked example: docs/metrics.md, "Case-mix adjustment".
 */
import { metricDefinition, type MetricKey } from '../metrics/catalogue.ts';
import { addParts, emptyParts, type PartKey, type Parts } from '../metrics/parts.ts';

/** Additive parts per stratum key (e.g. 'Buyer|voice|1'). */
export type Strata = ReadonlyMap<string, Parts>;

/** The metrics standardised: every ratio of parts. Medians and volume are not (no per-stratum median is stored). */
export const STANDARDISED_METRICS: readonly MetricKey[] = [
  'csat',
  'service_level',
  'aht',
  'fcr',
  'reopen_rate',
  'escalation_rate',
  'abandon_rate',
];

const sum = (parts: Parts, keys: readonly PartKey[]) => keys.reduce((total, key) => total + parts[key], 0);

/** Numerator and denominator of a metric in one stratum. */
function terms(key: MetricKey, parts: Parts) {
  const d = metricDefinition(key);
  return {
    numerator: sum(parts, d.numerator),
    denominator: sum(parts, d.denominator),
    scale: d.unit === '%' ? 100 : 1,
  };
}

/** Parts of several vendors' strata added per stratum (e.g. every vendor: the reference mix). */
export function poolStrata(many: readonly Strata[]): Map<string, Parts> {
  const pooled = new Map<string, Parts>();
  for (const strata of many) {
    for (const [stratum, parts] of strata) {
      const into = pooled.get(stratum) ?? emptyParts();
      pooled.set(stratum, addParts(into, parts));
    }
  }
  return pooled;
}

export interface Adjusted {
  /** The vendor's rate under the reference mix, renormalised over the strata it served; null if none. */
  value: number | null;
  /** The reference mix's share (by this metric's denominator) in strata the vendor did not serve, 0–1. */
  uncoveredShare: number | null;
}

/**
 * Direct standardisation: Σ w_s·r_s ÷ Σ w_s over the strata s the vendor served (its denominator > 0), with
 * w_s the reference's share of this metric's denominator in s and r_s the vendor's own rate in s. Strata the
 * vendor did not serve get no invented rate: their weight is left out and reported as `uncoveredShare`.
 */
export function standardise(key: MetricKey, vendor: Strata, reference: Strata): Adjusted {
  let referenceTotal = 0;
  for (const parts of reference.values()) referenceTotal += terms(key, parts).denominator;
  if (referenceTotal === 0) return { value: null, uncoveredShare: null };
  let weighted = 0;
  let covered = 0;
  for (const [stratum, parts] of reference) {
    const weight = terms(key, parts).denominator / referenceTotal;
    const own = vendor.get(stratum);
    const t = own ? terms(key, own) : null;
    if (!t || t.denominator === 0 || weight === 0) continue;
    weighted += (weight * t.numerator) / t.denominator;
    covered += weight;
  }
  const scale = terms(key, emptyParts()).scale;
  return { value: covered === 0 ? null : (weighted / covered) * scale, uncoveredShare: Math.max(0, 1 - covered) };
}

export interface GapDecomposition {
  value: number | null;
  others: number | null;
  /** value − others: mix + performance + unmatched, exactly. */
  gap: number | null;
  /** Σ (w_v − w_o)·(r_v + r_o)/2 over strata both served: the part due to a different mix. */
  mix: number | null;
  /** Σ (r_v − r_o)·(w_v + w_o)/2 over strata both served: the part due to different rates in like work. */
  performance: number | null;
  /** What strata only one side served contribute (no like-for-like comparison exists there). */
  unmatched: number | null;
}

/**
 * Kitagawa's decomposition of the gap between a vendor's raw rate and the pooled rate of the other vendors
 * into mix and performance, with weights w = each side's own share of the metric's denominator.
 */
export function decomposeGap(key: MetricKey, vendor: Strata, others: Strata): GapDecomposition {
  const totalOf = (strata: Strata) => [...strata.values()].reduce((t, p) => t + terms(key, p).denominator, 0);
  const [vendorTotal, othersTotal] = [totalOf(vendor), totalOf(others)];
  const scale = terms(key, emptyParts()).scale;
  const rawOf = (strata: Strata, total: number) =>
    total === 0 ? null : ([...strata.values()].reduce((t, p) => t + terms(key, p).numerator, 0) / total) * scale;
  const value = rawOf(vendor, vendorTotal);
  const othersValue = rawOf(others, othersTotal);
  if (value === null || othersValue === null)
    return { value, others: othersValue, gap: null, mix: null, performance: null, unmatched: null };
  let mix = 0;
  let performance = 0;
  for (const [stratum, parts] of vendor) {
    const v = terms(key, parts);
    const o = others.get(stratum) ? terms(key, others.get(stratum)!) : null;
    if (v.denominator === 0 || !o || o.denominator === 0) continue;
    const [wv, wo] = [v.denominator / vendorTotal, o.denominator / othersTotal];
    const [rv, ro] = [(v.numerator / v.denominator) * scale, (o.numerator / o.denominator) * scale];
    mix += ((wv - wo) * (rv + ro)) / 2;
    performance += ((rv - ro) * (wv + wo)) / 2;
  }
  const gap = value - othersValue;
  return { value, others: othersValue, gap, mix, performance, unmatched: gap - mix - performance };
}
