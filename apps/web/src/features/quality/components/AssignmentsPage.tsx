/** The reviewer's worklist: the sample cases assigned to them across plans, what is due first. */
import { Link } from 'react-router';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { apiUrl } from '../../../lib/api-client.ts';
import { useAssignments } from '../api/sampling.ts';
import { QualityTabs } from './QualityTabs.tsx';

export default function AssignmentsPage() {
  const assignments = useAssignments();
  const rows = assignments.data ?? [];
  const due = rows.filter((a) => a.reviewId === null);
  const done = rows.length - due.length;
  return (
    <section className="page" aria-labelledby="assignments-title">
      <header className="page-header">
        <div>
          <h1 id="assignments-title">My assigned cases</h1>
          <p className="lede">
            Sample cases drawn for you by the sampling plans. A case is done once you review it on the plan&apos;s form.
          </p>
        </div>
      </header>
      <QualityTabs />
      {assignments.isPending ? (
        <Loading label="Loading your cases…" />
      ) : assignments.isError ? (
        <ErrorMessage error={assignments.error} onRetry={() => void assignments.refetch()} />
      ) : rows.length === 0 ? (
        <Empty title="Nothing assigned to you">
          A sampling plan assigns its drawn cases to the reviewers it names.
        </Empty>
      ) : (
        <section className="card">
          <p className="stats" data-testid="assignment-counts">
            <b>{due.length}</b> due · <b>{done}</b> done · {rows.length} assigned
          </p>
          <div className="table-scroll">
            <table data-testid="assignments-table">
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Vendor</th>
                  <th scope="col">Period</th>
                  <th scope="col">Stratum</th>
                  <th scope="col">Purpose</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {[...due, ...rows.filter((a) => a.reviewId !== null)].map((a) => (
                  <tr key={`${a.planId}:${a.caseId}`} data-case={a.caseExternalId}>
                    <th scope="row">
                      <code>{a.caseExternalId}</code>
                    </th>
                    <td>{a.vendorName}</td>
                    <td>
                      <Link to={`/quality/sampling/${a.planId}`}>
                        {a.period} of {a.periodStart}
                      </Link>
                    </td>
                    <td>
                      {a.stratumQueue ?? 'no queue'} · {a.stratumChannel}
                    </td>
                    <td>{a.purpose === 'double_audit' ? 'double audit' : 'random'}</td>
                    <td>
                      {a.reviewId === null ? (
                        <Link
                          className="button small primary"
                          to={apiUrl(`/quality/cases/${a.caseId}`, { formId: a.formId })}
                        >
                          Review
                        </Link>
                      ) : (
                        <Link to={`/quality/reviews/${a.reviewId}`}>done (review #{a.reviewId})</Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </section>
  );
}
