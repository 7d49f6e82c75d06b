/** Each firing with the figures at firing time, in words, and the link to the cases (or plan) behind it. */
import { Link } from 'react-router';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatDateTime, formatValue } from '../../../lib/format.ts';
import { metricInfo } from '../../../lib/metrics.ts';
import { useFirings, type Firing, type MetricFigures } from '../api/list-firings.ts';

const SEVERITY_TEXT: Record<Firing['severity'], string> = {
  at_risk: 'at risk',
  missed: 'missed',
  already_lost: 'already lost',
};

/** The link as a path of this dashboard (the ledger stores the absolute URL used in emails). */
function localPath(link: string): string {
  try {
    const url = new URL(link);
    return `${url.pathname}${url.search}`;
  } catch {
    return link;
  }
}

function FiguresText({ firing }: { firing: Firing }) {
  if (firing.metric === null) return <span>improvement plan #{firing.planId}</span>;
  const unit = metricInfo(firing.metric)?.unit ?? 'count';
  const f = firing.figures as MetricFigures;
  const p = f.projection;
  return (
    <span data-testid="firing-figures">
      {formatValue(f.value, unit)} so far (n = {f.sample}
      {f.marking ? `, ${f.marking.daysCovered} of 7 days` : ''}), target {formatValue(f.target, unit)}
      {p?.method === 'trailing_rate' ? `; projected ${formatValue(p.value, unit)}` : ''}
      {p?.method === 'trailing_rate' && p.requiredState === 'achievable'
        ? `; rest must run at ${formatValue(p.requiredRate, unit)}`
        : ''}
      {p?.method === 'trailing_rate' && p.requiredState === 'already_lost' ? '; already lost' : ''}
      {p?.method === 'observed_so_far' ? '; median so far, not projected' : ''}
    </span>
  );
}

export function FiringsTable() {
  const firings = useFirings();
  if (firings.isPending) return <Loading label="Loading firings…" />;
  if (firings.isError) return <ErrorMessage error={firings.error} onRetry={() => void firings.refetch()} />;
  if (firings.data.items.length === 0) return <Empty title="No alert has fired" />;
  return (
    <div className="table-scroll">
      <table data-testid="firings-table">
        <thead>
          <tr>
            <th>Fired</th>
            <th>Vendor</th>
            <th>Metric</th>
            <th>Severity</th>
            <th>Figures at firing time</th>
            <th>Rule</th>
            <th>State</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {firings.data.items.map((firing) => (
            <tr key={firing.id} data-severity={firing.severity}>
              <td>{formatDateTime(firing.firedAt)}</td>
              <td>{firing.vendorName}</td>
              <td>{firing.metric ? (metricInfo(firing.metric)?.label ?? firing.metric) : 'plan'}</td>
              <td>{SEVERITY_TEXT[firing.severity]}</td>
              <td>
                <FiguresText firing={firing} />
              </td>
              <td>
                {firing.ruleName}: {firing.reason}
              </td>
              <td>{firing.resolvedAt ? `recovered ${formatDateTime(firing.resolvedAt)}` : 'open'}</td>
              <td>
                <Link to={localPath(firing.link)}>{firing.metric ? 'Cases' : 'Plan'}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
