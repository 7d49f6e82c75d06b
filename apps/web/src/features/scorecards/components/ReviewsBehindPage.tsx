import { Link } from 'react-router';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { apiUrl } from '../../../lib/api-client.ts';
import { formatDateTime, formatValue } from '../../../lib/format.ts';
import { useReportingTimeZone } from '../../../lib/reporting-zone.ts';
import { useSearchState } from '../../../lib/search-params.ts';
import { useQualityDrillDown, type QualityDrillDownItem } from '../api/get-quality-drill-down.ts';

const points = (value: number | null) => formatValue(value, 'points');

/** The figure-specific columns: what decided each row's contribution. */
function detailOf(item: QualityDrillDownItem): string {
  if (item.kind === 'escalation') return item.verdict ?? '—';
  const parts = [`score ${points(item.score)}`];
  if (item.fatal) parts.push('fatal');
  if (item.vendorScore !== null) parts.push(`vendor QA ${points(item.vendorScore)}`);
  if (item.disputeStatus) parts.push(`dispute ${item.disputeStatus.replace('_', ' ')}`);
  return parts.join(' · ');
}

/**
 * Drill-down of a quality cell: the reviews (or escalation reviews) behind it, each with how it counts. A
 * review counts in the week it was made; the case's own week is shown beside it.
 */
export default function ReviewsBehindPage() {
  const [params] = useSearchState();
  const timeZone = useReportingTimeZone() ?? 'UTC';
  const filters = {
    vendorId: params.get('vendorId'),
    week: params.get('week'),
    metric: params.get('metric'),
    queue: params.get('queue'),
    channel: params.get('channel'),
  };
  const query = useQualityDrillDown(filters);
  const data = query.data;
  const label = data?.label ?? 'a quality figure';
  return (
    <section className="page" aria-labelledby="reviews-behind-title">
      {filters.vendorId ? (
        <p>
          <Link to={apiUrl('/', { week: filters.week })}>← Scorecard</Link>
        </p>
      ) : null}
      <header className="page-header">
        <div>
          <h1 id="reviews-behind-title">Reviews behind {label}</h1>
          <div className="pill-list" aria-label="Filters">
            {(['week', 'queue', 'channel'] as const).map((key) =>
              filters[key] ? (
                <span className="pill" key={key}>
                  {key} {filters[key]}
                </span>
              ) : null,
            )}
          </div>
        </div>
      </header>
      <p className="muted">
        Reviews count in the week they were made (here {filters.week ?? '—'}); the case’s own week is shown beside each.
        Only internal reviews make the quality figures; the vendor’s own QA is compared in the calibration gap.
      </p>
      {!filters.vendorId || !filters.week || !filters.metric ? (
        <Empty title="No figure chosen">Open this page from a quality cell of the scorecard.</Empty>
      ) : query.isPending ? (
        <Loading label="Loading reviews…" />
      ) : query.isError && !data ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : !data || data.items.length === 0 ? (
        <Empty title="No reviews behind this figure">No review of this vendor was made in this week.</Empty>
      ) : (
        <>
          <p data-testid="reviews-behind-count">
            {data.counted} of {data.total} counted in the figure
          </p>
          <div className="table-scroll">
            <table data-testid="reviews-behind-table">
              <caption className="visually-hidden">
                {data.total} reviews behind {label}; times in {timeZone}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Case week</th>
                  <th scope="col">Reviewed</th>
                  <th scope="col">Queue</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Review</th>
                  <th scope="col">Counts as</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => (
                  <tr
                    key={`${item.kind}-${item.reviewId ?? item.escalationReviewId}`}
                    data-review-id={item.reviewId ?? undefined}
                  >
                    <th scope="row">
                      <code>{item.caseExternalId}</code>
                    </th>
                    <td>{item.caseWeek}</td>
                    <td>{formatDateTime(item.reviewedAt, timeZone)}</td>
                    <td>{item.queue ?? '—'}</td>
                    <td>{item.channel}</td>
                    <td>{detailOf(item)}</td>
                    <td>{item.contributes ? item.outcome.replace('_', ' ') : 'left out'}</td>
                    <td className="why">{item.why}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
