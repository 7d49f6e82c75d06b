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

function withUnit(value: number, unit: string): string {
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}
