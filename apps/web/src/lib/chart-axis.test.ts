import { describe, expect, it } from 'vitest';
import { valueAxis } from './chart-axis.ts';

describe('valueAxis', () => {
  it.each([
    // Reopen rates whose ticks once read "0.0 % 0.0 % 0.0 % 0.1 %".
    ['small rates', [0.01, 0.04, 0.08, 0.11], '%'],
    ['rates', [62.5, 71.25, 88], '%'],
    ['one rate', [50, 50], '%'],
    ['handling times around ten minutes', [590, 610, 655], 's'],
    ['first response in hours', [3_600, 9_000, 14_400], 's'],
    ['resolution in days', [200_000, 400_000], 's'],
    ['seconds', [12, 30, 41], 's'],
    ['volumes', [0, 3, 4], 'count'],
    ['large volumes', [3_888, 4_100], 'count'],
  ] as const)('labels %s with distinct ticks without spaces in durations', (_name, values, unit) => {
    const axis = valueAxis(values, unit);
    const labels = axis.ticks.map(axis.format);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.length).toBeGreaterThanOrEqual(2);
    if (unit === 's') for (const label of labels) expect(label).not.toContain(' ');
    // Every value lies inside the axis.
    for (const value of values) {
      expect(value).toBeGreaterThanOrEqual(axis.domain[0]);
      expect(value).toBeLessThanOrEqual(axis.domain[1]);
    }
  });

  it('labels handling times in minutes', () => {
    const axis = valueAxis([590, 610, 655], 's');
    expect(axis.ticks.map(axis.format)).toEqual(['0m', '2m', '4m', '6m', '8m', '10m', '12m']);
  });

  it('gives small rates the decimals their step needs', () => {
    const axis = valueAxis([0.01, 0.04, 0.08, 0.11], '%');
    expect(axis.ticks.map(axis.format)).toEqual(['0.00 %', '0.02 %', '0.04 %', '0.06 %', '0.08 %', '0.10 %', '0.12 %']);
  });
});
