import { Link } from 'react-router';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { Truncated } from '../../../components/Truncated.tsx';
import { apiUrl } from '../../../lib/api-client.ts';
import { formatValue } from '../../../lib/format.ts';
import { METRIC_INFO } from '../../../lib/metrics.ts';
import { BREAKDOWN_DIMENSIONS, useVendorBreakdown, type BreakdownDimension } from '../api/get-vendor-breakdown.ts';

/** One week of a vendor split by queue, channel, tier or site; each value links to its cases. */
export function BreakdownTable({
  vendorId,
  week,
  by,
  onByChange,
}: {
  vendorId: number;
  week: string | null;
  by: BreakdownDimension;
  onByChange: (by: BreakdownDimension) => void;
}) {
  const query = useVendorBreakdown(vendorId, week, by);
  const data = query.data;
  return (
    <section className="section" aria-labelledby="breakdown-title">
      <div className="page-header">
        <h2 id="breakdown-title">Breakdown{data ? ` · ${data.week}` : ''}</h2>
        <div className="segmented" role="group" aria-label="Break down by">
          {BREAKDOWN_DIMENSIONS.map((d) => (
            <button key={d} type="button" aria-pressed={d === by} onClick={() => onByChange(d)}>
              {d}
            </button>
          ))}
        </div>
      </div>
      {query.isPending ? (
        <Loading />
      ) : query.isError && !data ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : !data || data.rows.length === 0 ? (
        <Empty title="No cases in this week" />
      ) : (
        <div className="table-scroll">
          <table data-testid="breakdown-table">
            <thead>
              <tr>
                <th scope="col">{by}</th>
                {METRIC_INFO.map((m) => (
                  <th scope="col" key={m.key} className="num">
                    {m.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.key ?? '(none)'}>
                  <th scope="row">{row.key === null ? <em>not set</em> : <Truncated text={row.key} />}</th>
                  {METRIC_INFO.map((m) => {
                    const cell = row.metrics[m.key];
                    const filter = by === 'queue' || by === 'channel' ? { [by]: row.key ?? undefined } : {};
                    return (
                      <td key={m.key} className="num">
                        {cell && cell.value !== null ? (
                          <Link to={apiUrl('/cases', { vendorId, week: data.week, metric: m.key, ...filter })}>
                            {formatValue(cell.value, m.unit)}
                          </Link>
                        ) : (
                          <span title={cell?.reason ?? 'No data'}>—</span>
                        )}
                        {cell?.status && cell.status !== 'no_target' && cell.status !== 'no_data' ? (
                          <>
                            {' '}
                            <StatusBadge status={cell.status} />
                          </>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
