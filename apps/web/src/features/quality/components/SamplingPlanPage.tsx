/** One sampling plan: the drawn cases by stratum with their reviewer and whether they are done. */
import { Link, useParams } from 'react-router';
import { ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { apiUrl } from '../../../lib/api-client.ts';
import { useReviewers, useSamplingPlan } from '../api/sampling.ts';
import { useVendorOptions } from '../api/vendors.ts';
import { QualityTabs } from './QualityTabs.tsx';
import { planPeriod, planScope } from './labels.ts';
import { Progress } from './Progress.tsx';

export default function SamplingPlanPage() {
  const id = Number(useParams().id);
  const plan = useSamplingPlan(id);
  const reviewers = useReviewers(true);
  const vendors = useVendorOptions();
  const reviewerName = (userId: number | null) => {
    const r = reviewers.data?.find((x) => x.id === userId);
    return r ? r.name || r.email : userId === null ? '—' : `user #${userId}`;
  };
  const vendorName = plan.data ? (vendors.data?.find((v) => v.id === plan.data.vendorId)?.name ?? '') : '';
  return (
    <section className="page" aria-labelledby="plan-title">
      <header className="page-header">
        <div>
          <h1 id="plan-title">Sampling plan {vendorName}</h1>
          {plan.data ? (
            <p className="lede">
              {planScope(plan.data)}, {planPeriod(plan.data)}; ±{plan.data.marginPoints} points at{' '}
              {Math.round(plan.data.confidence * 100)} %.
            </p>
          ) : null}
        </div>
      </header>
      <QualityTabs />
      {plan.isPending ? (
        <Loading />
      ) : plan.isError ? (
        <ErrorMessage error={plan.error} />
      ) : (
        <>
          <section className="card">
            <p className="stats" data-testid="plan-counts">
              population <b>{plan.data.population}</b> · sample size <b>{plan.data.sampleSize}</b>
              {plan.data.cases.length > plan.data.sampleSize
                ? ` + ${plan.data.cases.length - plan.data.sampleSize} double audits`
                : ''}{' '}
              · done <b>{plan.data.done}</b> · due <b>{plan.data.due}</b>
            </p>
            <Progress done={plan.data.done} total={plan.data.cases.length} />
          </section>
          <section className="card">
            <div className="table-scroll">
              <table data-testid="plan-cases">
                <thead>
                  <tr>
                    <th scope="col">Case</th>
                    <th scope="col">Stratum</th>
                    <th scope="col">Purpose</th>
                    <th scope="col">Reviewer</th>
                    <th scope="col">State</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.data.cases.map((c) => (
                    <tr key={c.caseId}>
                      <th scope="row">
                        <Link to={apiUrl(`/quality/cases/${c.caseId}`, { formId: plan.data.formId })}>
                          <code>{c.caseExternalId}</code>
                        </Link>
                      </th>
                      <td>
                        {c.stratumQueue ?? 'no queue'} · {c.stratumChannel}
                      </td>
                      <td>{c.purpose === 'double_audit' ? 'double audit' : 'random'}</td>
                      <td>{reviewerName(c.assignedUserId)}</td>
                      <td>{c.reviewId === null ? 'due' : <Link to={`/quality/reviews/${c.reviewId}`}>done</Link>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </section>
  );
}
