import { Link } from 'react-router';
import { Truncated } from '../../../components/Truncated.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useReportingTimeZone } from '../../../lib/reporting-zone.ts';
import type { Review } from '../api/reviews.ts';
import { formatScore } from './labels.ts';

/** Reviews with the week each counts in beside the case's own week; a row opens the review. */
export function ReviewsTable({ reviews, caption }: { reviews: Review[]; caption: string }) {
  const timeZone = useReportingTimeZone() ?? 'UTC';
  return (
    <div className="table-scroll">
      <table data-testid="reviews-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Review</th>
            <th scope="col">Case</th>
            <th scope="col">Queue</th>
            <th scope="col">Channel</th>
            <th scope="col">Case week</th>
            <th scope="col">Reviewed</th>
            <th scope="col">Counts in</th>
            <th scope="col">By</th>
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col">Fatal</th>
          </tr>
        </thead>
        <tbody>
          {reviews.map((r) => (
            <tr key={r.id} data-review-id={r.id}>
              <th scope="row">
                <Link to={`/quality/reviews/${r.id}`}>#{r.id}</Link>
              </th>
              <td>
                <Link to={`/quality/cases/${r.caseId}`}>
                  <code>
                    <Truncated text={r.caseExternalId} />
                  </code>
                </Link>
              </td>
              <td>{r.caseQueue ?? '—'}</td>
              <td>{r.caseChannel}</td>
              <td>{r.caseWeek}</td>
              <td>{formatDateTime(r.reviewedAt, timeZone)}</td>
              <td>{r.week}</td>
              <td>
                {r.reviewerKind === 'internal' ? 'Internal QA' : "Vendor's QA"}
                {r.reviewerName ? <span className="sub-line">{r.reviewerName}</span> : null}
              </td>
              <td className="num">{formatScore(r.score)}</td>
              <td>{r.fatal ? <span className="badge badge-missed">fatal</span> : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
