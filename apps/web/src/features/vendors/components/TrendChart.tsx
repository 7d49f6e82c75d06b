import { useNavigate } from 'react-router';
import { CartesianGrid, ErrorBar, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { statusLabel, type Status } from '../../../components/StatusBadge.tsx';
import { observedValue } from '@scorecard/domain/metrics/catalogue';
import { apiUrl } from '../../../lib/api-client.ts';
import { valueAxis } from '../../../lib/chart-axis.ts';
import { formatValue } from '../../../lib/format.ts';
import type { MetricInfo } from '../../../lib/metrics.ts';
import type { TrendPoint } from '../api/get-vendor-trends.ts';

// The same colours as the status badges; the tooltip and the table below carry the status as text.
const STATUS_COLOURS: Record<Status, string> = {
  met: '#1a7f37',
  at_risk: '#bf8700',
  missed: '#b42318',
  low_sample: '#8c959f',
  no_target: '#1f5fbf',
  no_data: '#8c959f',
};

interface DotProps {
  cx?: number;
  cy?: number;
  payload?: TrendPoint;
}

/** The whisker's extent below and above the value, as Recharts' ErrorBar wants it; absent without an interval. */
const whisker = (p: TrendPoint): [number, number] | undefined =>
  p.interval && p.value !== null ? [p.value - p.interval.low, p.interval.high - p.value] : undefined;

function StatusDot({ cx, cy, payload }: DotProps) {
  if (cx === undefined || cy === undefined || !payload || payload.value === null) return null;
  const colour = STATUS_COLOURS[payload.status] ?? STATUS_COLOURS.no_target;
  // A change beyond noise against the week before: a dark ring around the point.
  if (payload.changeSignificance?.significant) {
    return (
      <g className="significant-point" data-week={payload.week}>
        <circle cx={cx} cy={cy} r={8} fill="none" stroke="#24292f" strokeWidth={2} />
        <StatusShape cx={cx} cy={cy} status={payload.status} colour={colour} />
      </g>
    );
  }
  return <StatusShape cx={cx} cy={cy} status={payload.status} colour={colour} />;
}

function StatusShape({ cx, cy, status, colour }: { cx: number; cy: number; status: Status; colour: string }) {
  // Missed weeks are squares, so shape tells them apart without colour.
  if (status === 'missed') {
    return <rect x={cx - 4.5} y={cy - 4.5} width={9} height={9} fill={colour} stroke="#fff" strokeWidth={1.5} />;
  }
  return <circle cx={cx} cy={cy} r={4.5} fill={colour} stroke="#fff" strokeWidth={1.5} />;
}

/** One metric's weekly values with its target line; clicking a week opens the cases behind that point. */
export function TrendChart({
  metric: trend,
  series,
  vendorId,
}: {
  metric: MetricInfo;
  series: TrendPoint[];
  vendorId: number;
}) {
  const navigate = useNavigate();
  // A week without cases is a gap in the line, not a zero.
  const points = series.map((p) => ({ ...p, value: observedValue(trend.key, p.value) }));
  const latest = [...points].reverse().find((p) => p.value !== null);
  const axis = valueAxis(
    points.flatMap((p) => [p.value, p.target, p.interval?.low, p.interval?.high]),
    trend.unit,
  );
  const hasTarget = series.some((p) => p.target !== null);
  const format = (value: unknown) => (typeof value === 'number' ? formatValue(value, trend.unit) : '—');
  const openWeek = (week: unknown) => {
    if (typeof week === 'string') void navigate(apiUrl('/cases', { vendorId, week, metric: trend.key }));
  };
  return (
    <figure className="card chart-card" data-metric={trend.key}>
      <h3>
        {trend.label}
        <span className="chart-value">{latest ? `${format(latest.value)} in ${latest.week}` : 'no data'}</span>
      </h3>
      <div style={{ width: '100%', height: 200 }}>
        <ResponsiveContainer>
          <LineChart
            data={points}
            margin={{ top: 8, right: 12, bottom: 0, left: 4 }}
            onClick={(state) => openWeek(state.activeLabel)}
            style={{ cursor: 'pointer' }}
            accessibilityLayer
          >
            <CartesianGrid stroke="#e6e9ed" vertical={false} />
            <XAxis dataKey="week" tickFormatter={(w: string) => w.slice(5)} tick={{ fontSize: 11 }} minTickGap={12} />
            <YAxis
              domain={axis.domain}
              ticks={axis.ticks}
              interval={0}
              tickFormatter={axis.format}
              tick={{ fontSize: 11 }}
              width={64}
            />
            <Tooltip
              formatter={(value, name, item) => {
                const point = item.payload as TrendPoint;
                if (name === 'target') return [format(value), 'Target'];
                const ci = point.interval
                  ? ` (95 % CI ${format(point.interval.low)}–${format(point.interval.high)}, ${point.interval.method})`
                  : '';
                return [`${format(value)}${ci}`, trend.label];
              }}
              labelFormatter={(week, payload) => {
                const point = payload?.[0]?.payload as TrendPoint | undefined;
                const status = point ? ` · ${statusLabel(point.status)}` : '';
                const sample = point?.sample !== null && point?.sample !== undefined ? ` · n=${point.sample}` : '';
                const test = point?.changeSignificance;
                const change = test
                  ? ` · change vs previous week ${test.significant ? 'significant' : 'within noise'} at 95 % (${test.method})`
                  : '';
                return `${point?.week ?? (typeof week === 'string' ? week : '')}${status}${sample}${change}`;
              }}
            />
            {hasTarget ? (
              <Line
                dataKey="target"
                name="target"
                type="stepAfter"
                stroke="#57606a"
                strokeDasharray="5 4"
                dot={false}
                isAnimationActive={false}
              />
            ) : null}
            <Line
              dataKey="value"
              name="value"
              stroke="#1f5fbf"
              strokeWidth={2}
              dot={StatusDot}
              activeDot={{ r: 6 }}
              connectNulls={false}
              isAnimationActive={false}
            >
              <ErrorBar dataKey={whisker} width={4} stroke="#57606a" strokeWidth={1.2} isAnimationActive={false} />
            </Line>
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="chart-legend">
        <span>
          <span className="legend-dot" style={{ background: '#1f5fbf' }} />
          value
        </span>
        {hasTarget ? <span>- - target</span> : null}
        <span>
          <span className="legend-dot" style={{ background: STATUS_COLOURS.met }} />
          met
        </span>
        <span>
          <span className="legend-dot" style={{ background: STATUS_COLOURS.at_risk }} />
          at risk
        </span>
        <span>■ missed</span>
        <span>├┤ 95 % interval</span>
        <span>◎ change beyond noise</span>
        <span>Click a week for its cases</span>
      </figcaption>
    </figure>
  );
}
