/** Disputes of internal reviews: open ones to decide (ops) or await (vendor), and the decided with reasons. */
import { Link } from 'react-router';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useReportingTimeZone } from '../../../lib/reporting-zone.ts';
import { useSearchState } from '../../../lib/search-params.ts';
import { useCan } from '../../../lib/session.ts';
import { useDisputes } from '../api/reviews.ts';
import { useVendorOptions } from '../api/vendors.ts';
import { DISPUTE_STATUS_LABELS } from './labels.ts';
import { QualityTabs } from './QualityTabs.tsx';

export default function DisputesPage() {
  const [params, update] = useSearchState();
  const status = params.get('status') === 'decided' ? 'decided' : 'open';
  const disputes = useDisputes(status);
  const vendors = useVendorOptions();
  const timeZone = useReportingTimeZone() ?? 'UTC';
  const isStaff = useCan('ops');
  const vendorName = (id: number) => vendors.data?.find((v) => v.id === id)?.name ?? `#${id}`;
  return (
    <section className="page" aria-labelledby="disputes-title">
      <header className="page-header">
        <div>
          <h1 id="disputes-title">Disputes</h1>
          <p className="lede">
            {isStaff
              ? 'Vendors dispute internal reviews per criterion; accepted answers replace the reviewer’s and the score follows.'
              : 'Open a dispute from one of your reviews (Reviews tab) within the window; ops decide it with a reason.'}
          </p>
        </div>
      </header>
      <QualityTabs />
      <div className="segmented" role="group" aria-label="Dispute status">
        {(['open', 'decided'] as const).map((s) => (
          <button key={s} type="button" aria-pressed={status === s} onClick={() => update({ status: s })}>
            {s === 'open' ? 'Open' : 'Decided'}
          </button>
        ))}
      </div>
      <section className="card">
        {disputes.isPending ? (
          <Loading label="Loading disputes…" />
        ) : disputes.isError ? (
          <ErrorMessage error={disputes.error} onRetry={() => void disputes.refetch()} />
        ) : disputes.data.length === 0 ? (
          <Empty title={status === 'open' ? 'No open disputes' : 'No decided disputes'} />
        ) : (
          <div className="table-scroll">
            <table data-testid="disputes-table">
              <thead>
                <tr>
                  <th scope="col">Review</th>
                  <th scope="col">Vendor</th>
                  <th scope="col">Opened</th>
                  <th scope="col">Criteria</th>
                  <th scope="col">Comment</th>
                  <th scope="col">Status</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {disputes.data.map((d) => (
                  <tr key={d.id} data-dispute-id={d.id}>
                    <th scope="row">
                      <Link to={`/quality/reviews/${d.reviewId}`}>Review #{d.reviewId}</Link>
                    </th>
                    <td>{vendorName(d.vendorId)}</td>
                    <td>{formatDateTime(d.openedAt, timeZone)}</td>
                    <td>{d.items.map((i) => i.criterionKey).join(', ')}</td>
                    <td className="why">{d.comment}</td>
                    <td>{DISPUTE_STATUS_LABELS[d.status]}</td>
                    <td className="why">{d.reason ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}
