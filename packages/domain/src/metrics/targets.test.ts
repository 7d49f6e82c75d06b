import { describe, expect, it } from 'vitest';
import { metricValue } from './catalogue.ts';
import { emptyParts } from './parts.ts';
import {
  attainment,
  compositeScore,
  metricStatus,
  rankByComposite,
  selectTarget,
  weekOverWeekChange,
  type Target,
} from './targets.ts';

const target = (id: number, overrides: Partial<Target>): Target => ({
  id,
  metric: 'csat',
  value: 80,
  vendorId: null,
  channel: null,
  queue: null,
  effectiveFrom: '2026-01-05',
  ...overrides,
});

describe('selectTarget: the most specific target in force', () => {
  const targets = [
    target(1, { value: 70 }),
    target(2, { value: 75, effectiveFrom: '2026-06-01' }),
    target(3, { value: 85, channel: 'voice' }),
    target(4, { value: 90, vendorId: 7 }),
    target(5, { value: 95, vendorId: 7, channel: 'voice' }),
    target(6, { value: 99, vendorId: 7, effectiveFrom: '2027-01-04' }),
    target(7, { value: 60, metric: 'fcr' }),
  ];
  it.each([
    ['global, latest effective', { vendorId: 1, week: '2026-11-16' }, 2],
    ['global before the later one took effect', { vendorId: 1, week: '2026-05-25' }, 1],
    ['global effective exactly this week', { vendorId: 1, week: '2026-06-01' }, 2],
    ['channel beats global', { vendorId: 1, week: '2026-11-16', channel: 'voice' }, 3],
    ['vendor beats channel', { vendorId: 7, week: '2026-11-16', channel: 'chat' }, 4],
    ['vendor + channel beats vendor', { vendorId: 7, week: '2026-11-16', channel: 'voice' }, 5],
    ['a future target is not in force', { vendorId: 7, week: '2026-12-28' }, 4],
    ['the future target once in force', { vendorId: 7, week: '2027-01-04' }, 6],
    ['before any target', { vendorId: 1, week: '2025-12-29' }, null],
  ] as const)('%s', (_name, view, expectedId) => {
    expect(selectTarget(targets, { metric: 'csat', ...view })?.id ?? null).toBe(expectedId);
  });
  it('a channel target does not apply to the unfiltered view', () => {
    expect(
      selectTarget([target(3, { channel: 'voice' })], { metric: 'csat', vendorId: 1, week: '2026-11-16' }),
    ).toBeNull();
  });
});

describe('metricStatus', () => {
  it.each([
    ['higher: exactly the target is met', 'higher', 80, 80, 'met'],
    ['higher: exactly 0.95 × target is at risk', 'higher', 76, 80, 'at_risk'],
    ['higher: 0.95 × 90 = 85.5 is at risk (float)', 'higher', (171 / 200) * 100, 90, 'at_risk'],
    ['higher: just under 0.95 × target is missed', 'higher', 75.99, 80, 'missed'],
    ['lower: exactly the target is met', 'lower', 300, 300, 'met'],
    ['lower: exactly 1.05 × target is at risk', 'lower', 315, 300, 'at_risk'],
    ['lower: just over 1.05 × target is missed', 'lower', 315.01, 300, 'missed'],
    ['no direction', 'none', 10, 10, 'no_target'],
  ] as const)('%s', (_name, direction, value, goal, expected) => {
    expect(metricStatus(direction, value, goal, 100, 30)).toBe(expected);
  });
  it('low sample under the minimum, not at it; no target; no data', () => {
    expect(metricStatus('higher', 90, 80, 29, 30)).toBe('low_sample');
    expect(metricStatus('higher', 90, 80, 30, 30)).toBe('met');
    expect(metricStatus('higher', 90, null, 100, 30)).toBe('no_target');
    expect(metricStatus('higher', null, 80, 0, 30)).toBe('no_data');
  });
});

describe('composite', () => {
  it('attainment: ratio, inverse ratio, capped at 1.2, zero divisors', () => {
    expect(attainment('higher', 72, 80)).toBeCloseTo(0.9, 12);
    expect(attainment('lower', 400, 300)).toBeCloseTo(0.75, 12);
    expect(attainment('higher', 100, 50)).toBe(1.2);
    expect(attainment('lower', 100, 300)).toBe(1.2);
    expect(attainment('lower', 0, 300)).toBe(1.2);
    expect(attainment('lower', 0, 0)).toBe(1);
  });

  it('weighted mean of attainment × 100 ÷ 1.2 over metrics with a target and a status', () => {
    // csat 72/80 = 0.9 → 75; aht 300/400 = 0.75 → 62.5; fcr capped 1.2 → 100; weights 30, 15, 20.
    const score = compositeScore(
      [
        { metric: 'csat', value: 72, target: 80, status: 'missed' },
        { metric: 'aht', value: 400, target: 300, status: 'missed' },
        { metric: 'fcr', value: 99, target: 50, status: 'met' },
        { metric: 'frt', value: 10, target: 20, status: 'low_sample' },
        { metric: 'service_level', value: 50, target: null, status: 'no_target' },
        { metric: 'reopen_rate', value: 5, target: 10, status: 'met' },
      ],
      { csat: 30, service_level: 20, fcr: 20, aht: 15, frt: 15 },
    );
    expect(score).toBeCloseTo((30 * 75 + 15 * 62.5 + 20 * 100) / 65, 10);
  });

  it('null when nothing qualifies', () => {
    expect(compositeScore([{ metric: 'csat', value: 50, target: 80, status: 'low_sample' }], { csat: 30 })).toBeNull();
  });

  it('ranks best first with ties sharing a rank; no composite, no rank', () => {
    const rows = [{ composite: 70 }, { composite: 90 }, { composite: null }, { composite: 70 }, { composite: 10 }];
    const ranks = rankByComposite(rows);
    expect(rows.map((r) => ranks.get(r))).toEqual([2, 1, null, 2, 4]);
  });

  it('week-over-week change', () => {
    expect(weekOverWeekChange(80, 75)).toBe(5);
    expect(weekOverWeekChange(80, null)).toBeNull();
  });
});

describe('metricValue', () => {
  it('ratio from parts, null with a reason on an empty denominator, never NaN', () => {
    const parts = {
      ...emptyParts(),
      csatResponses: 8,
      csatSatisfied: 6,
      liveOffered: 10,
      liveAnsweredWithin: 7,
      asyncDue: 10,
      asyncMet: 9,
    };
    expect(metricValue('csat', parts)).toMatchObject({ value: 75, numerator: 6, denominator: 8, sample: 8 });
    expect(metricValue('service_level', parts)).toMatchObject({ value: 80, numerator: 16, denominator: 20 });
    expect(metricValue('fcr', parts)).toMatchObject({ value: null, reason: 'no solved cases', sample: 0 });
    expect(metricValue('aht', { ...emptyParts(), handleCount: 4, handleSecondsSum: 1000 }).value).toBe(250);
    expect(metricValue('frt', { ...emptyParts(), frtCount: 3 }, { n: 3, median: 42, p90: 50, mean: 40 }).value).toBe(
      42,
    );
    expect(metricValue('volume', emptyParts())).toMatchObject({ value: 0 });
  });
});
