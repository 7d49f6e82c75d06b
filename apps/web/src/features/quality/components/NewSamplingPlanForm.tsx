import { sampleSize, Z_BY_CONFIDENCE, type Confidence } from '@scorecard/domain/quality/sampling';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../../../components/QueryState.tsx';
import { currentWeekLabel, useReportingTimeZone } from '../../../lib/reporting-zone.ts';
import { useForms } from '../api/forms.ts';
import { useCreateSamplingPlan, useReviewers } from '../api/sampling.ts';
import { useVendorOptions } from '../api/vendors.ts';

const CHANNELS = ['voice', 'chat', 'email', 'web', 'social'] as const;

export function NewSamplingPlanForm() {
  const vendors = useVendorOptions();
  const forms = useForms();
  const reviewers = useReviewers(true);
  const timeZone = useReportingTimeZone() ?? 'UTC';
  const create = useCreateSamplingPlan();
  const navigate = useNavigate();
  const [vendorId, setVendorId] = useState('');
  const [queue, setQueue] = useState('');
  const [channel, setChannel] = useState('');
  const [periodKind, setPeriodKind] = useState<'week' | 'month'>('week');
  const [period, setPeriod] = useState('');
  const [formId, setFormId] = useState('');
  const [margin, setMargin] = useState(5);
  const [confidence, setConfidence] = useState<Confidence>(0.95);
  const [doubleAudit, setDoubleAudit] = useState(0);
  const [chosen, setChosen] = useState<number[]>([]);
  const published = (forms.data ?? []).filter((f) => f.status === 'published');
  const periodValue = period || (periodKind === 'week' ? currentWeekLabel(timeZone) : '');
  const n0 = ((Z_BY_CONFIDENCE[confidence] * 50) / margin) ** 2;
  const ready = vendorId && formId && periodValue && chosen.length > 0 && margin > 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      {
        vendorId: Number(vendorId),
        ...(queue.trim() ? { queue: queue.trim() } : {}),
        ...(channel ? { channel: channel as (typeof CHANNELS)[number] } : {}),
        period: periodValue,
        formId: Number(formId),
        marginPoints: margin,
        confidence,
        doubleAuditShare: doubleAudit / 100,
        reviewerUserIds: chosen,
      },
      { onSuccess: (plan) => void navigate(`/quality/sampling/${plan.id}`) },
    );
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-plan-title">
      <h2 id="new-plan-title">New sampling plan</h2>
      <div className="grid-3">
        <div className="field">
          <label htmlFor="plan-vendor">Vendor</label>
          <select id="plan-vendor" required value={vendorId} onChange={(e) => setVendorId(e.target.value)}>
            <option value="">Choose…</option>
            {(vendors.data ?? []).map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="plan-queue">Queue (optional)</label>
          <input id="plan-queue" maxLength={200} value={queue} onChange={(e) => setQueue(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="plan-channel">Channel (optional)</label>
          <select id="plan-channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
            <option value="">Every channel</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="plan-period-kind">Period</label>
          <select
            id="plan-period-kind"
            value={periodKind}
            onChange={(e) => {
              setPeriodKind(e.target.value as 'week' | 'month');
              setPeriod('');
            }}
          >
            <option value="week">Week</option>
            <option value="month">Month</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="plan-period">{periodKind === 'week' ? 'Week' : 'Month'} (cases that arrived in it)</label>
          <input
            id="plan-period"
            type={periodKind}
            required
            value={periodValue}
            onChange={(e) => setPeriod(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="plan-form">Form</label>
          <select id="plan-form" required value={formId} onChange={(e) => setFormId(e.target.value)}>
            <option value="">Choose…</option>
            {published.map((f) => (
              <option key={f.id} value={f.id}>
                {f.content.name} (v{f.version})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="plan-margin">Margin (± points of the score)</label>
          <input
            id="plan-margin"
            type="number"
            min={0.5}
            max={50}
            step={0.5}
            value={margin}
            onChange={(e) => setMargin(Number(e.target.value))}
          />
        </div>
        <div className="field">
          <label htmlFor="plan-confidence">Confidence</label>
          <select
            id="plan-confidence"
            value={confidence}
            onChange={(e) => setConfidence(Number(e.target.value) as Confidence)}
          >
            {Object.keys(Z_BY_CONFIDENCE).map((c) => (
              <option key={c} value={c}>
                {Math.round(Number(c) * 100)} %
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="plan-double">Double audit (% of the vendor QA&apos;s reviews)</label>
          <input
            id="plan-double"
            type="number"
            min={0}
            max={100}
            value={doubleAudit}
            onChange={(e) => setDoubleAudit(Number(e.target.value))}
          />
        </div>
      </div>
      <fieldset className="form-section">
        <legend>Reviewers (cases are assigned in turn)</legend>
        {(reviewers.data ?? []).map((r) => (
          <label key={r.id} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(r.id)}
              onChange={(e) => setChosen((c) => (e.target.checked ? [...c, r.id] : c.filter((id) => id !== r.id)))}
            />{' '}
            {r.name || r.email}
          </label>
        ))}
      </fieldset>
      {margin > 0 ? (
        <p className="formula" data-testid="sample-size-rule">
          n₀ = (z × 50 ÷ e)² = ({Z_BY_CONFIDENCE[confidence].toFixed(2)} × 50 ÷ {margin})² = {n0.toFixed(1)}; of N cases
          in scope n = ⌈n₀N ÷ (n₀ + N − 1)⌉, e.g. {sampleSize(margin, confidence, 1000)} of 1,000 — never more than N.
        </p>
      ) : null}
      {create.isError ? <ErrorMessage error={create.error} /> : null}
      <div className="toolbar">
        <button type="submit" className="button primary" disabled={!ready || create.isPending}>
          Draw the sample
        </button>
      </div>
    </form>
  );
}
