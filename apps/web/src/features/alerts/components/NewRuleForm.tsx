/** A new alert rule (admin and ops). A webhook's signing secret is shown once, right after saving. */
import { useState } from 'react';
import { ErrorMessage } from '../../../components/QueryState.tsx';
import { METRIC_INFO } from '../../../lib/metrics.ts';
import { useCreateRule } from '../api/create-rule.ts';
import type { AlertRuleInput, Condition } from '../api/list-rules.ts';
import { useAlertVendorOptions } from '../api/list-vendor-options.ts';
import { CONDITION_TEXT } from './condition-text.ts';

const CONDITIONS = Object.keys(CONDITION_TEXT) as Condition[];

export function NewRuleForm() {
  const vendors = useAlertVendorOptions();
  const create = useCreateRule();
  const [name, setName] = useState('');
  const [vendorId, setVendorId] = useState('');
  // '' is "every contract metric"; the select offers the metrics with a direction only, which a rule takes.
  const [metric, setMetric] = useState<NonNullable<AlertRuleInput['metric']> | ''>('');
  const [condition, setCondition] = useState<Condition>('status');
  const [threshold, setThreshold] = useState('');
  const [minSample, setMinSample] = useState('');
  const [emailTo, setEmailTo] = useState('');
  const [webhookUrl, setWebhookUrl] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="new-rule-title">
      <h2 id="new-rule-title">New rule</h2>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            {
              name,
              vendorId: vendorId ? Number(vendorId) : null,
              metric: metric || null,
              condition,
              threshold: condition === 'required_rate' ? Number(threshold) : null,
              minSample: minSample ? Number(minSample) : null,
              emailTo: emailTo
                .split(/[,\s]+/)
                .map((s) => s.trim())
                .filter(Boolean),
              webhookUrl: webhookUrl || null,
              enabled: true,
            },
            { onSuccess: (saved) => setSecret(saved.webhookSecret) },
          );
        }}
      >
        <div className="field">
          <label htmlFor="rule-name">Name</label>
          <input id="rule-name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="rule-vendor">Vendor</label>
          <select id="rule-vendor" value={vendorId} onChange={(e) => setVendorId(e.target.value)}>
            <option value="">Every vendor</option>
            {(vendors.data ?? []).map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="rule-metric">Metric</label>
          <select
            id="rule-metric"
            value={metric}
            onChange={(e) => setMetric(e.target.value as NonNullable<AlertRuleInput['metric']> | '')}
          >
            <option value="">Every contract metric</option>
            {METRIC_INFO.filter((m) => m.direction !== 'none').map((m) => (
              <option key={m.key} value={m.key}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="rule-condition">Condition</label>
          <select id="rule-condition" value={condition} onChange={(e) => setCondition(e.target.value as Condition)}>
            {CONDITIONS.map((c) => (
              <option key={c} value={c}>
                {CONDITION_TEXT[c]}
              </option>
            ))}
          </select>
        </div>
        {condition === 'required_rate' ? (
          <div className="field">
            <label htmlFor="rule-threshold">Threshold (metric unit)</label>
            <input
              id="rule-threshold"
              type="number"
              min={0}
              step="any"
              required
              value={threshold}
              onChange={(e) => setThreshold(e.target.value)}
            />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="rule-min-sample">Minimum sample</label>
          <input
            id="rule-min-sample"
            type="number"
            min={0}
            placeholder="contract's"
            value={minSample}
            onChange={(e) => setMinSample(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="rule-email">Email to</label>
          <input
            id="rule-email"
            placeholder="lead@example.com"
            value={emailTo}
            onChange={(e) => setEmailTo(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="rule-webhook">Webhook URL</label>
          <input
            id="rule-webhook"
            type="url"
            placeholder="https://…"
            value={webhookUrl}
            onChange={(e) => setWebhookUrl(e.target.value)}
          />
        </div>
        <div className="field field-action">
          <button type="submit" className="button" disabled={create.isPending}>
            Add rule
          </button>
        </div>
      </form>
      {create.isError ? <ErrorMessage error={create.error} /> : null}
      {secret ? (
        <p role="status" data-testid="webhook-secret">
          Webhook signing secret (shown once): <code>{secret}</code>
        </p>
      ) : null}
    </section>
  );
}
