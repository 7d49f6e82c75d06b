import { describe, expect, it } from 'vitest';
import { numberArg, parseFlags } from './flags.ts';
import { formatNumber, formatTable } from './table.ts';

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
});
