import { describe, expect, it } from 'vitest';
import { projectMedian, projectRatio, type RatioInput } from '../projections/projection.ts';
import { metricSeverity, type MetricFigures } from './conditions.ts';
import type { Severity } from './guards.ts';

const ratio = (over: Partial<RatioInput>) =>
  projectRatio({
    metric: 'service_level',
    target: 75,
    minSample: 30,
    soFar: { numerator: 71, denominator: 100 },
    trailing: { numerator: 140, denominator: 200 },
    trailingDays: [],
    expectedRemaining: 100,
    ...over,
  });

// Projected 70.5 % against 75 %: missed (below 71.25); required 79 %.
const thursday: MetricFigures = { metric: 'service_level', status: 'at_risk', projection: ratio({}) };
const lost: MetricFigures = { metric: 'service_level', status: 'missed', projection: ratio({ expectedRemaining: 10 }) };
const fine: MetricFigures = {
  metric: 'service_level',
  status: 'met',
  projection: ratio({ soFar: { numerator: 90, denominator: 100 }, trailing: { numerator: 90, denominator: 100 } }),
};
const median: MetricFigures = { metric: 'frt', status: 'missed', projection: projectMedian('frt', 1200, 50, 900, 30) };

describe('what each rule kind sees', () => {
  const cases: [string, Parameters<typeof metricSeverity>[0], MetricFigures, number | null, Severity][] = [
    ['status at risk', 'status', thursday, null, 'at_risk'],
    ['status met', 'status', fine, null, 'ok'],
    ['projection misses', 'projection', thursday, null, 'missed'],
    ['projection already lost', 'projection', lost, null, 'already_lost'],
    ['projection fine', 'projection', fine, null, 'ok'],
    ['required 79 % ≥ threshold 78 %', 'required_rate', thursday, 78, 'at_risk'],
    ['required 79 % < threshold 80 %', 'required_rate', thursday, 80, 'ok'],
    ['required beyond 100 %', 'required_rate', lost, 80, 'already_lost'],
    ['medians have no required rate', 'required_rate', median, 0, 'ok'],
    ['a median’s projection is its observed status', 'projection', median, null, 'missed'],
  ];
  for (const [name, kind, figures, threshold, expected] of cases) {
    it(name, () => expect(metricSeverity(kind, figures, threshold)).toBe(expected));
  }

  it('lower is better: the ceiling at or below the threshold holds', () => {
    const reopen: MetricFigures = {
      metric: 'reopen_rate',
      status: 'at_risk',
      projection: ratio({
        metric: 'reopen_rate',
        target: 10,
        soFar: { numerator: 12, denominator: 100 },
        trailing: { numerator: 8, denominator: 80 },
        expectedRemaining: 50,
      }),
    };
    // required ceiling (0.10 × 150 − 12) ÷ 50 = 6 %
    expect(metricSeverity('required_rate', reopen, 7)).toBe('at_risk');
    expect(metricSeverity('required_rate', reopen, 5)).toBe('ok');
  });
});
