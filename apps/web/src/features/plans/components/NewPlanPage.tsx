/**
 * New plan form. Opened from a missed scorecard cell (`?vendorId&metric&week`), it is pre-filled with the
 * vendor, the metric, the baseline week and value, and the scorecard's target; everything stays editable.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { METRIC_INFO } from '../../../lib/metrics.ts';
import { useCurrentWeekLabel } from '../../../lib/reporting-zone.ts';
import { useSearchState } from '../../../lib/search-params.ts';
import { useSessionUser } from '../../../lib/session.ts';
import { useCreatePlan, type PlanMetricKey } from '../api/create-plan.ts';
import { useAssignees } from '../api/get-assignees.ts';
import { usePlanPrefill } from '../api/get-plan-prefill.ts';
import { useVendorOptions } from '../api/get-vendor-options.ts';
import './plans.css';

const PLAN_METRICS = METRIC_INFO.filter((m) => m.direction !== 'none');

function inWeeks(weeks: number): string {
  return new Date(Date.now() + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
}

const round = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(Math.round(value * 100) / 100);

export default function NewPlanPage() {
  const thisWeek = useCurrentWeekLabel();
  const [params] = useSearchState();
  const fromCell =
    params.get('vendorId') && params.get('metric') && params.get('week')
      ? { vendorId: Number(params.get('vendorId')), metric: params.get('metric')!, week: params.get('week')! }
      : null;
  const prefill = usePlanPrefill(fromCell);
  const vendors = useVendorOptions();
  const user = useSessionUser();
  const navigate = useNavigate();
  const create = useCreatePlan();

  const [vendorId, setVendorId] = useState<number | null>(fromCell?.vendorId ?? null);
  // A scorecard cell opens the form only for a metric with a target; the select offers only those.
  const [metric, setMetric] = useState((fromCell?.metric ?? 'csat') as PlanMetricKey);
  const [baselineWeek, setBaselineWeek] = useState(fromCell?.week ?? '');
  const [baselineValue, setBaselineValue] = useState('');
  const [targetValue, setTargetValue] = useState('');
  const [dueDate, setDueDate] = useState(inWeeks(8));
  const [ownerUserId, setOwnerUserId] = useState<number | null>(user?.id ?? null);
  const [status, setStatus] = useState<'active' | 'draft'>('active');
  const [title, setTitle] = useState('');
  const assignees = useAssignees(vendorId);

  // The scorecard's figures arrive once; they fill the fields the lead has not typed in yet.
  useEffect(() => {
    if (!prefill.data) return;
    setBaselineValue((v) => v || round(prefill.data.baselineValue));
    setTargetValue((v) => v || round(prefill.data.targetValue));
  }, [prefill.data]);

  if (fromCell && prefill.isPending) return <Loading label="Reading the scorecard…" />;
  const unit = METRIC_INFO.find((m) => m.key === metric)?.unit ?? '%';

  function submit(event: FormEvent) {
    event.preventDefault();
    if (vendorId === null || ownerUserId === null) return;
    create.mutate(
      {
        vendorId,
        baselineWeek,
        dueDate,
        ownerUserId,
        status,
        ...(title.trim() ? { title: title.trim() } : {}),
        metrics: [
          {
            metric,
            targetValue: Number(targetValue),
            ...(baselineValue !== '' ? { baselineValue: Number(baselineValue) } : {}),
          },
        ],
      },
      { onSuccess: (detail) => void navigate(`/plans/${detail.plan.id}`) },
    );
  }

  return (
    <section className="page" aria-labelledby="new-plan-title">
      <p>
        <Link to="/plans">← Plans</Link>
      </p>
      <h1 id="new-plan-title">Open improvement plan</h1>
      {prefill.data ? (
        <p className="lede">
          From the scorecard: {prefill.data.vendorName}, {prefill.data.metricLabel} in {prefill.data.baselineWeek}.
        </p>
      ) : null}
      {prefill.isError ? <ErrorMessage error={prefill.error} /> : null}
      <form className="plan-form card" onSubmit={submit} aria-label="New improvement plan">
        <div className="field">
          <label htmlFor="plan-vendor">Vendor</label>
          <select
            id="plan-vendor"
            required
            value={vendorId ?? ''}
            onChange={(e) => setVendorId(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">Choose a vendor</option>
            {(vendors.data ?? []).map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="plan-metric">Metric</label>
          <select id="plan-metric" value={metric} onChange={(e) => setMetric(e.target.value as PlanMetricKey)}>
            {PLAN_METRICS.map((m) => (
              <option key={m.key} value={m.key}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor="plan-baseline-week">Baseline week</label>
            <input
              id="plan-baseline-week"
              required
              pattern="\d{4}-W\d{2}"
              placeholder={thisWeek}
              value={baselineWeek}
              onChange={(e) => setBaselineWeek(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="plan-baseline-value">Baseline value ({unit})</label>
            <input
              id="plan-baseline-value"
              type="number"
              step="any"
              value={baselineValue}
              onChange={(e) => setBaselineValue(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="plan-target-value">Target value ({unit})</label>
            <input
              id="plan-target-value"
              type="number"
              step="any"
              min="0"
              required
              value={targetValue}
              onChange={(e) => setTargetValue(e.target.value)}
            />
          </div>
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor="plan-due">Due date</label>
            <input id="plan-due" type="date" required value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="plan-owner">Owner</label>
            <select
              id="plan-owner"
              required
              value={ownerUserId ?? ''}
              onChange={(e) => setOwnerUserId(e.target.value ? Number(e.target.value) : null)}
            >
              <option value="">Choose an owner</option>
              {(assignees.data ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.role})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="plan-status-new">Start as</label>
            <select
              id="plan-status-new"
              value={status}
              onChange={(e) => setStatus(e.target.value as 'active' | 'draft')}
            >
              <option value="active">Active</option>
              <option value="draft">Draft (hidden from the vendor)</option>
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor="plan-title">Title (optional)</label>
          <input id="plan-title" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        {create.isError ? <ErrorMessage error={create.error} /> : null}
        <div>
          <button type="submit" className="button primary" disabled={create.isPending}>
            Create plan
          </button>
        </div>
      </form>
    </section>
  );
}
