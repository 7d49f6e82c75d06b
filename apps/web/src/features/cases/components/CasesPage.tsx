import { Link } from 'react-router';
import { Pagination } from '../../../components/Pagination.tsx';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { SortHeader, type SortOrder } from '../../../components/SortHeader.tsx';
import { apiUrl } from '../../../lib/api-client.ts';
import { formatDateTime, formatValue } from '../../../lib/format.ts';
import { metricInfo } from '../../../lib/metrics.ts';
import { useReportingTimeZone } from '../../../lib/reporting-zone.ts';
import { intParam, useSearchState } from '../../../lib/search-params.ts';
import { casesCsvUrl, useCases, type CaseFilters } from '../api/get-cases.ts';
import { Truncated } from '../../../components/Truncated.tsx';
import { useSessionUser } from '../../../lib/session.ts';
import { FilterChips } from './FilterChips.tsx';

const PAGE_SIZE = 50;

const COLUMNS: { key: string; label: string; sortable: boolean }[] = [
  { key: 'externalId', label: 'Case', sortable: true },
  { key: 'createdAt', label: 'Created', sortable: true },
  { key: 'solvedAt', label: 'Solved', sortable: true },
  // The API sorts by the columns above only (GET /api/cases answers 400 to sort=queue).
  { key: 'queue', label: 'Queue', sortable: false },
  { key: 'channel', label: 'Channel', sortable: false },
  { key: 'outcome', label: 'Outcome', sortable: false },
];

/** Drill-down: the cases behind one number, paginated and sorted by the server. */
export default function CasesPage() {
  const [params, update] = useSearchState();
  const timeZone = useReportingTimeZone() ?? 'UTC';
  const filters: CaseFilters = {
    vendorId: params.get('vendorId'),
    week: params.get('week'),
    metric: params.get('metric'),
    queue: params.get('queue'),
    channel: params.get('channel'),
    sort: params.get('sort'),
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    limit: PAGE_SIZE,
    offset: intParam(params, 'offset', 0),
  };
  const query = useCases(filters);
  const data = query.data;
  const onSort = (sort: string, order: SortOrder) => update({ sort, order, offset: null });
  const metricLabel = filters.metric ? (metricInfo(filters.metric)?.label ?? filters.metric) : null;
  const firstItem = data?.items[0];
  const vendorName = typeof firstItem?.vendorName === 'string' ? firstItem.vendorName : null;
  // FRT and resolution time: each case's business-time and calendar-time figure, whichever the terms count.
  const clock = filters.metric === 'frt' ? 'frt' : filters.metric === 'resolution_time' ? 'resolution' : null;
  const seconds = (value: unknown) => formatValue(typeof value === 'number' ? value : null, 's');
  // Staff record internal QA reviews, a vendor user its own QA's (docs/quality.md); others only read them.
  const role = useSessionUser()?.role;
  const mayReview = role === 'admin' || role === 'ops' || role === 'vendor';

  return (
    <section className="page" aria-labelledby="cases-title">
      {filters.vendorId ? (
        <p>
          <Link to={apiUrl(`/vendors/${filters.vendorId}`, { week: filters.week })}>
            ← {vendorName ?? 'Vendor'} trends
          </Link>
        </p>
      ) : null}
      <header className="page-header">
        <div>
          <h1 id="cases-title">Cases{metricLabel ? ` behind ${metricLabel}` : ''}</h1>
          <FilterChips
            chips={[
              // The vendor filter is named by its cases' vendor; the id until they load.
              {
                key: 'vendorId',
                name: 'vendor',
                text: filters.vendorId ? `vendor ${vendorName ?? `#${filters.vendorId}`}` : null,
              },
              { key: 'metric', text: metricLabel ? `metric ${metricLabel}` : null },
              { key: 'week', text: filters.week ? `week ${filters.week}` : null },
              { key: 'queue', text: filters.queue ? `queue ${filters.queue}` : null },
              { key: 'channel', text: filters.channel ? `channel ${filters.channel}` : null },
            ]}
            onRemove={(key) => update({ [key]: null, offset: null })}
          />
          {/* No week in the URL: the API picked the week pages open on and names it; not a filter to remove. */}
          {!filters.week && data?.week ? (
            <p className="hint" data-testid="default-week">
              Showing week {data.week}, the week pages open on when none is chosen.
            </p>
          ) : null}
        </div>
        <div className="toolbar">
          <a className="button" href={casesCsvUrl(filters)} download>
            Export CSV
          </a>
        </div>
      </header>
      {data?.formula ? (
        <p className="formula" data-testid="formula">
          Computed under: {data.formula}
        </p>
      ) : null}
      {query.isPending ? (
        <Loading label="Loading cases…" />
      ) : query.isError && !data ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : !data || data.items.length === 0 ? (
        <Empty title="No cases match">Clear a filter or pick another week.</Empty>
      ) : (
        <>
          {query.isError ? <ErrorMessage error={query.error} /> : null}
          <div className="table-scroll">
            <table data-testid="cases-table">
              <caption className="visually-hidden">
                {data.total} cases{metricLabel ? ` behind ${metricLabel}` : ''}; times in {timeZone}; sortable columns
              </caption>
              <thead>
                <tr>
                  {COLUMNS.map((c) =>
                    c.sortable ? (
                      <SortHeader key={c.key} column={c.key} sort={filters.sort} order={filters.order} onSort={onSort}>
                        {c.label}
                      </SortHeader>
                    ) : (
                      <th key={c.key} scope="col">
                        {c.label}
                      </th>
                    ),
                  )}
                  {clock ? <th scope="col">Business time</th> : null}
                  {clock ? <th scope="col">Calendar time</th> : null}
                  {metricLabel ? <th scope="col">Why it counted</th> : null}
                  {mayReview ? (
                    <th scope="col">
                      <span className="visually-hidden">Quality review</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => (
                  <tr key={item.caseId}>
                    <th scope="row">
                      <code>
                        <Truncated text={item.externalId} />
                      </code>
                    </th>
                    <td>{formatDateTime(item.createdAt, timeZone)}</td>
                    <td>{formatDateTime(item.solvedAt, timeZone)}</td>
                    <td>{item.queue === null ? '—' : <Truncated text={item.queue} />}</td>
                    <td>{item.channel}</td>
                    <td>{item.outcome ?? (item.contributes === false ? 'left out' : '—')}</td>
                    {clock ? <td>{seconds(item[`${clock}BusinessSeconds`])}</td> : null}
                    {clock ? <td>{seconds(item[`${clock}CalendarSeconds`])}</td> : null}
                    {metricLabel ? <td className="why">{item.why ?? '—'}</td> : null}
                    {mayReview ? (
                      <td>
                        <Link
                          className="button small"
                          to={`/quality/cases/${item.caseId}`}
                          aria-label={`Review case ${item.externalId}`}
                        >
                          Review
                        </Link>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            label="Cases pages"
            offset={filters.offset}
            limit={PAGE_SIZE}
            total={data.total}
            onChange={(offset) => update({ offset })}
          />
        </>
      )}
    </section>
  );
}
