/** The one table `pnpm bench` prints: bench | figure | ours | baseline | ratio | goal | pass. */
import type { BenchRow } from './types.ts';

export interface TableRow extends BenchRow {
  bench: string;
}

const HEADERS = ['bench', 'figure', 'ours', 'baseline', 'ratio', 'goal', 'pass'] as const;

export function formatTable(rows: readonly TableRow[]): string {
  const cells = rows.map((row) => [
    row.bench,
    row.figure,
    withUnit(row.ours, row.unit),
    row.baseline === undefined ? '' : withUnit(row.baseline, row.unit),
    row.ratio === undefined ? '' : formatNumber(row.ratio),
    row.goal ?? '',
    row.pass === undefined ? '' : row.pass ? 'pass' : 'FAIL',
  ]);
  const widths = HEADERS.map((header, i) => Math.max(header.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (values: readonly string[]) =>
    values
      .map((value, i) => (i >= 2 && i <= 4 ? value.padStart(widths[i] ?? 0) : value.padEnd(widths[i] ?? 0)))
      .join(' | ');
  return [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}

/** Three significant digits for small numbers, thousands separators for large ones; NaN shown as '—'. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return String(Number(value.toPrecision(3)));
}

/**
 * A compact figure × column grid for a log (e.g. one column per data size), numbers right-aligned:
 * `formatMatrix(['100,000', '1,000,000'], [{ label: 'full recompute (s)', values: [0.8, 9.1] }])`.
 */
export function formatMatrix(columns: readonly string[], rows: readonly { label: string; values: number[] }[]): string {
  const cells = rows.map((row) => [row.label, ...columns.map((_, i) => formatNumber(row.values[i] ?? Number.NaN))]);
  const all = [['', ...columns], ...cells];
  const widths = ['', ...columns].map((_, i) => Math.max(...all.map((line) => (line[i] ?? '').length)));
  return all
    .map((line) =>
      line.map((value, i) => (i === 0 ? value.padEnd(widths[i] ?? 0) : value.padStart(widths[i] ?? 0))).join('  '),
    )
    .join('\n');
}

/**
 * How each figure grows from one size to the next: the columns `b ÷ a` for each neighbouring pair, then
 * `last ÷ first` when there are more than two sizes. A figure that stays flat reads 1 (for a rate, above 1 is
 * faster; for a time, above 1 is slower).
 */
export function growthMatrix(
  columns: readonly string[],
  rows: readonly { label: string; values: number[] }[],
): { columns: string[]; rows: { label: string; values: number[] }[] } {
  const pairs = columns.slice(1).map((_, i) => [i, i + 1] as const);
  if (columns.length > 2) pairs.push([0, columns.length - 1]);
  return {
    columns: pairs.map(([a, b]) => `${columns[b]} ÷ ${columns[a]}`),
    rows: rows.map((row) => ({
      label: row.label,
      values: pairs.map(([a, b]) => (row.values[b] ?? Number.NaN) / (row.values[a] ?? Number.NaN)),
    })),
  };
}

function withUnit(value: number, unit: string): string {
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}
