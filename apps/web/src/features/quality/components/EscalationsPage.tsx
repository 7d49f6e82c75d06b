/**
 * The week's escalated cases (by arrival) per vendor: ops mark each avoidable or valid with a root cause
 * and feedback; the vendor's user sees its own and acknowledges them. A revision clears the acknowledgement.
 */
import { STANDARD_ROOT_CAUSES } from '@scorecard/domain/quality/forms';
import { useState, type FormEvent } from 'react';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { instantToZonedInput, useReportingTimeZone, zonedInputToIso } from '../../../lib/reporting-zone.ts';
import { useCan, useSessionUser } from '../../../lib/session.ts';
import { useAcknowledgeEscalation, useEscalations, useReviewEscalation, type EscalatedCase } from '../api/insights.ts';
import { useVendorOptions } from '../api/vendors.ts';
import { rootCauseLabel } from './labels.ts';
import { QualityTabs } from './QualityTabs.tsx';
import { useQualityWeek, useVendorParam } from './week.ts';
import { WeekFilters } from './WeekFilters.tsx';

export default function EscalationsPage() {
  const { week } = useQualityWeek();
  const [vendorId] = useVendorParam();
  return (
    <section className="page" aria-labelledby="escalations-title">
      <header className="page-header">
        <div>
          <h1 id="escalations-title">Escalation reviews</h1>
          <p className="lede">
            Every case escalated to the in-house team, by the week it arrived: avoidable or valid, and why.
          </p>
        </div>
      </header>
      <QualityTabs />
      <WeekFilters idPrefix="escalations" />
      {week ? <EscalationQueue week={week} vendorId={vendorId} /> : <Loading />}
    </section>
  );
}

function EscalationQueue({ week, vendorId }: { week: string; vendorId: number | null }) {
  const queue = useEscalations(week, vendorId);
  const vendors = useVendorOptions();
  const timeZone = useReportingTimeZone() ?? 'UTC';
  const isStaff = useCan('ops');
  const isVendor = useSessionUser()?.role === 'vendor';
  const acknowledge = useAcknowledgeEscalation();
  const vendorName = (id: number) => vendors.data?.find((v) => v.id === id)?.name ?? `#${id}`;
  if (queue.isPending) return <Loading label="Loading escalations…" />;
  if (queue.isError) return <ErrorMessage error={queue.error} onRetry={() => void queue.refetch()} />;
  if (queue.data.length === 0) return <Empty title={`No escalated cases arrived in ${week}`} />;
  const reviewed = queue.data.filter((c) => c.review).length;
  const avoidable = queue.data.filter((c) => c.review?.verdict === 'avoidable').length;
  return (
    <section className="card">
      <p className="stats" data-testid="escalation-counts">
        <b>{queue.data.length}</b> escalated · <b>{reviewed}</b> reviewed · <b>{avoidable}</b> avoidable
      </p>
      {acknowledge.isError ? <ErrorMessage error={acknowledge.error} /> : null}
      <div className="table-scroll">
        <table data-testid="escalations-table">
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Vendor</th>
              <th scope="col">Queue</th>
              <th scope="col">Arrived</th>
              <th scope="col">Verdict</th>
              <th scope="col">Acknowledged</th>
            </tr>
          </thead>
          <tbody>
            {queue.data.map((c) => (
              <tr key={c.caseId} data-case={c.externalId}>
                <th scope="row">
                  <code>{c.externalId}</code>
                </th>
                <td>{vendorName(c.vendorId)}</td>
                <td>
                  {c.queue ?? '—'} · {c.channel}
                </td>
                <td>{formatDateTime(c.createdAt, timeZone)}</td>
                <td>
                  {c.review ? (
                    <>
                      <span className={`badge ${c.review.verdict === 'avoidable' ? 'badge-missed' : 'badge-met'}`}>
                        {c.review.verdict}
                      </span>{' '}
                      {rootCauseLabel(c.review.rootCause)}
                      {c.review.feedback ? <span className="sub-line">“{c.review.feedback}”</span> : null}
                      <span className="sub-line hint">counts in {c.review.week}</span>
                    </>
                  ) : (
                    'not reviewed'
                  )}
                  {isStaff ? <VerdictForm escalated={c} timeZone={timeZone} /> : null}
                </td>
                <td>
                  {c.review?.acknowledgedAt ? (
                    formatDateTime(c.review.acknowledgedAt, timeZone)
                  ) : c.review && isVendor ? (
                    <button
                      type="button"
                      className="button small"
                      disabled={acknowledge.isPending}
                      onClick={() => acknowledge.mutate(c.caseId)}
                    >
                      Acknowledge
                    </button>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** `timeZone` is the reporting zone: the "reviewed at" field shows and reads its wall clock (the review's week). */
function VerdictForm({ escalated, timeZone }: { escalated: EscalatedCase; timeZone: string }) {
  const [verdict, setVerdict] = useState(escalated.review?.verdict ?? 'avoidable');
  const [rootCause, setRootCause] = useState(escalated.review?.rootCause ?? STANDARD_ROOT_CAUSES[0]);
  const [feedback, setFeedback] = useState(escalated.review?.feedback ?? '');
  // Kept as an instant, not as the field's text, so a zone that loads after the form still shows the same moment.
  const [reviewedAt, setReviewedAt] = useState<string | null>(() => new Date().toISOString());
  const save = useReviewEscalation();
  const id = `escalation-${escalated.caseId}`;
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({
      caseId: escalated.caseId,
      body: {
        verdict: verdict === 'valid' ? 'valid' : 'avoidable',
        rootCause,
        feedback,
        ...(reviewedAt === null ? {} : { reviewedAt }),
      },
    });
  }
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Verdict on ${escalated.externalId}`}>
      <select aria-label="Verdict" id={`${id}-verdict`} value={verdict} onChange={(e) => setVerdict(e.target.value)}>
        <option value="avoidable">Avoidable</option>
        <option value="valid">Valid</option>
      </select>
      <select aria-label="Root cause" value={rootCause} onChange={(e) => setRootCause(e.target.value)}>
        {STANDARD_ROOT_CAUSES.map((cause) => (
          <option key={cause} value={cause}>
            {rootCauseLabel(cause)}
          </option>
        ))}
      </select>
      <input
        aria-label="Feedback"
        placeholder="Feedback to the vendor"
        maxLength={20000}
        value={feedback}
        onChange={(e) => setFeedback(e.target.value)}
      />
      <input
        type="datetime-local"
        aria-label={`Reviewed at (${timeZone})`}
        required
        max={instantToZonedInput(new Date(), timeZone)}
        value={reviewedAt === null ? '' : instantToZonedInput(new Date(reviewedAt), timeZone)}
        onChange={(e) => setReviewedAt(zonedInputToIso(e.target.value, timeZone))}
      />
      <button type="submit" className="button small" disabled={save.isPending}>
        {escalated.review ? 'Revise' : 'Save'}
      </button>
      {save.isError ? <ErrorMessage error={save.error} /> : null}
    </form>
  );
}
