/** A statement line's figure, levels and metric name in the metric's own unit (the catalogue's). */
import { formatValue } from '../../../lib/format.ts';
import { metricInfo } from '../../../lib/metrics.ts';

export const metricLabel = (metric: string): string => metricInfo(metric)?.label ?? metric;

export function formatLevel(metric: string, value: number | null): string {
  return formatValue(value, metricInfo(metric)?.unit ?? 'count');
}

/** The figure, its n and its 95 % interval, each as the page shows it ("82.0 %", "n 60", "70.4 %–89.6 %"). */
export function formatFigure(
  metric: string,
  figure: { value: number | null; n: number; low: number | null; high: number | null },
) {
  return {
    value: formatLevel(metric, figure.value),
    n: `n ${figure.n.toLocaleString('en-GB')}`,
    interval:
      figure.low === null || figure.high === null
        ? null
        : `${formatLevel(metric, figure.low)}–${formatLevel(metric, figure.high)}`,
  };
}
