import type { FormEvent } from 'react';
import { ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { TimeZoneInput } from '../../../components/TimeZoneInput.tsx';
import { metricInfo } from '../../../lib/metrics.ts';
import { useDraft } from '../../../lib/use-draft.ts';
import { useMetricSettings, type MetricSettings } from '../api/get-metric-settings.ts';
import { useUpdateMetricSettings } from '../api/update-metric-settings.ts';

// Labels for the settings the docs/definitions.md names; anything else the API returns is shown under its own name.
const LABELS: Record<string, string> = {
  reportingTimeZone: 'Reporting time zone',
  slThresholdVoiceSeconds: 'Service level threshold, voice (seconds)',
  slThresholdChatSeconds: 'Service level threshold, chat (seconds)',
  asyncSlaSeconds: 'First-response SLA, email/web/social (seconds)',
  shortAbandonSeconds: 'Short abandon cut-off (seconds)',
  repeatWindowSeconds: 'Repeat-contact window (seconds)',
  satisfiedScore: 'Satisfied CSAT score (1–5 scale)',
  minSample: 'Minimum sample',
  planAchievedAfterWeeks: 'Plan achieved after (weeks met)',
  compositeWeights: 'Composite weights',
  shareRankWithVendors: 'Show vendor users their rank and case-mix-adjusted figures',
};
const READ_ONLY = new Set(['updatedAt', 'id']);

function label(key: string): string {
  return LABELS[key] ?? key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
}

/** Edits the settings document as the API returns it and sends it back whole (PUT). Admins only. */
export function MetricSettingsForm() {
  const query = useMetricSettings();
  const save = useUpdateMetricSettings();
  const [draft, setDraft] = useDraft(query);
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  if (!draft) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = Object.fromEntries(Object.entries(draft).filter(([key]) => !READ_ONLY.has(key)));
    save.mutate(body);
  };
  const set = (key: string, value: MetricSettings[string]) => setDraft({ ...draft, [key]: value });
  return (
    <form className="card" onSubmit={submit} aria-labelledby="metric-settings-title">
      <h2 id="metric-settings-title">Metric settings</h2>
      <fieldset disabled={save.isPending} style={{ border: 0, padding: 0, margin: 0 }}>
        <div className="grid-3">
          {Object.entries(draft)
            .filter(([key]) => !READ_ONLY.has(key))
            .map(([key, value]) =>
              typeof value === 'object' ? (
                <fieldset key={key} className="card weights-fieldset">
                  <legend>{label(key)}</legend>
                  {Object.entries(value).map(([metric, weight]) => (
                    <div className="field" key={metric}>
                      <label htmlFor={`setting-${key}-${metric}`}>{metricInfo(metric)?.label ?? metric}</label>
                      <input
                        id={`setting-${key}-${metric}`}
                        type="number"
                        min={0}
                        step="any"
                        value={weight}
                        onChange={(e) => set(key, { ...value, [metric]: Number(e.target.value) })}
                      />
                    </div>
                  ))}
                </fieldset>
              ) : typeof value === 'boolean' ? (
                <div className="field" key={key}>
                  <label htmlFor={`setting-${key}`}>
                    <input
                      id={`setting-${key}`}
                      type="checkbox"
                      checked={value}
                      onChange={(e) => set(key, e.target.checked)}
                    />{' '}
                    {label(key)}
                  </label>
                </div>
              ) : key === 'reportingTimeZone' ? (
                <div className="field" key={key}>
                  <label htmlFor={`setting-${key}`}>{label(key)}</label>
                  <TimeZoneInput id={`setting-${key}`} value={String(value)} onChange={(zone) => set(key, zone)} />
                </div>
              ) : (
                <div className="field" key={key}>
                  <label htmlFor={`setting-${key}`}>{label(key)}</label>
                  <input
                    id={`setting-${key}`}
                    type={typeof value === 'number' ? 'number' : 'text'}
                    step="any"
                    value={value}
                    onChange={(e) => set(key, typeof value === 'number' ? Number(e.target.value) : e.target.value)}
                  />
                </div>
              ),
            )}
        </div>
        <p>
          <button type="submit" className="button primary">
            Save settings
          </button>
        </p>
      </fieldset>
      {save.isSuccess ? (
        <p role="status" className="hint">
          {save.data.recompute ? 'Saved; metrics are being recomputed.' : 'Saved.'}
        </p>
      ) : null}
      {save.isError ? <ErrorMessage error={save.error} /> : null}
    </form>
  );
}
