/**
 * The current week so far, on request (the scorecard itself opens on the last complete week): each vendor's
 * figures marked partial, never ranked, with where each rate and mean will land at the trailing rate, the
 * interval, and what the rest of the week must run at. Medians show the value so far and say so.
 */
import { Link } from 'react-router';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { apiUrl } from '../../../lib/api-client.ts';
import { formatDateTime, formatValue, type Unit } from '../../../lib/format.ts';
import { metricInfo } from '../../../lib/metrics.ts';
import { useWeekToDate, type Projection } from '../api/get-week-to-date.ts';

const REQUIRED_TEXT: Record<string, string> = {
  already_lost: 'already lost',
  already_met: 'already met',
  no_remaining_volume: 'no volume expected',
  no_target: '',
};

function RequiredRate({ projection, unit, higher }: { projection: Projection; unit: Unit; higher: boolean }) {
  if (projection.method !== 'trailing_rate') return <span className="muted">{projection.note}</span>;
  const state = projection.requiredState ?? '';
  if (state !== 'achievable')
    return <span className={state === 'already_lost' ? 'error-text' : ''}>{REQUIRED_TEXT[state] ?? state}</span>;
  return (
    <span>
      rest {higher ? 'at least' : 'at most'} {formatValue(projection.requiredRate, unit)}
    </span>
  );
}

export default function WeekToDatePage() {
  const query = useWeekToDate();
  if (query.isPending) return <Loading label="Loading the week so far…" />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  return (
    <section className="page" aria-labelledby="wtd-title">
      <header className="page-header">
        <div>
          <h1 id="wtd-title">Week to date: {data.week}</h1>
          <p className="lede" data-testid="wtd-marking">
            Partial week: {data.daysCovered} of 7 days, as of {formatDateTime(data.asOf)}. Not ranked against complete
            weeks. Projections assume the rest of the week runs at the trailing 7-day rate, with the volume of the same
            weekdays over the previous {data.patternWeeks} weeks.
          </p>
        </div>
        <div className="toolbar">
          <Link className="button subtle" to="/">
            Last complete week
          </Link>
        </div>
      </header>
      {data.rows.length === 0 ? (
        <Empty title="No cases this week yet" />
      ) : (
        data.rows.map((row) => (
          <section key={row.vendorId} className="card" aria-labelledby={`wtd-vendor-${row.vendorId}`}>
            <h2 id={`wtd-vendor-${row.vendorId}`}>{row.vendorName}</h2>
            <div className="table-scroll">
              <table data-testid="wtd-table" data-vendor={row.vendorName}>
                <thead>
                  <tr>
                    <th>Metric</th>
                    <th>So far (n)</th>
                    <th>Target</th>
                    <th>Status so far</th>
                    <th>Projected end of week</th>
                    <th>Required</th>
                  </tr>
                </thead>
                <tbody>
                  {row.metrics.map((m) => {
                    const info = metricInfo(m.metric);
                    const unit = info?.unit ?? 'count';
                    const p = m.projection;
                    return (
                      <tr key={m.metric} data-metric={m.metric}>
                        <th scope="row">
                          <Link to={apiUrl('/cases', { vendorId: row.vendorId, week: data.week, metric: m.metric })}>
                            {info?.label ?? m.metric}
                          </Link>
                        </th>
                        <td>
                          {formatValue(m.value, unit)} <span className="muted">(n = {m.sample})</span>
                        </td>
                        <td>{formatValue(m.target, unit)}</td>
                        <td>
                          <StatusBadge status={m.status} />
                        </td>
                        <td title={p.method === 'trailing_rate' ? p.formula : p.note}>
                          {formatValue(p.value, unit)}
                          {p.method === 'trailing_rate' && p.interval ? (
                            <span className="muted">
                              {' '}
                              ({formatValue(p.interval.low, unit)} – {formatValue(p.interval.high, unit)})
                            </span>
                          ) : null}{' '}
                          <StatusBadge status={p.status} />
                        </td>
                        <td>
                          <RequiredRate projection={p} unit={unit} higher={info?.direction === 'higher'} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
        ))
      )}
    </section>
  );
}
