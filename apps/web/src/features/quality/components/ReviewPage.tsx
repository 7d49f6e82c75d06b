/**
 * One review: the answers with their root causes, the score under the form's rule, the dispute (the vendor
 * opens it within the window; ops decide it) and every step's history.
 */
import { Link, useParams } from 'react-router';
import { ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useReportingTimeZone } from '../../../lib/reporting-zone.ts';
import { useCan, useSessionUser } from '../../../lib/session.ts';
import { useReview, type ReviewDetail } from '../api/reviews.ts';
import { DecisionForm, DisputeForm } from './DisputeForms.tsx';
import { answerText, DISPUTE_STATUS_LABELS, rootCauseLabel } from './labels.ts';
import { QualityTabs } from './QualityTabs.tsx';
import { ReviewHistory } from './ReviewHistory.tsx';
import { ScoreBox } from './ScoreBox.tsx';

export default function ReviewPage() {
  const id = Number(useParams().id);
  const detail = useReview(id);
  return (
    <section className="page" aria-labelledby="review-title">
      <header className="page-header">
        <div>
          <h1 id="review-title">Review #{id}</h1>
          {detail.data ? (
            <p className="lede">
              {detail.data.review.reviewerKind === 'internal' ? 'Internal QA' : "The vendor's own QA"} on{' '}
              {detail.data.form.content.name} v{detail.data.form.version}; counts in week {detail.data.review.week}{' '}
              (case week {detail.data.review.caseWeek}).
            </p>
          ) : null}
        </div>
      </header>
      <QualityTabs />
      {detail.isPending ? (
        <Loading label="Loading the review…" />
      ) : detail.isError ? (
        <ErrorMessage error={detail.error} />
      ) : (
        <ReviewBody detail={detail.data} />
      )}
    </section>
  );
}

function ReviewBody({ detail }: { detail: ReviewDetail }) {
  const { review, form, answers, dispute } = detail;
  const timeZone = useReportingTimeZone() ?? 'UTC';
  const user = useSessionUser();
  const isStaff = useCan('ops');
  const items = new Map((dispute?.items ?? []).map((item) => [item.criterionKey, item]));
  const windowOpen = detail.disputableUntil !== null && Date.parse(detail.disputableUntil) > Date.now();
  const mayDispute = user?.role === 'vendor' && review.reviewerKind === 'internal' && !dispute && windowOpen;
  return (
    <>
      <section className="card" aria-labelledby="review-summary-title">
        <h2 id="review-summary-title">
          Case{' '}
          <Link to={`/quality/cases/${review.caseId}`}>
            <code>{review.caseExternalId}</code>
          </Link>
        </h2>
        <p>
          {review.caseQueue ?? 'no queue'} · {review.caseChannel} · reviewed{' '}
          {formatDateTime(review.reviewedAt, timeZone)}
          {review.reviewerName ? ` by ${review.reviewerName}` : ''}
        </p>
        <ScoreBox score={review.score} fatal={review.fatal} rule={form.rule} />
        {review.feedback ? (
          <blockquote className="feedback" data-testid="review-feedback">
            {review.feedback}
          </blockquote>
        ) : null}
      </section>
      <section className="card" aria-labelledby="answers-title">
        <h2 id="answers-title">Answers</h2>
        <div className="table-scroll">
          <table data-testid="answers-table">
            <thead>
              <tr>
                <th scope="col">Section</th>
                <th scope="col">Criterion</th>
                <th scope="col">Answer</th>
                <th scope="col">Root cause</th>
                {dispute ? <th scope="col">Disputed</th> : null}
              </tr>
            </thead>
            <tbody>
              {form.content.sections.flatMap((section) =>
                section.criteria.map((c) => {
                  const item = items.get(c.key);
                  return (
                    <tr key={c.key} data-criterion={c.key}>
                      <td>
                        {section.title} <span className="role">×{section.weight}</span>
                      </td>
                      <th scope="row">
                        {c.title}
                        {c.critical ? <span className="sub-line">critical</span> : null}
                      </th>
                      <td>{answerText(answers[c.key]?.value, c.scale)}</td>
                      <td>{rootCauseLabel(answers[c.key]?.rootCause)}</td>
                      {dispute ? (
                        <td>
                          {item ? (
                            <>
                              proposed {answerText(item.proposedValue, c.scale)}
                              {item.comment ? <span className="sub-line">“{item.comment}”</span> : null}
                              <span className="sub-line">
                                {item.accepted === null ? 'undecided' : item.accepted ? 'accepted' : 'rejected'}
                              </span>
                            </>
                          ) : (
                            '—'
                          )}
                        </td>
                      ) : null}
                    </tr>
                  );
                }),
              )}
            </tbody>
          </table>
        </div>
      </section>
      {dispute ? (
        <section className="card" aria-labelledby="dispute-title">
          <h2 id="dispute-title">
            Dispute{' '}
            <span className={`badge dispute-${dispute.status}`} data-testid="dispute-status">
              {DISPUTE_STATUS_LABELS[dispute.status]}
            </span>
          </h2>
          <p>
            Opened {formatDateTime(dispute.openedAt, timeZone)}: “{dispute.comment}”
          </p>
          {dispute.reason ? (
            <p>
              Decided {formatDateTime(dispute.decidedAt, timeZone)}: “{dispute.reason}”
            </p>
          ) : null}
          {dispute.status === 'open' && isStaff ? <DecisionForm detail={detail} /> : null}
        </section>
      ) : mayDispute ? (
        <DisputeForm detail={detail} />
      ) : user?.role === 'vendor' && review.reviewerKind === 'internal' && detail.disputableUntil ? (
        <p className="hint">The dispute window closed {formatDateTime(detail.disputableUntil, timeZone)}.</p>
      ) : null}
      {detail.disputableUntil && !dispute && windowOpen ? (
        <p className="hint">Disputable until {formatDateTime(detail.disputableUntil, timeZone)}.</p>
      ) : null}
      <ReviewHistory detail={detail} />
    </>
  );
}
