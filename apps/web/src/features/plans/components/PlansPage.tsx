/** Plans overview: all plans of a status (default active) across vendors, riskiest first (the API's order). */
import { Link } from 'react-router';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatValue } from '../../../lib/format.ts';
import { metricInfo } from '../../../lib/metrics.ts';
import { useSearchState } from '../../../lib/search-params.ts';
import { useCan } from '../../../lib/session.ts';
import { usePlans, type PlanStatus, type PlanSummary } from '../api/get-plans.ts';
import { OverdueBadge } from '../../../components/OverdueFlag.tsx';
import { PlanStatusBadge, planStatusLabel } from './PlanStatusBadge.tsx';
import './plans.css';
import { Truncated } from '../../../components/Truncated.tsx';

const STATUSES: (PlanStatus | 'all')[] = ['active', 'draft', 'missed', 'achieved', 'cancelled', 'all'];

export default function PlansPage() {
  const [params, update] = useSearchState();
  const status = STATUSES.find((s) => s === params.get('status')) ?? 'active';
  const vendorParam = Number(params.get('vendorId'));
  const vendorId = Number.isInteger(vendorParam) && vendorParam > 0 ? vendorParam : undefined;
  const plans = usePlans({ status, ...(vendorId ? { vendorId } : {}) });
  const canEdit = useCan('ops');

  return (
    <section className="page" aria-labelledby="plans-title">
      <header className="page-header">
        <div>
          <h1 id="plans-title">Improvement plans</h1>
          <p className="lede">
            Riskiest first: overdue action items, then distance to target, then the nearest due date.
          </p>
        </div>
        <div className="toolbar">
          <div className="field">
            <label htmlFor="plan-status">Status</label>
            <select
              id="plan-status"
              value={status}
              onChange={(e) => update({ status: e.target.value === 'active' ? null : e.target.value })}
            >
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s === 'all' ? 'All' : planStatusLabel(s)}
                </option>
              ))}
            </select>
          </div>
          {vendorId ? (
            <button type="button" className="button" onClick={() => update({ vendorId: null })}>
              All vendors
            </button>
          ) : null}
          {canEdit ? (
            <Link className="button primary" to="/plans/new">
              New plan
            </Link>
          ) : null}
        </div>
      </header>
      {plans.isPending ? (
        <Loading label="Loading plans…" />
      ) : plans.isError ? (
        <ErrorMessage error={plans.error} onRetry={() => void plans.refetch()} />
      ) : plans.data.length === 0 ? (
        <Empty title="No plans here">Open a plan from a missed cell of the scorecard.</Empty>
      ) : (
        <div className="table-scroll">
          <table className="plan-table" data-testid="plans-table">
            <thead>
              <tr>
                <th scope="col">Plan</th>
                <th scope="col">Vendor</th>
                <th scope="col">Status</th>
                <th scope="col">Latest vs target</th>
                <th scope="col">Action items</th>
                <th scope="col">Due</th>
                <th scope="col">Owner</th>
              </tr>
            </thead>
            <tbody>
              {plans.data.map((plan) => (
                <PlanRow key={plan.id} plan={plan} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function PlanRow({ plan }: { plan: PlanSummary }) {
  return (
    <tr data-plan={plan.id} className={plan.items.overdue ? 'overdue' : undefined}>
      <th scope="row">
        <Link to={`/plans/${plan.id}`}>
          <Truncated text={plan.title} />
        </Link>
      </th>
      <td>
        <Truncated text={plan.vendorName} />
      </td>
      <td>
        <PlanStatusBadge status={plan.status} />
      </td>
      <td>
        {plan.metrics.map((m) => {
          const info = metricInfo(m.metric);
          const latest = plan.latest.find((l) => l.metric === m.metric);
          return (
            <div key={m.metric}>
              {info?.label ?? m.metric}: {formatValue(latest?.value, info?.unit ?? 'count')} /{' '}
              {formatValue(m.targetValue, info?.unit ?? 'count')}
              {latest?.week ? (
                <span className="sub"> ({latest.week})</span>
              ) : (
                <span className="sub"> (no data yet)</span>
              )}
            </div>
          );
        })}
      </td>
      <td>
        {plan.items.done}/{plan.items.total} done <OverdueBadge count={plan.items.overdue} />
      </td>
      <td>
        {plan.dueDate}
        <div className="sub">{plan.daysToDue >= 0 ? `in ${plan.daysToDue} d` : `${-plan.daysToDue} d ago`}</div>
      </td>
      <td>{plan.ownerName}</td>
    </tr>
  );
}
