import { useState, type FormEvent } from 'react';
import { formText } from './form-text.ts';
import { ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useReportingTimeZone, zonedInputToIso } from '../../../lib/reporting-zone.ts';
import { METRIC_INFO } from '../../../lib/metrics.ts';
import { useAgreeReliefEvent, useCreateReliefEvent, useReliefEvents, type ReliefEventInput } from '../api/inputs.ts';
import { metricLabel } from './figures.ts';

const EXCUSABLE = METRIC_INFO.filter((m) => m.key !== 'volume');

/** Case ids typed as "12, 15 19" → [12, 15, 19]; null when any is not a positive whole number. */
function parseCaseIds(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const ids = parts.map(Number);
  return ids.every((id) => Number.isSafeInteger(id) && id > 0) ? ids : null;
}

/** Relief events of a vendor: recorded with the metrics they excuse; they excuse nothing until agreed. */
export function ReliefEvents({ vendorId }: { vendorId: number }) {
  const events = useReliefEvents(vendorId);
  const create = useCreateReliefEvent();
  const agree = useAgreeReliefEvent(vendorId);
  const timeZone = useReportingTimeZone();
  const [problem, setProblem] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (key: string) => formText(form, key);
    const metrics = form.getAll('metrics').filter((v) => typeof v === 'string') as ReliefEventInput['metrics'];
    const caseIds = parseCaseIds(text('caseIds'));
    if (timeZone === undefined) return setProblem('The reporting time zone is still loading; try again.');
    // The times are typed in the reporting zone (the zone a statement's month is counted in), whatever the
    // browser's own zone; the API takes instants.
    const startsAt = zonedInputToIso(text('startsAt'), timeZone);
    const endsAt = zonedInputToIso(text('endsAt'), timeZone);
    if (metrics.length === 0) return setProblem('Name at least one metric the event excuses.');
    if (caseIds === null) return setProblem('Linked cases must be case ids (whole numbers), separated by commas.');
    if (startsAt === null || endsAt === null) return setProblem('Enter when the event started and ended.');
    if (!(Date.parse(endsAt) > Date.parse(startsAt))) return setProblem('The event must end after it starts.');
    setProblem(null);
    create.mutate(
      {
        vendorId,
        title: text('title'),
        startsAt,
        endsAt,
        metrics,
        caseIds,
        agreed: form.get('agreed') === 'on',
      },
      { onSuccess: () => setFormKey((k) => k + 1) },
    );
  };
  return (
    <section className="card section" aria-labelledby="relief-events-title">
      <h2 id="relief-events-title">Relief events</h2>
      {events.isPending ? (
        <Loading label="Loading relief events…" />
      ) : events.isError ? (
        <ErrorMessage error={events.error} onRetry={() => void events.refetch()} />
      ) : events.data.items.length === 0 ? (
        <p>No relief events recorded.</p>
      ) : (
        <table className="credits-table" data-testid="relief-events">
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">From ({timeZone ?? 'UTC'})</th>
              <th scope="col">Until ({timeZone ?? 'UTC'})</th>
              <th scope="col">Excuses</th>
              <th scope="col">Linked cases</th>
              <th scope="col">Client agreement</th>
            </tr>
          </thead>
          <tbody>
            {events.data.items.map((e) => (
              <tr key={e.id}>
                <th scope="row">{e.title}</th>
                <td>{formatDateTime(e.startsAt, timeZone ?? 'UTC')}</td>
                <td>{formatDateTime(e.endsAt, timeZone ?? 'UTC')}</td>
                <td>{e.metrics.map(metricLabel).join(', ')}</td>
                <td>{e.caseIds.length === 0 ? 'none' : e.caseIds.join(', ')}</td>
                <td>
                  {e.agreedAt ? (
                    `agreed ${formatDateTime(e.agreedAt, timeZone ?? 'UTC')}`
                  ) : (
                    <button
                      type="button"
                      className="button small"
                      disabled={agree.isPending}
                      onClick={() => agree.mutate(e.id)}
                    >
                      Record agreement
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {agree.isError ? <ErrorMessage error={agree.error} /> : null}
      <p className="footnote">
        An event excuses its metrics in every month it touches, once the client has agreed it; drafts computed after the
        agreement show the line excused with the event&apos;s title.
      </p>
      <form key={formKey} className="credits-form" onSubmit={onSubmit} aria-labelledby="relief-form-title">
        <h3 id="relief-form-title">Record a relief event</h3>
        <label className="wide">
          What happened
          <input name="title" required maxLength={200} placeholder="Client telephony outage" />
        </label>
        <label>
          From ({timeZone ?? '…'})
          <input name="startsAt" type="datetime-local" required />
        </label>
        <label>
          Until ({timeZone ?? '…'})
          <input name="endsAt" type="datetime-local" required />
        </label>
        <p className="footnote wide">
          Times are in the organisation&apos;s reporting time zone, {timeZone ?? '…'}: the zone a statement&apos;s month
          is counted in.
        </p>
        <label>
          Linked case ids (optional)
          <input name="caseIds" placeholder="1042, 1043" />
        </label>
        <fieldset>
          <legend>Metrics it excuses</legend>
          {EXCUSABLE.map((m) => (
            <label key={m.key} className="check">
              <input type="checkbox" name="metrics" value={m.key} /> {m.label}
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input type="checkbox" name="agreed" /> The client has agreed it
        </label>
        <button type="submit" className="button primary" disabled={create.isPending || timeZone === undefined}>
          Record event
        </button>
        {problem ? (
          <p role="alert" className="state state-error">
            {problem}
          </p>
        ) : null}
        {create.isError ? <ErrorMessage error={create.error} /> : null}
      </form>
    </section>
  );
}
