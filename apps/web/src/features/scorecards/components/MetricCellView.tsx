import { Link } from 'react-router';
import { InfoIcon } from '../../../components/InfoIcon.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { apiUrl } from '../../../lib/api-client.ts';
import { formatChange, formatValue } from '../../../lib/format.ts';
import { useCan } from '../../../lib/session.ts';
import type { MetricCell, MetricInfo, Significance } from '../api/get-scorecard.ts';
import { IntervalNote } from './IntervalNote.tsx';

/** One vendor × metric: value (a link to the cases behind it), target, status and week-over-week change. */
export function MetricCellView({
  cell,
  metric,
  vendorId,
  week,
  queue,
  channel,
  formula,
  statusRule,
}: {
  /** The terms the number was computed under, shown as the value's tooltip and a footnote marker. */
  formula?: string | undefined;
  /** The contract's minimum sample for a status, appended to the tooltip (metrics that take a status). */
  statusRule?: string | undefined;
  cell: MetricCell | undefined;
  metric: MetricInfo;
  vendorId: number;
  week: string;
  queue: string;
  channel: string;
}) {
  const canOpenPlan = useCan('ops');
  if (!cell || cell.status === 'no_data') {
    return (
      <td className="metric-cell no-data" data-metric={metric.key}>
        <span className="value">—</span>
        <span className="sub">{cell?.reason ?? 'No data'}</span>
      </td>
    );
  }
  // A quality figure is drilled down to the reviews made in the week, every other figure to its cases.
  const fromReviews = metric.source === 'reviews';
  const drillDown = apiUrl(fromReviews ? '/reviews-behind' : '/cases', {
    vendorId,
    week,
    metric: metric.key,
    queue,
    channel,
  });
  const behind = fromReviews ? 'reviews' : 'cases';
  return (
    <td className={`metric-cell status-${cell.status}`} data-metric={metric.key}>
      <Link
        className="value"
        to={drillDown}
        title={
          formula
            ? `${formula}${statusRule ? `; ${statusRule}` : ''}. Open the ${behind} behind it.`
            : `The ${behind} behind ${metric.label}`
        }
        data-formula={formula}
      >
        {formatValue(cell.value, metric.unit)}
        {formula ? <InfoIcon /> : null}
      </Link>
      <IntervalNote interval={cell.interval} unit={metric.unit} method={metric.interval} />
      {cell.value === undefined && cell.reason ? <span className="sub">{cell.reason}</span> : null}
      <span className="sub">
        {cell.target !== null && cell.target !== undefined
          ? `Target ${formatValue(cell.target, metric.unit)}`
          : 'No target'}
        {cell.sample !== null && cell.sample !== undefined ? ` · n=${cell.sample.toLocaleString('en-GB')}` : ''}
      </span>
      <span className="cell-footer">
        {cell.status !== 'no_target' ? <StatusBadge status={cell.status} /> : null}
        <ChangeArrow change={cell.change} metric={metric} significance={cell.changeSignificance} />
      </span>
      {cell.status === 'missed' && canOpenPlan ? (
        // A corner icon shown on hover or keyboard focus of the cell, so missed cells stay as short as the rest.
        <Link
          className="open-plan"
          to={apiUrl('/plans/new', { vendorId, metric: metric.key, week })}
          aria-label="Open improvement plan"
          title={`Open an improvement plan for ${metric.label}`}
        >
          <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M8 2v12M2 8h12" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
        </Link>
      ) : null}
    </td>
  );
}

/** Bold only where the change is beyond noise; the tooltip names the test (the metric's) and its level. */
function significanceText(significance: Significance | undefined, test: string | undefined): string {
  if (!significance) return 'not tested for significance (only rates are)';
  const verdict = significance.significant ? 'significant' : 'within noise';
  return `${verdict} at 95 % (${test ?? 'test'}; p = ${significance.pValue.toPrecision(2)})`;
}

function ChangeArrow({
  change,
  metric,
  significance,
}: {
  change: number | undefined;
  metric: MetricInfo;
  significance: Significance | undefined;
}) {
  if (change === undefined || !Number.isFinite(change)) {
    return <span className="change none">no previous week</span>;
  }
  const direction = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
  const better =
    metric.direction === 'none' || change === 0
      ? 'neutral'
      : (metric.direction === 'higher') === change > 0
        ? 'better'
        : 'worse';
  const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '▶';
  const text = formatChange(change, metric.unit);
  return (
    <span
      className={`change ${better}${significance?.significant ? ' significant' : ''}`}
      data-significant={significance ? String(significance.significant) : undefined}
      title={`${text} vs previous week${better === 'neutral' ? '' : ` (${better})`}: ${significanceText(significance, metric.changeTest)}`}
    >
      <span aria-hidden="true">{arrow}</span>
      <span className="visually-hidden">
        {direction === 'flat' ? 'unchanged' : direction}
        {significance?.significant ? ', significant' : ''}
      </span>{' '}
      {text}
    </span>
  );
}
