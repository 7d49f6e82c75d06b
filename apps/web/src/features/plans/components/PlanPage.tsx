/** Tracking page of one plan: status and transitions, the metric against the target line, items, meetings, history. */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { useCan } from '../../../lib/session.ts';
import { useChangePlanStatus } from '../api/change-plan-status.ts';
import { usePlan, type PlanDetail } from '../api/get-plan.ts';
import { usePlanTracking } from '../api/get-plan-tracking.ts';
import { ActionItems } from './ActionItems.tsx';
import { AddItemForm } from './AddItemForm.tsx';
import { EditPlanForm } from './EditPlanForm.tsx';
import { MeetingForm } from './MeetingForm.tsx';
import { PlanHistory } from './PlanHistory.tsx';
import { OverdueBadge } from '../../../components/OverdueFlag.tsx';
import { PlanStatusBadge, planStatusLabel } from './PlanStatusBadge.tsx';
import { PlanTrackingChart } from './PlanTrackingChart.tsx';
import { PlanForecastPanel } from './PlanForecastPanel.tsx';
import { usePlanForecast } from '../api/get-plan-forecast.ts';
import './plans.css';

export default function PlanPage() {
  const id = Number(useParams().id);
  const plan = usePlan(id);
  if (!Number.isInteger(id) || id <= 0) return <Empty title="No such plan" />;
  if (plan.isPending) return <Loading label="Loading the plan…" />;
  if (plan.isError) return <ErrorMessage error={plan.error} onRetry={() => void plan.refetch()} />;
  return <PlanView detail={plan.data} />;
}

function PlanView({ detail }: { detail: PlanDetail }) {
  const { plan, items, meetings, history } = detail;
  const canEdit = useCan('ops');
  const tracking = usePlanTracking(plan.id);
  const forecast = usePlanForecast(plan.id);
  const changeStatus = useChangePlanStatus();
  const [recording, setRecording] = useState(false);
  const [editing, setEditing] = useState(false);
  const [addingItem, setAddingItem] = useState(false);
  const done = items.filter((i) => i.status === 'done').length;

  return (
    <section className="page" aria-labelledby="plan-title" data-plan-status={plan.status}>
      <p>
        <Link to="/plans">← Plans</Link> · <Link to={`/vendors/${plan.vendorId}`}>{plan.vendorName}</Link>
      </p>
      <header className="page-header">
        <div>
          <h1 id="plan-title">
            {plan.title} <PlanStatusBadge status={plan.status} />
          </h1>
          <ul className="plan-meta">
            <li>
              Vendor <strong>{plan.vendorName}</strong>
            </li>
            <li>
              Baseline <strong>{plan.baselineWeek}</strong>
            </li>
            <li>
              Due <strong>{plan.dueDate}</strong>
            </li>
            <li>
              Owner <strong>{plan.ownerName}</strong>
            </li>
            <li data-testid="items-progress">
              Action items{' '}
              <strong>
                {done}/{items.length} done
              </strong>{' '}
              <OverdueBadge count={plan.items.overdue} />
            </li>
          </ul>
        </div>
        {canEdit ? (
          <div className="toolbar" role="group" aria-label="Plan actions">
            <button type="button" className="button" onClick={() => setEditing(true)} disabled={editing}>
              Edit plan
            </button>
            {plan.allowedTransitions.map((status) => (
              <button
                key={status}
                type="button"
                className={status === 'cancelled' ? 'button danger' : 'button'}
                disabled={changeStatus.isPending}
                onClick={() => changeStatus.mutate({ id: plan.id, status })}
              >
                Mark {planStatusLabel(status).toLowerCase()}
              </button>
            ))}
          </div>
        ) : null}
      </header>
      {changeStatus.isError ? <ErrorMessage error={changeStatus.error} /> : null}
      {editing ? <EditPlanForm plan={plan} onDone={() => setEditing(false)} /> : null}

      <section className="section" aria-labelledby="tracking-title">
        <h2 id="tracking-title">Tracking since the baseline</h2>
        {plan.status === 'active' ? <PlanForecastPanel planId={plan.id} /> : null}
        {tracking.isPending ? (
          <Loading label="Loading the weekly values…" />
        ) : tracking.isError ? (
          <ErrorMessage error={tracking.error} onRetry={() => void tracking.refetch()} />
        ) : (
          <div className="grid-2">
            {tracking.data.metrics.map((metric) => (
              <PlanTrackingChart
                key={metric.metric}
                metric={metric}
                requiredWeeks={tracking.data.requiredWeeks}
                forecastAtDue={forecast.data?.trends.find((t) => t.metric === metric.metric)?.projectedAtDue ?? null}
              />
            ))}
          </div>
        )}
      </section>

      <section className="section" aria-labelledby="items-title">
        <h2 id="items-title">Action items</h2>
        {canEdit && !addingItem ? (
          <button type="button" className="button" onClick={() => setAddingItem(true)}>
            Add action item
          </button>
        ) : null}
        {addingItem ? (
          <AddItemForm planId={plan.id} vendorId={plan.vendorId} onDone={() => setAddingItem(false)} />
        ) : null}
        <ActionItems items={items} />
      </section>

      <section className="section" aria-labelledby="meetings-title">
        <h2 id="meetings-title">Review meetings</h2>
        {canEdit && !recording ? (
          <button type="button" className="button" onClick={() => setRecording(true)}>
            Record a review meeting
          </button>
        ) : null}
        {recording ? (
          <MeetingForm planId={plan.id} vendorId={plan.vendorId} onDone={() => setRecording(false)} />
        ) : null}
        {meetings.length === 0 ? (
          <p className="lede">No review meeting yet.</p>
        ) : (
          <ul className="history">
            {meetings.map((m) => (
              <li key={m.id}>
                <strong>{m.heldOn}</strong> {m.attendees.length ? `with ${m.attendees.join(', ')}` : ''}
                {m.notes ? <p>{m.notes}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="section" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <PlanHistory events={history} items={items} />
      </section>
    </section>
  );
}
