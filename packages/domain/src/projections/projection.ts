/**
 * Week-to-date projections, pure. A period (a week, or a month where a contract measures monthly)
 * is partly over; from the amounts so far, the trailing rate and the volume expected for the rest, this says
 * where each ratio or mean metric will land and what the rest must run at to meet its target. Medians are not
 * projected: their value is the one observed so far. Formulas and a worked example: docs/alerts.md.
 */
import { metricDefinition, type MetricKey } from '../metrics/catalogue.ts';
import { metricStatus, type Status } from '../metrics/targets.ts';
import { wilsonInterval, type Interval } from '../stats/intervals.ts';

/** A numerator and a denominator summed over some days (the catalogue's parts for the metric). */
export interface Amounts {
  numerator: number;
  denominator: number;
}

export const ZERO: Amounts = { numerator: 0, denominator: 0 };

export function addAmounts(...all: readonly Amounts[]): Amounts {
  return all.reduce(
    (sum, a) => ({ numerator: sum.numerator + a.numerator, denominator: sum.denominator + a.denominator }),
    ZERO,
  );
}

/**
 * Mean denominator per weekday (0 = Monday … 6 = Sunday) over previous weeks, each given as its 7 daily
 * denominators; 0 for every weekday when there is no history.
 */
export function weekdayMeans(previousWeeks: readonly (readonly number[])[]): number[] {
  return Array.from({ length: 7 }, (_, weekday) => {
    if (previousWeeks.length === 0) return 0;
    return previousWeeks.reduce((sum, week) => sum + (week[weekday] ?? 0), 0) / previousWeeks.length;
  });
}

/**
 * R, the volume expected for the rest of the period: every day of the period contributes its weekday's mean
 * times the part of it still to come (1 for a future day, 1 − f for today with f of it elapsed, 0 for a past
 * day). `periodWeekdays` lists the weekday of each day of the period in order; `elapsedDays` counts days
 * (fractional) since the period started.
 */
export function expectedRemaining(
  means: readonly number[],
  periodWeekdays: readonly number[],
  elapsedDays: number,
): number {
  return periodWeekdays.reduce((sum, weekday, index) => {
    const toCome = Math.min(1, Math.max(0, index + 1 - elapsedDays));
    return sum + (means[weekday] ?? 0) * toCome;
  }, 0);
}

export const REQUIRED_STATES = [
  'achievable',
  'already_met',
  'already_lost',
  'no_remaining_volume',
  'no_target',
] as const;
export type RequiredState = (typeof REQUIRED_STATES)[number];

export interface RatioProjection {
  method: 'trailing_rate';
  /** The value at the end of the period if the rest runs at the trailing rate; null without any rate. */
  value: number | null;
  /** The value if the rest runs at the low and the high end of the trailing rate's interval. */
  interval: Interval | null;
  intervalMethod: string;
  /** The rate the rest must run at (a floor for higher-is-better, a ceiling for lower-is-better); null if none. */
  requiredRate: number | null;
  requiredState: RequiredState;
  status: Status;
  formula: string;
  inputs: {
    target: number | null;
    goodSoFar: number;
    nSoFar: number;
    expectedRemaining: number;
    trailingRate: number | null;
    trailingN: number;
  };
}

export interface MedianProjection {
  method: 'observed_so_far';
  value: number | null;
  status: Status;
  note: string;
  inputs: { target: number | null; nSoFar: number };
}

export type Projection = RatioProjection | MedianProjection;

export const MEDIAN_NOTE = 'medians are not projected: this is the median of the cases so far';
export const PROJECTION_FORMULA =
  'projected = (good_so_far + trailing_rate × R) ÷ (n_so_far + R); required = (T × (n_so_far + R) − good_so_far) ÷ R';
const WILSON_REST = 'the rest at the ends of the trailing rate’s 95 % Wilson interval';
const DAILY_RANGE = 'the rest at the lowest and the highest daily mean of the trailing window';

export interface RatioInput {
  metric: MetricKey;
  /** In the metric's unit (percent for % metrics). */
  target: number | null;
  minSample: number;
  soFar: Amounts;
  /** The trailing window's sums, and each of its days with cases (for the interval of a mean). */
  trailing: Amounts;
  trailingDays: readonly Amounts[];
  expectedRemaining: number;
}

const scaleOf = (metric: MetricKey) => (metricDefinition(metric).unit === '%' ? 100 : 1);

/** The interval of the rate the rest runs at, in numerator ÷ denominator terms (not scaled). */
function restRateInterval(input: RatioInput): { interval: Interval | null; method: string } {
  if (metricDefinition(input.metric).unit === '%') {
    return { interval: wilsonInterval(input.trailing.numerator, input.trailing.denominator), method: WILSON_REST };
  }
  const means = input.trailingDays.filter((d) => d.denominator > 0).map((d) => d.numerator / d.denominator);
  if (means.length === 0) return { interval: null, method: DAILY_RANGE };
  return { interval: { low: Math.min(...means), high: Math.max(...means) }, method: DAILY_RANGE };
}

/** SPEC arithmetic of a ratio or mean metric over the whole period, the rest at `rate`. */
const landing = (soFar: Amounts, rest: number, rate: number) =>
  (soFar.numerator + rate * rest) / (soFar.denominator + rest);

/**
 * The projection of a ratio (%) or mean (seconds) metric. `requiredRate` is (T × (n + R) − good) ÷ R: for a
 * higher-is-better metric the rest must run at least at it, for a lower-is-better one at most at it. Already
 * lost when no possible rate does it (above 100 %, or below 0); already met when any rate does.
 */
export function projectRatio(input: RatioInput): RatioProjection {
  const definition = metricDefinition(input.metric);
  if (definition.kind !== 'ratio') throw new RangeError(`${input.metric} is not a ratio or mean metric`);
  const scale = scaleOf(input.metric);
  const rest = input.expectedRemaining;
  const { soFar, trailing } = input;
  const trailingRate =
    trailing.denominator > 0
      ? trailing.numerator / trailing.denominator
      : soFar.denominator > 0
        ? soFar.numerator / soFar.denominator
        : null;
  const total = soFar.denominator + rest;
  const value = trailingRate === null || total === 0 ? null : landing(soFar, rest, trailingRate) * scale;
  const rateInterval = restRateInterval(input);
  const interval =
    value === null
      ? null
      : rest === 0 || rateInterval.interval === null
        ? { low: value, high: value }
        : {
            low: landing(soFar, rest, rateInterval.interval.low) * scale,
            high: landing(soFar, rest, rateInterval.interval.high) * scale,
          };
  const { requiredRate, requiredState } = required(input, scale);
  const direction = definition.direction;
  return {
    method: 'trailing_rate',
    value,
    interval,
    intervalMethod: rateInterval.method,
    requiredRate,
    requiredState,
    status: metricStatus(direction, value, input.target, Math.round(total), input.minSample),
    formula: PROJECTION_FORMULA,
    inputs: {
      target: input.target,
      goodSoFar: soFar.numerator,
      nSoFar: soFar.denominator,
      expectedRemaining: rest,
      trailingRate: trailingRate === null ? null : trailingRate * scale,
      trailingN: trailing.denominator,
    },
  };
}

function required(input: RatioInput, scale: number): { requiredRate: number | null; requiredState: RequiredState } {
  const { soFar, target } = input;
  const rest = input.expectedRemaining;
  const direction = metricDefinition(input.metric).direction;
  if (target === null || direction === 'none') return { requiredRate: null, requiredState: 'no_target' };
  if (rest <= 0) return { requiredRate: null, requiredState: 'no_remaining_volume' };
  const t = target / scale;
  const rate = (t * (soFar.denominator + rest) - soFar.numerator) / rest;
  // A share lies in [0, 1]; a mean of durations in [0, ∞).
  const highest = scale === 100 ? 1 : Number.POSITIVE_INFINITY;
  const requiredRate = rate * scale;
  if (direction === 'higher') {
    if (rate > highest) return { requiredRate, requiredState: 'already_lost' };
    return { requiredRate, requiredState: rate <= 0 ? 'already_met' : 'achievable' };
  }
  if (rate < 0) return { requiredRate, requiredState: 'already_lost' };
  return { requiredRate, requiredState: rate >= highest ? 'already_met' : 'achievable' };
}

/** A median metric: the median of the cases so far, stated as such. */
export function projectMedian(
  metric: MetricKey,
  observed: number | null,
  nSoFar: number,
  target: number | null,
  minSample: number,
): MedianProjection {
  const direction = metricDefinition(metric).direction;
  return {
    method: 'observed_so_far',
    value: observed,
    status: metricStatus(direction, observed, target, nSoFar, minSample),
    note: MEDIAN_NOTE,
    inputs: { target, nSoFar },
  };
}
