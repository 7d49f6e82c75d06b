/** The quality metrics in the catalogue: values from the review parts, intervals, statuses and the drill-down. */
import { describe, expect, it } from 'vitest';
import { explainQualityContribution, type QualityContribution } from '../quality/metrics.ts';
import { CASE_METRIC_KEYS, METRIC_KEYS, metricValue, QUALITY_METRIC_KEYS } from './catalogue.ts';
import { emptyParts, type Parts } from './parts.ts';
import { metricCells } from './scorecard.ts';
import type { Target } from './targets.ts';

const WEEK = '2026-11-16';
const parts = (values: Partial<Parts>): Parts => ({ ...emptyParts(), ...values });

describe('quality metric values from review parts', () => {
  it.each<[string, Partial<Parts>, number | null, number]>([
    // scores 70, 80, 90 → mean 80 over n = 3
    ['quality_score', { qualityScoreSum: 240, qualityScored: 3, qualityReviews: 4 }, 80, 3],
    ['quality_score', { qualityReviews: 2 }, null, 0], // reviewed, nothing scored
    ['fatal_error_rate', { qualityFatal: 1, qualityReviews: 4 }, 25, 4],
    ['calibration_gap', { calibrationGapSum: -15, calibrationPairs: 3 }, -5, 3],
    ['dispute_rate', { qualityDisputed: 2, qualityReviews: 8 }, 25, 8],
    ['dispute_acceptance_rate', { qualityDisputesAccepted: 1, qualityDisputesDecided: 2, qualityDisputed: 3 }, 50, 2],
    ['avoidable_escalation_rate', { escalationsAvoidable: 3, escalationReviews: 4 }, 75, 4],
    ['avoidable_escalation_rate', {}, null, 0],
  ])('%s of %o is %s (sample %s)', (key, values, value, sample) => {
    const measured = metricValue(key as (typeof METRIC_KEYS)[number], parts(values));
    expect(measured.value).toBe(value);
    expect(measured.sample).toBe(sample);
    if (value === null) expect(measured.reason).toMatch(/no /);
  });

  it('splits the catalogue into case and review metrics, every key once', () => {
    expect([...CASE_METRIC_KEYS, ...QUALITY_METRIC_KEYS]).toEqual([...METRIC_KEYS]);
    expect(QUALITY_METRIC_KEYS).toContain('quality_score');
    expect(CASE_METRIC_KEYS).not.toContain('quality_score');
  });
});

describe('quality cells on the scorecard', () => {
  const key = `1|${WEEK}|`;
  const target = (metric: Target['metric'], value: number): Target => ({
    id: 1,
    metric,
    value,
    vendorId: null,
    channel: null,
    queue: null,
    effectiveFrom: WEEK,
  });
  // Scores 70, 80, 90: mean 80, s = 10; gaps −10, 0, +10 over 3 pairs: mean 0, s = 10.
  const weekParts = parts({
    qualityReviews: 3,
    qualityScored: 3,
    qualityScoreSum: 240,
    qualityScoreSquares: 70 ** 2 + 80 ** 2 + 90 ** 2,
    calibrationPairs: 3,
    calibrationGapSum: 0,
    calibrationGapSquares: 200,
  });
  const half = (1.959963984540054 * 10) / Math.sqrt(3);

  it.each<[number, number, string]>([
    [75, 3, 'met'],
    [82, 3, 'at_risk'], // 80 ≥ 0.95 × 82 = 77.9
    [90, 3, 'missed'],
    [75, 4, 'low_sample'],
  ])('target %s with minimum sample %s: %s', (targetValue, minSample, status) => {
    const cells = metricCells(1, WEEK, null, new Map([[key, weekParts]]), new Map(), {
      targets: [target('quality_score', targetValue)],
      minSample,
    });
    expect(cells.quality_score.status).toBe(status);
  });

  it('gives the mean its normal interval, the signed gap one within −100..100 and no status', () => {
    const cells = metricCells(1, WEEK, null, new Map([[key, weekParts]]), new Map(), {
      targets: [target('calibration_gap', 5)],
      minSample: 1,
    });
    expect(cells.quality_score.interval?.low).toBeCloseTo(80 - half, 9);
    expect(cells.quality_score.interval?.high).toBeCloseTo(80 + half, 9);
    expect(cells.calibration_gap.value).toBe(0);
    expect(cells.calibration_gap.interval?.low).toBeCloseTo(-half, 9);
    expect(cells.calibration_gap.status).toBe('no_target');
  });
});

describe('explainQualityContribution', () => {
  const review = (values: Partial<QualityContribution>): QualityContribution => ({
    kind: 'review',
    score: 80,
    fatal: false,
    disputeStatus: null,
    vendorScore: null,
    gap: null,
    verdict: null,
    ...values,
  });
  it.each<[string, QualityContribution, boolean, string]>([
    ['quality_score', review({}), true, 'scored'],
    ['quality_score', review({ score: null }), false, 'left_out'],
    ['fatal_error_rate', review({ score: 0, fatal: true }), true, 'fatal'],
    ['calibration_gap', review({ vendorScore: 90, gap: -10 }), true, 'paired'],
    ['calibration_gap', review({}), false, 'left_out'],
    ['dispute_rate', review({ disputeStatus: 'open' }), true, 'disputed'],
    ['dispute_acceptance_rate', review({ disputeStatus: 'open' }), false, 'left_out'],
    ['dispute_acceptance_rate', review({ disputeStatus: 'partly_accepted' }), true, 'accepted'],
    ['dispute_acceptance_rate', review({ disputeStatus: 'rejected' }), true, 'rejected'],
    ['avoidable_escalation_rate', review({ kind: 'escalation', verdict: 'avoidable' }), true, 'avoidable'],
    ['avoidable_escalation_rate', review({}), false, 'left_out'],
    ['quality_score', review({ kind: 'escalation', verdict: 'valid' }), false, 'left_out'],
  ])('%s of %o', (metric, row, contributes, outcome) => {
    const explained = explainQualityContribution(metric as Parameters<typeof explainQualityContribution>[0], row);
    expect([explained.contributes, explained.outcome]).toEqual([contributes, outcome]);
    expect(explained.why.length).toBeGreaterThan(0);
  });
});
