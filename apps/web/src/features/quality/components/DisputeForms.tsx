/**
 * The vendor's dispute of an internal review (per criterion: a proposed answer and a comment) and the ops
 * decision on it (each disputed criterion accepted or not, with a reason; the status follows from them).
 */
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/QueryState.tsx';
import { useDecideDispute, useDisputeReview, type ReviewDetail } from '../api/reviews.ts';
import { AnswerSelect } from './AnswerSelect.tsx';
import { answerText } from './labels.ts';

type Proposal = { disputed: boolean; value: number | null | undefined; comment: string };

export function DisputeForm({ detail }: { detail: ReviewDetail }) {
  const criteria = detail.form.content.sections.flatMap((s) => s.criteria);
  const [proposals, setProposals] = useState<Record<string, Proposal>>({});
  const [comment, setComment] = useState('');
  const dispute = useDisputeReview(detail.review.id);
  const chosen = criteria.filter((c) => proposals[c.key]?.disputed);
  const ready =
    chosen.length > 0 && chosen.every((c) => proposals[c.key]!.value !== undefined) && comment.trim() !== '';
  const set = (key: string, change: Partial<Proposal>) =>
    setProposals((p) => ({ ...p, [key]: { disputed: false, value: undefined, comment: '', ...p[key], ...change } }));

  function submit(event: FormEvent) {
    event.preventDefault();
    dispute.mutate({
      comment,
      items: chosen.map((c) => ({
        criterionKey: c.key,
        proposedValue: proposals[c.key]!.value ?? null,
        ...(proposals[c.key]!.comment.trim() ? { comment: proposals[c.key]!.comment } : {}),
      })),
    });
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby="dispute-form-title">
      <h2 id="dispute-form-title">Dispute this review</h2>
      <p className="hint">Tick each criterion you disagree with and propose the answer you think is right.</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col">Reviewer&apos;s answer</th>
            <th scope="col">Your answer</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {criteria.map((c) => {
            const p = proposals[c.key];
            return (
              <tr key={c.key} data-criterion={c.key}>
                <th scope="row">
                  <label>
                    <input
                      type="checkbox"
                      checked={p?.disputed ?? false}
                      onChange={(e) => set(c.key, { disputed: e.target.checked })}
                    />{' '}
                    {c.title}
                  </label>
                </th>
                <td>{answerText(detail.answers[c.key]?.value, c.scale)}</td>
                <td>
                  {p?.disputed ? (
                    <AnswerSelect
                      id={`proposed-${c.key}`}
                      label={`Proposed answer for ${c.title}`}
                      criterion={c}
                      value={p.value}
                      onChange={(value) => set(c.key, { value })}
                    />
                  ) : null}
                </td>
                <td>
                  {p?.disputed ? (
                    <input
                      aria-label={`Comment on ${c.title}`}
                      maxLength={5000}
                      value={p.comment}
                      onChange={(e) => set(c.key, { comment: e.target.value })}
                    />
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="field">
        <label htmlFor="dispute-comment">Comment</label>
        <textarea
          id="dispute-comment"
          rows={3}
          required
          maxLength={5000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      {dispute.isError ? <ErrorMessage error={dispute.error} /> : null}
      <div className="toolbar">
        <button type="submit" className="button primary" disabled={!ready || dispute.isPending}>
          Open dispute
        </button>
      </div>
    </form>
  );
}

export function DecisionForm({ detail }: { detail: ReviewDetail }) {
  const dispute = detail.dispute!;
  const criteria = new Map(detail.form.content.sections.flatMap((s) => s.criteria).map((c) => [c.key, c]));
  const [verdicts, setVerdicts] = useState<Record<string, boolean>>({});
  const [reason, setReason] = useState('');
  const decide = useDecideDispute(dispute.id);
  const ready = dispute.items.every((i) => verdicts[i.criterionKey] !== undefined) && reason.trim() !== '';
  const accepted = dispute.items.filter((i) => verdicts[i.criterionKey]).length;
  const outcome = accepted === dispute.items.length ? 'accepted' : accepted === 0 ? 'rejected' : 'partly accepted';

  function submit(event: FormEvent) {
    event.preventDefault();
    decide.mutate({
      reason,
      items: dispute.items.map((i) => ({ criterionKey: i.criterionKey, accepted: verdicts[i.criterionKey]! })),
    });
  }

  return (
    <form onSubmit={submit} aria-labelledby="decision-title" className="decision-form">
      <h3 id="decision-title">Decide</h3>
      {dispute.items.map((item) => {
        const c = criteria.get(item.criterionKey);
        const name = `verdict-${item.criterionKey}`;
        return (
          <fieldset key={item.criterionKey} data-criterion={item.criterionKey}>
            <legend>
              {c?.title ?? item.criterionKey}: {c ? answerText(detail.answers[item.criterionKey]?.value, c.scale) : ''}{' '}
              → {c ? answerText(item.proposedValue, c.scale) : String(item.proposedValue)}
            </legend>
            <label>
              <input
                type="radio"
                name={name}
                checked={verdicts[item.criterionKey] === true}
                onChange={() => setVerdicts((v) => ({ ...v, [item.criterionKey]: true }))}
              />{' '}
              Accept
            </label>{' '}
            <label>
              <input
                type="radio"
                name={name}
                checked={verdicts[item.criterionKey] === false}
                onChange={() => setVerdicts((v) => ({ ...v, [item.criterionKey]: false }))}
              />{' '}
              Reject
            </label>
          </fieldset>
        );
      })}
      <div className="field">
        <label htmlFor="decision-reason">Reason</label>
        <textarea
          id="decision-reason"
          rows={3}
          required
          maxLength={5000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      {decide.isError ? <ErrorMessage error={decide.error} /> : null}
      <div className="toolbar">
        <button type="submit" className="button primary" disabled={!ready || decide.isPending}>
          {ready ? `Decide: ${outcome}` : 'Decide'}
        </button>
      </div>
    </form>
  );
}
