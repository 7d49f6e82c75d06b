/**
 * Sampling plans (ops only; vendors must not know which cases are drawn): each plan with its population,
 * the size the wanted interval needs, and what is done and due; a new plan draws and assigns at once.
 */
import { Link } from 'react-router';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { useSamplingPlans } from '../api/sampling.ts';
import { useVendorOptions } from '../api/vendors.ts';
import { planPeriod, planScope } from './labels.ts';
import { NewSamplingPlanForm } from './NewSamplingPlanForm.tsx';
import { Progress } from './Progress.tsx';
import { QualityTabs } from './QualityTabs.tsx';

export default function SamplingPage() {
  const plans = useSamplingPlans();
  const vendors = useVendorOptions();
  const vendorName = (id: number) => vendors.data?.find((v) => v.id === id)?.name ?? `#${id}`;
  return (
    <section className="page" aria-labelledby="sampling-title">
      <header className="page-header">
        <div>
          <h1 id="sampling-title">Sampling</h1>
          <p className="lede">
            Random samples of a vendor&apos;s cases, stratified by queue and channel, sized for the interval you want
            and assigned to reviewers in turn.
          </p>
        </div>
      </header>
      <QualityTabs />
      <NewSamplingPlanForm />
      <section className="card" aria-labelledby="plans-title">
        <h2 id="plans-title">Plans</h2>
        {plans.isPending ? (
          <Loading label="Loading plans…" />
        ) : plans.isError ? (
          <ErrorMessage error={plans.error} onRetry={() => void plans.refetch()} />
        ) : plans.data.length === 0 ? (
          <Empty title="No sampling plans yet" />
        ) : (
          <div className="table-scroll">
            <table data-testid="sampling-plans">
              <thead>
                <tr>
                  <th scope="col">Vendor</th>
                  <th scope="col">Scope</th>
                  <th scope="col">Period</th>
                  <th scope="col">Wanted interval</th>
                  <th scope="col" className="num">
                    Population
                  </th>
                  <th scope="col" className="num">
                    Sample
                  </th>
                  <th scope="col" className="num">
                    Done
                  </th>
                  <th scope="col" className="num">
                    Due
                  </th>
                  <th scope="col">Progress</th>
                </tr>
              </thead>
              <tbody>
                {plans.data.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link to={`/quality/sampling/${p.id}`}>{vendorName(p.vendorId)}</Link>
                    </th>
                    <td>{planScope(p)}</td>
                    <td>{planPeriod(p)}</td>
                    <td>
                      ±{p.marginPoints} points at {Math.round(p.confidence * 100)} %
                    </td>
                    <td className="num">{p.population}</td>
                    <td className="num">{p.cases.length}</td>
                    <td className="num">{p.done}</td>
                    <td className="num">{p.due}</td>
                    <td>
                      <Progress done={p.done} total={p.cases.length} />
                    </td>
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
