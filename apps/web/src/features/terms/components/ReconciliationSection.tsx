import { useState } from 'react';
import { Pagination } from '../../../components/Pagination.tsx';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useReportingTimeZone } from '../../../lib/reporting-zone.ts';
import { useReconciliation } from '../api/get-reconciliation.ts';

const minutes = (value: number | null) => (value === null ? '—' : `${value.toLocaleString('en-GB')} min`);

/** Our figure against the help desk's own, per case, with the rule that explains each difference. */
export function ReconciliationSection({ vendorId, week }: { vendorId: number; week: string | null }) {
  const [metric, setMetric] = useState<'frt' | 'resolution_time'>('resolution_time');
  const [tolerance, setTolerance] = useState(1);
  const [offset, setOffset] = useState(0);
  const query = useReconciliation({ vendorId, week, metric, tolerance, offset });
  const timeZone = useReportingTimeZone() ?? 'UTC';
  const data = query.data;
  return (
    <section className="card" aria-labelledby="reconciliation-title" data-testid="reconciliation">
      <h2 id="reconciliation-title">Reconciliation with the help desk&apos;s own figures</h2>
      <div className="toolbar">
        <label>
          Metric{' '}
          <select
            value={metric}
            onChange={(e) => {
              setMetric(e.target.value as 'frt' | 'resolution_time');
              setOffset(0);
            }}
          >
            <option value="resolution_time">Resolution time</option>
            <option value="frt">First response time</option>
          </select>
        </label>
        <label>
          Tolerance (min){' '}
          <input
            type="number"
            min={0}
            value={tolerance}
            onChange={(e) => {
              setTolerance(Math.max(0, Number(e.target.value)));
              setOffset(0);
            }}
          />
        </label>
      </div>
      {query.isPending ? (
        <Loading label="Comparing…" />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : !data || data.compared === 0 ? (
        <Empty title="Nothing to compare">
          The export of this week carried no figure of the help desk for this metric.
        </Empty>
      ) : (
        <>
          <p>
            {data.week}: {data.mismatched} of {data.compared} cases differ by more than {data.toleranceMinutes} min.
            Ours: {data.formula}.
          </p>
          {data.items.length === 0 ? null : (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Case</th>
                    <th scope="col">Created</th>
                    <th scope="col">Clock</th>
                    <th scope="col">Ours</th>
                    <th scope="col">Help desk</th>
                    <th scope="col">Difference</th>
                    <th scope="col">Why</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((item) => (
                    <tr key={item.caseId}>
                      <th scope="row">
                        <code>{item.externalId}</code>
                      </th>
                      <td>{formatDateTime(item.createdAt, timeZone)}</td>
                      <td>{item.clock}</td>
                      <td>{minutes(item.oursMinutes)}</td>
                      <td>{minutes(item.theirsMinutes)}</td>
                      <td>{minutes(item.differenceMinutes)}</td>
                      <td className="why">{item.rule}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination label="Reconciliation pages" offset={offset} limit={50} total={data.total} onChange={setOffset} />
        </>
      )}
    </section>
  );
}
