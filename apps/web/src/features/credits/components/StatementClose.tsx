import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/QueryState.tsx';
import { useCan, useSessionUser } from '../../../lib/session.ts';
import {
  useComputeStatement,
  useDecideDispute,
  useDisputeLine,
  useFinaliseStatement,
  useShareStatement,
  type DisputeInput,
  type Statement,
} from '../api/statements.ts';
import { metricLabel } from './figures.ts';
import { formatMoney, parseMoney } from './money.ts';

/** The next step of the close for finance: recompute and share a draft, finalise once no dispute is open. */
export function CloseActions({ statement }: { statement: Statement }) {
  const canClose = useCan('finance');
  const compute = useComputeStatement();
  const share = useShareStatement();
  const finalise = useFinaliseStatement();
  if (!canClose) return null;
  const open = statement.disputes.filter((d) => d.status === 'open');
  const error = compute.error ?? share.error ?? finalise.error;
  return (
    <div className="close-actions no-print">
      {statement.status === 'draft' ? (
        <>
          <button
            type="button"
            className="button"
            disabled={compute.isPending}
            onClick={() => compute.mutate({ vendorId: statement.vendorId, month: statement.month })}
          >
            Recompute draft
          </button>
          <button
            type="button"
            className="button primary"
            disabled={share.isPending}
            onClick={() => share.mutate(statement.id)}
          >
            Share with the vendor
          </button>
        </>
      ) : null}
      {statement.status === 'shared' || statement.status === 'disputed' ? (
        <button
          type="button"
          className="button primary"
          disabled={finalise.isPending || open.length > 0}
          title={open.length > 0 ? 'Decide the open disputes first' : undefined}
          onClick={() => finalise.mutate(statement.id)}
        >
          Finalise
        </button>
      ) : null}
      {open.length > 0 && statement.status !== 'final' ? (
        <span className="footnote">
          {open.length} open dispute{open.length === 1 ? '' : 's'}: decide {open.length === 1 ? 'it' : 'them'} before
          finalising.
        </span>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
    </div>
  );
}

/** A line disputed once: the vendor's own user, or finance recording a dispute the vendor sent by mail. */
export function DisputeForm({ statement }: { statement: Statement }) {
  const user = useSessionUser();
  const isFinance = useCan('finance');
  const dispute = useDisputeLine();
  const disputed = new Set(statement.disputes.map((d) => d.metric));
  const open = statement.lines.filter((l) => !disputed.has(l.metric));
  const [metric, setMetric] = useState('');
  const [reason, setReason] = useState('');
  const mayDispute = user?.role === 'vendor' || isFinance;
  if (!mayDispute || !['shared', 'disputed'].includes(statement.status) || open.length === 0) return null;
  const chosen = open.some((l) => l.metric === metric) ? metric : (open[0]?.metric ?? '');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    dispute.mutate(
      { id: statement.id, metric: chosen as DisputeInput['metric'], reason: reason.trim() },
      { onSuccess: () => setReason('') },
    );
  };
  return (
    <form className="card credits-form no-print" onSubmit={onSubmit} aria-labelledby="dispute-title">
      <h2 id="dispute-title">{user?.role === 'vendor' ? 'Dispute a line' : 'Record a dispute from the vendor'}</h2>
      <label>
        Line to dispute
        <select value={chosen} onChange={(e) => setMetric(e.target.value)}>
          {open.map((l) => (
            <option key={l.metric} value={l.metric}>
              {metricLabel(l.metric)}
            </option>
          ))}
        </select>
      </label>
      <label className="wide">
        Why the line is wrong
        <textarea required maxLength={2000} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="submit" className="button primary" disabled={dispute.isPending || reason.trim() === ''}>
        Dispute the line
      </button>
      {dispute.isError ? <ErrorMessage error={dispute.error} /> : null}
    </form>
  );
}

/** "accepted in part: 1,000.00 EUR waived" (the amount where the role sees amounts); the other statuses as named. */
export function disputeStatusText(d: { status: string; waivedMinor: number | null }, currency: string): string {
  if (d.status !== 'accepted_in_part') return d.status;
  return d.waivedMinor === null
    ? 'accepted in part'
    : `accepted in part: ${formatMoney(d.waivedMinor, currency)} waived`;
}

/** The disputes with their decisions; finance decides an open one (accepted: the line is waived). */
export function Disputes({ statement }: { statement: Statement }) {
  const canDecide = useCan('finance');
  if (statement.disputes.length === 0) return null;
  return (
    <section className="card section" aria-labelledby="disputes-title">
      <h2 id="disputes-title">Disputes</h2>
      <ul className="dispute-list">
        {statement.disputes.map((d) => (
          <li key={d.metric} data-dispute={d.metric}>
            <p>
              <strong>{metricLabel(d.metric)}</strong>{' '}
              <span className={`badge dispute-${d.status}`} data-testid="dispute-status">
                {disputeStatusText(d, statement.currency)}
              </span>
            </p>
            <p className="quote">{d.reason}</p>
            {d.decisionNote ? <p>Decision: {d.decisionNote}</p> : null}
            {d.status === 'open' && canDecide && statement.status === 'disputed' ? (
              <DecisionForm statement={statement} metric={d.metric} />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function DecisionForm({ statement, metric }: { statement: Statement; metric: string }) {
  const decide = useDecideDispute();
  const [note, setNote] = useState('');
  const [part, setPart] = useState('');
  const charged = statement.lines.find((l) => l.metric === metric)?.chargedMinor ?? null;
  const partMinor = parseMoney(part);
  const partValid = partMinor !== null && partMinor > 0 && charged !== null && partMinor < charged;
  const noReason = note.trim() === '';
  const submit = (accept: boolean, waiveMinor: number | null = null) =>
    decide.mutate({ id: statement.id, metric, accept, note: note.trim() || null, waiveMinor });
  return (
    <form
      className="decision-form no-print"
      aria-label={`Decide the ${metricLabel(metric)} dispute`}
      onSubmit={(e) => e.preventDefault()}
    >
      <label>
        Reason for the decision
        <textarea required maxLength={2000} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="toolbar">
        <button
          type="button"
          className="button primary"
          disabled={decide.isPending || noReason}
          onClick={() => submit(true)}
        >
          Accept: waive the line
        </button>
        {/* In part only where the amount is shown: the lead must see the charge to waive some of it. */}
        {charged !== null && charged > 0 ? (
          <>
            <label className="inline-amount">
              Amount waived ({statement.currency})
              <input
                inputMode="decimal"
                placeholder="1,000.00"
                value={part}
                onChange={(e) => setPart(e.target.value)}
              />
            </label>
            <button
              type="button"
              className="button"
              disabled={decide.isPending || noReason || !partValid}
              title={partValid ? undefined : `An amount above 0 and below ${formatMoney(charged, statement.currency)}`}
              onClick={() => submit(true, partMinor)}
            >
              Accept in part
            </button>
          </>
        ) : null}
        <button
          type="button"
          className="button danger"
          disabled={decide.isPending || noReason}
          onClick={() => submit(false)}
        >
          Reject: the line stands
        </button>
      </div>
      {decide.isError ? <ErrorMessage error={decide.error} /> : null}
    </form>
  );
}
