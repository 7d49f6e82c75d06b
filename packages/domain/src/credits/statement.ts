/**
 * The monthly credit statement of one vendor, computed from the month's figures and the money terms in force:
 * per critical level its status, default and credit (allocation × at-risk amount), the month's credits capped,
 * earn-back of earlier credits and the bonus. Pure: the figures come from SQL over the month's cases.
 */
import { metricDefinition, type MetricKey } from '../metrics/catalogue.ts';
import { applyRates, moneyText, percentText } from './money.ts';
import {
  addMonths,
  defaultVerdict,
  levelOutcome,
  reaches,
  type DefaultRule,
  type DefaultVerdict,
  type LevelKind,
  type LevelOutcome,
  type Month,
} from './levels.ts';
import { reliefFor, volumeRelief, type Relief, type ReliefEvent, type VolumeBand } from './relief.ts';

export interface ServiceLevel {
  metric: MetricKey;
  kind: LevelKind;
  expected: number;
  minimum: number;
  /** Share of the at-risk amount this level's default costs; 0 for key measurements. */
  allocationBp: number;
  /** Level the bonus needs; null: the expected level. */
  bonusLevel: number | null;
  /** Whether volume outside the forecast band excuses this level. */
  volumeSensitive: boolean;
}

export interface MoneyTerms {
  currency: string;
  invoiceMinor: number;
  atRiskBp: number;
  /** Most the allocations of critical levels may add up to (may exceed 100 %). */
  poolBp: number;
  /** A month's credits never exceed this share of the invoice, nor the at-risk amount; null: the at-risk amount. */
  capBp: number | null;
  defaultRule: DefaultRule;
  /** A credit is returned when its level is met in each of the following `months` months; null: no earn-back. */
  earnBackMonths: number | null;
  /** Bonus as a share of the invoice when every critical level reaches its bonus level and none defaults. */
  bonusBp: number | null;
  volumeBand: VolumeBand;
}

export interface MonthFigure {
  value: number | null;
  n: number;
  low: number | null;
  high: number | null;
}

/** A level's earlier month, as its statement recorded it. */
export interface PastLine {
  outcome: LevelOutcome;
  chargedMinor: number;
}

export interface StatementInput {
  month: Month;
  terms: MoneyTerms;
  levels: readonly ServiceLevel[];
  figures: ReadonlyMap<MetricKey, MonthFigure>;
  history: ReadonlyMap<MetricKey, ReadonlyMap<Month, PastLine>>;
  volume: { actual: number; forecast: number | null };
  reliefEvents: readonly ReliefEvent[];
}

export interface StatementLine {
  metric: MetricKey;
  kind: LevelKind;
  figure: MonthFigure;
  expected: number;
  minimum: number;
  allocationBp: number;
  outcome: LevelOutcome;
  relief: Relief | null;
  verdict: DefaultVerdict;
  /** allocation × at-risk amount when in default, before the cap. */
  creditMinor: number;
  /** This line's share of the capped total (largest remainder), what the vendor is charged. */
  chargedMinor: number;
  formula: string;
}

export interface EarnBackLine {
  metric: MetricKey;
  fromMonth: Month;
  amountMinor: number;
  formula: string;
}

export interface Statement {
  month: Month;
  currency: string;
  atRiskMinor: number;
  capMinor: number;
  lines: StatementLine[];
  creditsBeforeCapMinor: number;
  creditsMinor: number;
  earnBack: EarnBackLine[];
  earnBackMinor: number;
  bonusMinor: number;
  bonusFormula: string | null;
  /** Credits − earn-back − bonus: what the invoice is reduced by (negative: the client pays more). */
  netMinor: number;
}

/** Why a terms set cannot produce a statement; null when it can. */
export function termsProblem(terms: MoneyTerms, levels: readonly ServiceLevel[]): string | null {
  const allocated = levels.filter((l) => l.kind === 'critical').reduce((sum, l) => sum + l.allocationBp, 0);
  if (allocated > terms.poolBp)
    return `allocations add up to ${percentText(allocated)}, more than the pool of ${percentText(terms.poolBp)}`;
  if (levels.some((l) => !reaches(metricDefinition(l.metric).direction, l.expected, l.minimum)))
    return 'an expected level is below its minimum level';
  return null;
}

/** Splits `total` over `weights` in proportion, in whole minor units, largest remainder first (ties: first). */
export function proRata(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (BigInt(total) * BigInt(w)) / BigInt(sum));
  const shares = exact.map(Number);
  const remainders = weights.map((w, i) => ({ i, r: (BigInt(total) * BigInt(w)) % BigInt(sum) }));
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  let left = total - shares.reduce((a, b) => a + b, 0);
  for (const { i } of remainders) {
    if (left === 0) break;
    shares[i] = (shares[i] ?? 0) + 1;
    left -= 1;
  }
  return shares;
}

function judge(input: StatementInput, level: ServiceLevel, volume: Relief | null) {
  const figure = input.figures.get(level.metric) ?? { value: null, n: 0, low: null, high: null };
  const relief = reliefFor(level.metric, input.reliefEvents, volume, level.volumeSensitive);
  const measured = levelOutcome(metricDefinition(level.metric).direction, figure.value, level);
  const outcome: LevelOutcome = relief && measured !== 'met' && measured !== 'no_figure' ? 'excused' : measured;
  const past = new Map(
    [...(input.history.get(level.metric) ?? new Map<Month, PastLine>())].map(([m, l]) => [m, l.outcome]),
  );
  const verdict = defaultVerdict(input.month, outcome, past, input.terms.defaultRule);
  return { figure, relief: outcome === 'excused' ? relief : null, outcome, verdict };
}

function earnBackLines(input: StatementInput, outcomes: ReadonlyMap<MetricKey, LevelOutcome>): EarnBackLine[] {
  const months = input.terms.earnBackMonths;
  if (months === null) return [];
  const from = addMonths(input.month, -months);
  const lines: EarnBackLine[] = [];
  for (const level of input.levels) {
    const past = input.history.get(level.metric);
    const charged = past?.get(from)?.chargedMinor ?? 0;
    if (charged <= 0 || outcomes.get(level.metric) !== 'met') continue;
    const between = Array.from({ length: months - 1 }, (_, i) => addMonths(from, i + 1));
    if (!between.every((m) => past?.get(m)?.outcome === 'met')) continue;
    lines.push({
      metric: level.metric,
      fromMonth: from,
      amountMinor: charged,
      formula: `${moneyText(charged, input.terms.currency)} charged in ${from} returned: met in each of the ${months} months since`,
    });
  }
  return lines;
}

export function computeStatement(input: StatementInput): Statement {
  const { terms } = input;
  const problem = termsProblem(terms, input.levels);
  if (problem) throw new RangeError(problem);
  const atRiskMinor = applyRates(terms.invoiceMinor, terms.atRiskBp);
  const capMinor = Math.min(
    atRiskMinor,
    terms.capBp === null ? atRiskMinor : applyRates(terms.invoiceMinor, terms.capBp),
  );
  const volume = volumeRelief(input.volume.actual, input.volume.forecast, terms.volumeBand);
  const judged = input.levels.map((level) => {
    const j = judge(input, level, volume);
    const creditMinor =
      level.kind === 'critical' && j.verdict.isDefault
        ? applyRates(terms.invoiceMinor, terms.atRiskBp, level.allocationBp)
        : 0;
    return { level, ...j, creditMinor };
  });
  const creditsBeforeCapMinor = judged.reduce((sum, j) => sum + j.creditMinor, 0);
  const creditsMinor = Math.min(creditsBeforeCapMinor, capMinor);
  const charged = proRata(
    creditsMinor,
    judged.map((j) => j.creditMinor),
  );
  const money = (amount: number) => moneyText(amount, terms.currency);
  const lines: StatementLine[] = judged.map((j, i) => ({
    metric: j.level.metric,
    kind: j.level.kind,
    figure: j.figure,
    expected: j.level.expected,
    minimum: j.level.minimum,
    allocationBp: j.level.allocationBp,
    outcome: j.outcome,
    relief: j.relief,
    verdict: j.verdict,
    creditMinor: j.creditMinor,
    chargedMinor: charged[i] ?? 0,
    formula:
      j.level.kind === 'key'
        ? 'key measurement: reported, carries no credit'
        : j.creditMinor > 0
          ? `${percentText(j.level.allocationBp)} × ${percentText(terms.atRiskBp)} × ${money(terms.invoiceMinor)} = ${money(j.creditMinor)} (${j.verdict.reason})`
          : j.relief
            ? `no credit: excused, ${j.relief.reason}`
            : `no credit: ${j.verdict.reason}`,
  }));
  const outcomes = new Map(lines.map((l) => [l.metric, l.outcome]));
  const earnBack = earnBackLines(input, outcomes);
  const critical = lines.filter((l) => l.kind === 'critical');
  const bonusEarned =
    terms.bonusBp !== null &&
    critical.length > 0 &&
    critical.every((l) => !l.verdict.isDefault) &&
    judged.every(
      (j) =>
        j.level.kind === 'key' ||
        (j.figure.value !== null &&
          reaches(metricDefinition(j.level.metric).direction, j.figure.value, j.level.bonusLevel ?? j.level.expected)),
    );
  const bonusMinor = bonusEarned && terms.bonusBp !== null ? applyRates(terms.invoiceMinor, terms.bonusBp) : 0;
  const earnBackMinor = earnBack.reduce((sum, l) => sum + l.amountMinor, 0);
  return {
    month: input.month,
    currency: terms.currency,
    atRiskMinor,
    capMinor,
    lines,
    creditsBeforeCapMinor,
    creditsMinor,
    earnBack,
    earnBackMinor,
    bonusMinor,
    bonusFormula:
      terms.bonusBp === null
        ? null
        : bonusEarned
          ? `${percentText(terms.bonusBp)} × ${money(terms.invoiceMinor)} = ${money(bonusMinor)}: every critical level reached its bonus level`
          : 'no bonus: not every critical level reached its bonus level without a default',
    netMinor: creditsMinor - earnBackMinor - bonusMinor,
  };
}
