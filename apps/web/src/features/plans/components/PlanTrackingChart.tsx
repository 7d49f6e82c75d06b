/** One plan metric's weekly values since the baseline against the plan's target line (Recharts). */
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatValue } from '../../../lib/format.ts';
import type { PlanTracking } from '../api/get-plan-tracking.ts';

type TrackedMetric = PlanTracking['metrics'][number];

const STATUS_TEXT: Record<string, string> = {
  met: 'met',
  at_risk: 'at risk',
  missed: 'missed',
  low_sample: 'low sample',
  no_data: 'no data',
};

export function PlanTrackingChart({
  metric,
  requiredWeeks,
  forecastAtDue = null,
}: {
  metric: TrackedMetric;
  requiredWeeks: number;
  /** The plan forecast's trend value at the due week (docs/alerts.md), drawn as a dotted line. */
  forecastAtDue?: number | null;
}) {
  const format = (value: unknown) => (typeof value === 'number' ? formatValue(value, metric.unit) : '—');
  const values = [...metric.series.map((p) => p.value), forecastAtDue].filter((v): v is number => v !== null);
  const domainMin = Math.min(metric.targetValue, ...values);
  const domainMax = Math.max(metric.targetValue, ...values);
  const pad = (domainMax - domainMin) * 0.15 || Math.abs(domainMax) * 0.1 || 1;
  return (
    <figure className="card chart-card" data-testid="tracking-chart" data-metric={metric.metric}>
      <h3>
        {metric.label}: target {format(metric.targetValue)}
        <span className="chart-value">
          baseline {format(metric.baselineValue)} · achieved after {requiredWeeks} consecutive weeks on target
        </span>
      </h3>
      <div style={{ width: '100%', height: 240 }}>
        <ResponsiveContainer>
          <LineChart data={metric.series} margin={{ top: 8, right: 16, bottom: 0, left: 4 }} accessibilityLayer>
            <CartesianGrid stroke="#e6e9ed" vertical={false} />
            <XAxis dataKey="week" tickFormatter={(w: string) => w.slice(5)} tick={{ fontSize: 11 }} minTickGap={12} />
            <YAxis
              domain={[Math.max(0, domainMin - pad), domainMax + pad]}
              tickFormatter={format}
              tick={{ fontSize: 11 }}
              width={64}
            />
            <Tooltip
              formatter={(value) => [format(value), metric.label]}
              labelFormatter={(week, payload) => {
                const point = payload?.[0]?.payload as TrackedMetric['series'][number] | undefined;
                return point ? `${point.week} · ${STATUS_TEXT[point.status] ?? point.status} · n=${point.sample}` : '';
              }}
            />
            <ReferenceLine
              y={metric.targetValue}
              stroke="#1a7f37"
              strokeDasharray="6 4"
              label={{ value: 'target', position: 'insideTopRight', fontSize: 11 }}
            />
            {forecastAtDue !== null ? (
              <ReferenceLine
                y={forecastAtDue}
                stroke="#8a6d00"
                strokeDasharray="2 3"
                label={{
                  value: `forecast at due ${format(forecastAtDue)}`,
                  position: 'insideBottomRight',
                  fontSize: 11,
                }}
              />
            ) : null}
            <Line
              dataKey="value"
              stroke="#1f5fbf"
              strokeWidth={2}
              dot={{ r: 4 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <table className="visually-hidden">
        <caption>{metric.label} by week</caption>
        <tbody>
          {metric.series.map((p) => (
            <tr key={p.week}>
              <th scope="row">{p.week}</th>
              <td>{format(p.value)}</td>
              <td>{STATUS_TEXT[p.status] ?? p.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
