/** A statement line's figure, levels and metric name in the metric's own unit (the catalogue's). */
import { formatValue } from '../../../lib/format.ts';
import { metricInfo } from '../../../lib/metrics.ts';

export const metricLabel = (metric: string): string => metricInfo(metric)?.label ?? metric;

export function formatLevel(metric: string, value: number | null): string {
  return formatValue(value, metricInfo(metric)?.unit ?? 'count');
}

/** "82.0 % (n 60, 95 % interval 70.4 %–89.6 %)" */
export function formatFigure(
  metric: string,
  figure: { value: number | null; n: number; low: number | null; high: number | null },
) {
  const value = formatLevel(metric, figure.value);
  const interval =
    figure.low === null || figure.high === null
      ? ''
      : `, 95 % interval ${formatLevel(metric, figure.low)}–${formatLevel(metric, figure.high)}`;
  return { value, detail: `n ${figure.n.toLocaleString('en-GB')}${interval}` };
}
