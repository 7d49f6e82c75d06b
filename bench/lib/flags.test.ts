import { describe, expect, it } from 'vitest';
import { numberArg, numberListArg, parseFlags } from './flags.ts';
import { formatMatrix, formatNumber, formatTable } from './table.ts';

describe('bench flags', () => {
  it('reads --smoke, --only in both spellings and --key=value pairs', () => {
    expect(parseFlags(['--smoke', '--only', 'api-load', '--rows=1000', '--url=a=b'])).toEqual({
      smoke: true,
      only: 'api-load',
      args: { rows: '1000', url: 'a=b' },
    });
    expect(parseFlags(['--', '--only=ingest']).only).toBe('ingest');
  });

  it('refuses unknown arguments and bad numbers', () => {
    expect(() => parseFlags(['--rows', '10'])).toThrow(/unknown argument --rows/);
    expect(() => numberArg({ rows: '1e' }, 'rows', 5)).toThrow(/--rows must be a positive number/);
    expect(numberArg({}, 'rows', 5)).toBe(5);
    expect(numberArg({ rows: '2000' }, 'rows', 5)).toBe(2000);
  });

  it('reads comma-separated sizes, each a positive number', () => {
    expect(numberListArg({ sizes: '100000, 1000000' }, 'sizes', [1])).toEqual([100_000, 1_000_000]);
    expect(numberListArg({}, 'sizes', [1, 2])).toEqual([1, 2]);
    expect(() => numberListArg({ sizes: '100000,,5' }, 'sizes', [1])).toThrow(/--sizes must be a positive number/);
  });
});

describe('bench table', () => {
  it('prints one aligned row per figure with pass/FAIL', () => {
    const text = formatTable([
      {
        bench: 'api',
        figure: 'req/s ratio',
        ours: 12345.6,
        baseline: 30000,
        unit: 'req/s',
        ratio: 0.41152,
        goal: '≥ 0.5',
        pass: false,
      },
      { bench: 'api', figure: 'p99', ours: 7, unit: 'ms', goal: '≤ 25 ms', pass: true },
    ]);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^bench \| figure +\| +ours \| +baseline \| ratio \| goal +\| pass$/);
    expect(lines[2]).toContain('12,346 req/s | 30,000 req/s | 0.412 | ≥ 0.5');
    expect(lines[2]).toMatch(/FAIL$/);
    expect(lines[3]).toMatch(/7 ms .*pass$/);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(formatNumber(Number.NaN)).toBe('—');
  });

  it('prints a figure × column matrix with the columns right-aligned', () => {
    const lines = formatMatrix(
      ['100,000', '1,000,000'],
      [
        { label: 'full recompute (s)', values: [0.81, 9.14] },
        { label: 'import (rows/s)', values: [12_345.6] },
      ],
    ).split('\n');
    expect(lines).toEqual([
      '                    100,000  1,000,000',
      'full recompute (s)     0.81       9.14',
      'import (rows/s)      12,346          —',
    ]);
  });
});
