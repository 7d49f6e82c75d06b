import { Link, useParams } from 'react-router';
import { Pagination } from '../../../components/Pagination.tsx';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { SortHeader, type SortOrder } from '../../../components/SortHeader.tsx';
import { formatDateTime, formatValue } from '../../../lib/format.ts';
import { useReportingTimeZone } from '../../../lib/reporting-zone.ts';
import { intParam, useSearchState } from '../../../lib/search-params.ts';
import { lineCasesCsvUrl, useLineCases, type LineCase, type LineCasesQuery } from '../api/drill-down.ts';
import { metricLabel } from './figures.ts';
import './credits.css';

const PAGE_SIZE = 50;
const SORTS = ['createdAt', 'solvedAt', 'externalId', 'frtSeconds', 'resolutionSeconds', 'handleSeconds'] as const;
type Sort = (typeof SORTS)[number];

/** The case's own measure behind the metric, in the unit the line states. */
function measure(metric: string, c: LineCase): string {
  const seconds = (value: number | null) => formatValue(value, 's');
  if (metric === 'frt') return `${seconds(c.frtSeconds)} (${c.frtBasis})`;
  if (metric === 'resolution_time') return `${seconds(c.resolutionSeconds)} (${c.resolutionBasis})`;
  if (metric === 'aht') return seconds(c.handleSeconds);
  if (metric === 'csat') return c.csatScore === null ? '—' : `${c.csatScore} of ${c.csatScale ?? '?'}`;
  if (metric === 'service_level' || metric === 'abandon_rate') return seconds(c.waitSeconds);
  if (metric === 'reopen_rate') return c.reopenCount === null ? '—' : String(c.reopenCount);
  if (metric === 'fcr') return c.firstContactFlag === null ? '—' : c.firstContactFlag ? 'first contact' : 'not first';
  return c.outcome;
}

/**
 * Drill-down of one statement line: the month's cases behind its figure (the counted ones by default, every case
 * attributed to the month on request), each with why it counts or not, paged and sorted by the server, with the
 * same list as a CSV download.
 */
export default function StatementCasesPage() {
  const id = Number(useParams().id);
  const [params, update] = useSearchState();
  const sortParam = params.get('sort');
  const sort = SORTS.find((s) => s === sortParam);
  const base = {
    metric: (params.get('metric') ?? 'csat') as LineCasesQuery['metric'],
    include: params.get('include') === 'all' ? ('all' as const) : ('counted' as const),
    sort,
    order: params.get('order') === 'desc' ? ('desc' as const) : ('asc' as const),
  };
  const offset = intParam(params, 'offset', 0);
  const cases = useLineCases(id, { ...base, limit: PAGE_SIZE, offset });
  // Case times in the reporting zone, the zone the month's cases are attributed in.
  const timeZone = useReportingTimeZone() ?? 'UTC';
  const onSort = (column: string, order: SortOrder) => update({ sort: column, order, offset: null });
  const header = (column: Sort, label: string) => (
    <SortHeader column={column} sort={sort ?? null} order={base.order} onSort={onSort}>
      {label}
    </SortHeader>
  );
  return (
    <section className="page" aria-labelledby="line-cases-title">
      <p>
        <Link to={`/credits/statements/${id}`}>← The statement</Link>
      </p>
      <header className="page-header">
        <div>
          <h1 id="line-cases-title">
            Cases behind {metricLabel(base.metric)}
            {cases.data ? `, ${cases.data.month}` : ''}
          </h1>
          {cases.data ? (
            <p className="lede" data-testid="line-cases-summary">
              The statement states n {cases.data.lineN.toLocaleString('en-GB')} for this line;{' '}
              {cases.data.total.toLocaleString('en-GB')}{' '}
              {base.include === 'all' ? 'cases are attributed to the month' : 'cases count now'}.
              {base.include === 'counted' && cases.data.total !== cases.data.lineN
                ? ' The cases changed since the statement was computed.'
                : ''}
            </p>
          ) : null}
        </div>
        <div className="toolbar">
          <label className="inline-check">
            <input
              type="checkbox"
              checked={base.include === 'all'}
              onChange={(e) => update({ include: e.target.checked ? 'all' : null, offset: null })}
            />{' '}
            Also the cases that do not count
          </label>
          <a className="button" href={lineCasesCsvUrl(id, base)} download>
            Download CSV
          </a>
        </div>
      </header>
      {cases.isPending ? (
        <Loading label="Loading the cases…" />
      ) : cases.isError ? (
        <ErrorMessage error={cases.error} onRetry={() => void cases.refetch()} />
      ) : cases.data.items.length === 0 ? (
        <Empty title="No cases">No case of the month stands behind this line.</Empty>
      ) : (
        <>
          <div className="table-scroll">
            <table className="credits-table" data-testid="line-cases">
              <thead>
                <tr>
                  {header('externalId', 'Case')}
                  {header('createdAt', 'Created')}
                  {header('solvedAt', 'Solved')}
                  <th scope="col">Queue</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Measure</th>
                  <th scope="col">Counts</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {cases.data.items.map((c) => (
                  <tr key={c.caseId} data-contributes={c.contributes}>
                    <th scope="row">{c.externalId}</th>
                    <td>{formatDateTime(c.createdAt, timeZone)}</td>
                    <td>{formatDateTime(c.solvedAt, timeZone)}</td>
                    <td>{c.queue ?? '—'}</td>
                    <td>{c.channel}</td>
                    <td>{measure(base.metric, c)}</td>
                    <td>{c.contributes ? `yes: ${c.outcome}` : 'no'}</td>
                    <td>{c.why}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            offset={offset}
            limit={PAGE_SIZE}
            total={cases.data.total}
            onChange={(next) => update({ offset: next || null })}
            label="Pages of cases"
          />
        </>
      )}
    </section>
  );
}
