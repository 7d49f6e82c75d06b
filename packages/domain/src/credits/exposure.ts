/**
 * The current month's credit exposure, pure: each level's month figure projected by the week-to-date rules
 * (projections/projection.ts: the rest of the month at the trailing rate, its interval, the rate the rest must
 * run at), and the statement those projected figures would give (computeStatement), also at the unfavourable
 * and the favourable end of every level's interval. Medians are not projected: the median so far stands.
 */
import { metricDefinition, type MetricKey } from '../metrics/catalogue.ts';
import {
  projectMedian,
  projectRatio,
  type Amounts,
  type RatioInput,
  type RequiredState,
} from '../projections/projection.ts';
import type { Interval } from '../stats/intervals.ts';
import {
  computeStatement,
  type MonthFigure,
  type Statement,
  type StatementInput,
  type ServiceLevel,
} from './statement.ts';

/** A level's month so far: amounts and trailing window for a ratio, the observed median for a median. */
export type SoFar =
  | { kind: 'ratio'; soFar: Amounts; trailing: Amounts; trailingDays: readonly Amounts[]; expectedRemaining: number }
  | { kind: 'median'; value: number | null; n: number };

export interface LevelProjection {
  metric: MetricKey;
  kind: ServiceLevel['kind'];
  method: 'trailing_rate' | 'observed_so_far';
  soFar: { value: number | null; n: number };
  projected: MonthFigure;
  intervalMethod: string | null;
  /** The rate the rest of the month must run at to reach the level (null for medians). */
  requiredForExpected: { rate: number | null; state: RequiredState } | null;
  requiredForMinimum: { rate: number | null; state: RequiredState } | null;
  formula: string;
}

export interface Exposure {
  levels: LevelProjection[];
  projected: Statement;
  /** The statement with every level at the unfavourable / favourable end of its interval. */
  worst: Statement;
  best: Statement;
}

export type ExposureInput = Omit<StatementInput, 'figures'> & { soFar: ReadonlyMap<MetricKey, SoFar> };

const NO_FIGURE: SoFar = { kind: 'median', value: null, n: 0 };

export function projectExposure(input: ExposureInput): Exposure {
  const levels = input.levels.map((level) => projectLevel(level, input.soFar.get(level.metric) ?? NO_FIGURE));
  const figures = (pick: (p: LevelProjection, lowIsBad: boolean) => number | null) =>
    new Map(
      levels.map((p) => [
        p.metric,
        { ...p.projected, value: pick(p, metricDefinition(p.metric).direction !== 'lower') },
      ]),
    );
  const statementWith = (f: Map<MetricKey, MonthFigure>) => computeStatement({ ...input, figures: f });
  return {
    levels,
    projected: statementWith(figures((p) => p.projected.value)),
    worst: statementWith(
      figures((p, lowIsBad) => (lowIsBad ? p.projected.low : p.projected.high) ?? p.projected.value),
    ),
    best: statementWith(figures((p, lowIsBad) => (lowIsBad ? p.projected.high : p.projected.low) ?? p.projected.value)),
  };
}

function projectLevel(level: ServiceLevel, soFar: SoFar): LevelProjection {
  const base = { metric: level.metric, kind: level.kind };
  if (soFar.kind === 'median') {
    const median = projectMedian(level.metric, soFar.value, soFar.n, level.expected, 0);
    return {
      ...base,
      method: 'observed_so_far',
      soFar: { value: soFar.value, n: soFar.n },
      projected: { value: median.value, n: soFar.n, low: median.value, high: median.value },
      intervalMethod: null,
      requiredForExpected: null,
      requiredForMinimum: null,
      formula: median.note,
    };
  }
  const input = (target: number): RatioInput => ({
    metric: level.metric,
    target,
    minSample: 0,
    soFar: soFar.soFar,
    trailing: soFar.trailing,
    trailingDays: soFar.trailingDays,
    expectedRemaining: soFar.expectedRemaining,
  });
  const atExpected = projectRatio(input(level.expected));
  const atMinimum = projectRatio(input(level.minimum));
  const scale = metricDefinition(level.metric).unit === '%' ? 100 : 1;
  const interval: Interval | null = atExpected.interval;
  return {
    ...base,
    method: 'trailing_rate',
    soFar: {
      value: soFar.soFar.denominator > 0 ? (soFar.soFar.numerator / soFar.soFar.denominator) * scale : null,
      n: soFar.soFar.denominator,
    },
    projected: {
      value: atExpected.value,
      n: Math.round(soFar.soFar.denominator + soFar.expectedRemaining),
      low: interval?.low ?? null,
      high: interval?.high ?? null,
    },
    intervalMethod: atExpected.intervalMethod,
    requiredForExpected: { rate: atExpected.requiredRate, state: atExpected.requiredState },
    requiredForMinimum: { rate: atMinimum.requiredRate, state: atMinimum.requiredState },
    formula: atExpected.formula,
  };
}
