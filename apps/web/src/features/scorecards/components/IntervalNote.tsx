import { formatValue, type Unit } from '../../../lib/format.ts';
import type { Interval, MetricInfo } from '../api/get-scorecard.ts';

/**
 * The value's 95 % interval as a small whisker; the bounds and the method show on hover or keyboard focus
 * (a CSS tooltip, so the first page ships no tooltip library). The level and method are the metric's.
 */
export function IntervalNote({
  interval,
  unit,
  method,
}: {
  interval: Interval | null | undefined;
  unit: Unit;
  method: MetricInfo['interval'];
}) {
  if (!interval || !method) return null;
  const level = Math.round(method.level * 100);
  const text = `${level} % CI ${formatValue(interval.low, unit)}–${formatValue(interval.high, unit)}, ${method.method}`;
  return (
    <span className="interval" tabIndex={0} aria-label={text} data-testid="interval">
      <svg className="interval-whisker" width="22" height="10" viewBox="0 0 22 10" aria-hidden="true">
        <path d="M2 2v6M2 5h18M20 2v6" />
        <circle cx="11" cy="5" r="2" />
      </svg>
      <span className="interval-tooltip" role="tooltip">
        {text}
      </span>
    </span>
  );
}
