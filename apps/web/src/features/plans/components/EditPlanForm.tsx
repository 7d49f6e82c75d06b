/** Admin/ops edit of a plan: title, due date, owner and each metric's target; only changed fields are sent. */
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/QueryState.tsx';
import { metricInfo } from '../../../lib/metrics.ts';
import { useAssignees } from '../api/get-assignees.ts';
import type { Plan } from '../api/get-plans.ts';
import type { PlanMetricKey } from '../api/create-plan.ts';
import { useUpdatePlan, type PlanChanges } from '../api/update-plan.ts';

export function EditPlanForm({ plan, onDone }: { plan: Plan; onDone: () => void }) {
  const [title, setTitle] = useState(plan.title);
  const [dueDate, setDueDate] = useState(plan.dueDate);
  const [ownerUserId, setOwnerUserId] = useState(String(plan.ownerUserId));
  const [targets, setTargets] = useState(() =>
    Object.fromEntries(plan.metrics.map((m) => [m.metric, String(m.targetValue)])),
  );
  const assignees = useAssignees(plan.vendorId);
  const update = useUpdatePlan();

  function submit(event: FormEvent) {
    event.preventDefault();
    const changedTargets = plan.metrics
      .filter((m) => Number(targets[m.metric]) !== m.targetValue)
      .map((m) => ({
        // The plan's own metrics, validated as target metrics when the plan was created.
        metric: m.metric as PlanMetricKey,
        targetValue: Number(targets[m.metric]),
      }));
    const changes: PlanChanges = {
      ...(title.trim() !== plan.title ? { title: title.trim() } : {}),
      ...(dueDate !== plan.dueDate ? { dueDate } : {}),
      ...(Number(ownerUserId) !== plan.ownerUserId ? { ownerUserId: Number(ownerUserId) } : {}),
      ...(changedTargets.length ? { targets: changedTargets } : {}),
    };
    if (Object.keys(changes).length === 0) return onDone();
    update.mutate({ id: plan.id, ...changes }, { onSuccess: onDone });
  }

  return (
    <form className="plan-form card" onSubmit={submit} aria-label="Edit plan">
      <div className="field">
        <label htmlFor="edit-plan-title">Title</label>
        <input id="edit-plan-title" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor="edit-plan-due">Due date</label>
          <input id="edit-plan-due" type="date" required value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="edit-plan-owner">Owner</label>
          <select id="edit-plan-owner" value={ownerUserId} onChange={(e) => setOwnerUserId(e.target.value)}>
            {(assignees.data ?? [{ id: plan.ownerUserId, name: plan.ownerName, role: '' }]).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        {plan.metrics.map((m) => {
          const info = metricInfo(m.metric);
          return (
            <div className="field" key={m.metric}>
              <label htmlFor={`edit-plan-target-${m.metric}`}>
                {info?.label ?? m.metric} target ({info?.unit ?? ''})
              </label>
              <input
                id={`edit-plan-target-${m.metric}`}
                type="number"
                step="any"
                min="0"
                required
                value={targets[m.metric] ?? ''}
                onChange={(e) => setTargets((t) => ({ ...t, [m.metric]: e.target.value }))}
              />
            </div>
          );
        })}
      </div>
      {update.isError ? <ErrorMessage error={update.error} /> : null}
      <div className="form-row">
        <button type="submit" className="button primary" disabled={update.isPending}>
          Save changes
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
