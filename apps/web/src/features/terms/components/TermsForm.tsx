import { useState, type FormEvent } from 'react';
import { CHANNELS } from '@scorecard/domain/channels';
import { ErrorMessage } from '../../../components/QueryState.tsx';
import { METRIC_INFO } from '../../../lib/metrics.ts';
import { useCurrentWeekLabel } from '../../../lib/reporting-zone.ts';
import { useCalendars } from '../api/list-calendars.ts';
import { useSaveTerms, type TermsInput } from '../api/save-terms.ts';

/** Seconds fields of a terms row; an empty field inherits the less specific terms. */
const NUMBERS: [string, string][] = [
  ['slThresholdVoiceSeconds', 'Voice answer threshold (s)'],
  ['slThresholdChatSeconds', 'Chat answer threshold (s)'],
  ['shortAbandonSeconds', 'Short-abandon cut-off (s)'],
  ['asyncSlaSeconds', 'Async SLA (s)'],
  ['repeatWindowSeconds', 'FCR repeat window (s)'],
  ['satisfiedScore', 'Satisfied score (1–5)'],
  ['minSample', 'Minimum sample'],
];
/** The metrics a composite can weigh (those with a good direction); blank weights inherit. */
const WEIGHTED = METRIC_INFO.filter((m) => m.direction !== 'none');
const BASES: [string, string][] = [
  ['frtBasis', 'FRT'],
  ['asyncSlBasis', 'Async service level'],
  ['resolutionBasis', 'Resolution time'],
];

/** Adds a dated terms row for a vendor (optionally one queue or channel); ops and admin only. */
export function TermsForm({ vendorId }: { vendorId: number }) {
  const thisWeek = useCurrentWeekLabel();
  const calendars = useCalendars();
  const save = useSaveTerms();
  const [message, setMessage] = useState<string | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (key: string) => {
      const value = form.get(key);
      return typeof value === 'string' ? value.trim() : '';
    };
    const input: TermsInput = { vendorId, effectiveFrom: text('effectiveFrom') };
    if (text('queue')) input.queue = text('queue');
    if (text('channel')) input.channel = text('channel');
    if (text('calendarId')) input.calendarId = Number(text('calendarId'));
    for (const [key] of BASES) if (text(key)) input[key] = text(key);
    for (const [key] of NUMBERS) if (text(key)) input[key] = Number(text(key));
    if (text('note')) input.note = text('note');
    const weights = Object.fromEntries(
      WEIGHTED.filter((m) => text(`weight-${m.key}`)).map((m) => [m.key, Number(text(`weight-${m.key}`))]),
    );
    if (Object.keys(weights).length > 0) input.compositeWeights = weights;
    save.mutate(input, {
      onSuccess: (result) =>
        setMessage(
          result.recompute
            ? `Saved; recomputing ${result.recompute.vendorWeeks} vendor-week(s).`
            : 'Saved; no weeks to recompute.',
        ),
    });
  };
  return (
    <form className="card terms-form" onSubmit={onSubmit} aria-labelledby="terms-form-title">
      <h2 id="terms-form-title">Add dated terms</h2>
      <label>
        Effective from (ISO week) <input name="effectiveFrom" required pattern="\d{4}-W\d{2}" placeholder={thisWeek} />
      </label>
      <label>
        Queue only <input name="queue" />
      </label>
      <label>
        Channel only{' '}
        <select name="channel" defaultValue="">
          <option value="">all channels</option>
          {CHANNELS.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label>
        Business-hours calendar{' '}
        <select name="calendarId" defaultValue="">
          <option value="">inherit</option>
          {(calendars.data?.items ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}: {c.description}
            </option>
          ))}
        </select>
      </label>
      {BASES.map(([key, label]) => (
        <label key={key}>
          {label} in{' '}
          <select name={key} defaultValue="">
            <option value="">inherit</option>
            <option value="calendar">calendar time</option>
            <option value="business">business hours</option>
          </select>
        </label>
      ))}
      {NUMBERS.map(([key, label]) => (
        <label key={key}>
          {label} <input name={key} type="number" min={0} placeholder="inherit" />
        </label>
      ))}
      <fieldset className="terms-weights">
        <legend>Composite weights (blank: the organisation&apos;s)</legend>
        {WEIGHTED.map((m) => (
          <label key={m.key}>
            {m.label}{' '}
            <input name={`weight-${m.key}`} type="number" min={0} max={1000} step="any" placeholder="inherit" />
          </label>
        ))}
      </fieldset>
      <label>
        Note <input name="note" />
      </label>
      <button type="submit" className="button primary" disabled={save.isPending}>
        Save terms
      </button>
      {save.isError ? <ErrorMessage error={save.error} /> : null}
      {message ? <p role="status">{message}</p> : null}
    </form>
  );
}
