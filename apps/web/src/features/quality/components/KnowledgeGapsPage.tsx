/**
 * Knowledge gaps: root causes named on review answers and on avoidable escalation reviews, ranked by how
 * often they occur per vendor, queue and review week; one click shows the reviews and cases behind a row.
 */
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { useSearchState } from '../../../lib/search-params.ts';
import { useKnowledgeGaps, type KnowledgeGap } from '../api/insights.ts';
import { useReviews } from '../api/reviews.ts';
import { rootCauseLabel } from './labels.ts';
import { QualityTabs } from './QualityTabs.tsx';
import { ReviewsTable } from './ReviewsTable.tsx';
import { useQualityWeek, useVendorParam } from './week.ts';
import { WeekFilters } from './WeekFilters.tsx';

export default function KnowledgeGapsPage() {
  const { week } = useQualityWeek();
  const [params, update] = useSearchState();
  const everyWeek = params.get('weeks') === 'all';
  const [vendorId] = useVendorParam();
  return (
    <section className="page" aria-labelledby="gaps-title">
      <header className="page-header">
        <div>
          <h1 id="gaps-title">Knowledge gaps</h1>
          <p className="lede">
            Why audits fail and escalations were avoidable: root causes ranked by occurrences, for the SOP and training
            teams.
          </p>
        </div>
      </header>
      <QualityTabs />
      <div className="toolbar">
        {everyWeek ? null : <WeekFilters idPrefix="gaps" />}
        <label className="checkbox">
          <input
            type="checkbox"
            checked={everyWeek}
            onChange={(e) => update({ weeks: e.target.checked ? 'all' : null })}
          />{' '}
          Every week
        </label>
      </div>
      {everyWeek || week ? <GapsTable week={everyWeek ? null : week} vendorId={vendorId} /> : <Loading />}
    </section>
  );
}

function GapsTable({ week, vendorId }: { week: string | null; vendorId: number | null }) {
  const gaps = useKnowledgeGaps(week, vendorId);
  const [open, setOpen] = useState<string | null>(null);
  if (gaps.isPending) return <Loading label="Ranking root causes…" />;
  if (gaps.isError) return <ErrorMessage error={gaps.error} onRetry={() => void gaps.refetch()} />;
  if (gaps.data.length === 0) {
    return <Empty title="No root causes named">No review answer or avoidable escalation named one.</Empty>;
  }
  const total = gaps.data.reduce((sum, g) => sum + g.occurrences, 0);
  return (
    <section className="card">
      <p className="stats">
        <b>{total}</b> root causes named in <b>{gaps.data.length}</b> vendor × queue × week groups
      </p>
      <div className="table-scroll">
        <table data-testid="gaps-table">
          <thead>
            <tr>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col">Root cause</th>
              <th scope="col">Vendor</th>
              <th scope="col">Queue</th>
              <th scope="col">Week</th>
              <th scope="col" className="num">
                Occurrences
              </th>
              <th scope="col">Behind it</th>
            </tr>
          </thead>
          <tbody>
            {gaps.data.map((g, index) => {
              const key = `${g.vendorId}|${g.queue ?? ''}|${g.week}|${g.rootCause}`;
              return (
                <Fragment key={key}>
                  <tr data-root-cause={g.rootCause} data-vendor={g.vendorName}>
                    <td className="num">{index + 1}</td>
                    <th scope="row">{rootCauseLabel(g.rootCause)}</th>
                    <td>{g.vendorName}</td>
                    <td>{g.queue ?? '—'}</td>
                    <td>{g.week}</td>
                    <td className="num" data-testid="occurrences">
                      {g.occurrences}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button small"
                        aria-expanded={open === key}
                        onClick={() => setOpen(open === key ? null : key)}
                      >
                        {plural(g.reviewIds.length, 'review')} · {plural(g.escalationReviewIds.length, 'escalation')} ·{' '}
                        {plural(g.caseIds.length, 'case')}
                      </button>
                    </td>
                  </tr>
                  {open === key ? (
                    <tr className="gap-detail">
                      <td colSpan={7}>
                        <GapEvidence gap={g} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function GapEvidence({ gap }: { gap: KnowledgeGap }) {
  const reviews = useReviews({ week: gap.week, vendorId: gap.vendorId }, gap.reviewIds.length > 0);
  const behind = (reviews.data ?? []).filter((r) => gap.reviewIds.includes(r.id));
  const reviewedCases = new Set(behind.map((r) => r.caseId));
  const otherCases = gap.caseIds.filter((id) => !reviewedCases.has(id));
  return (
    <div data-testid="gap-evidence">
      {gap.reviewIds.length > 0 ? (
        reviews.isPending ? (
          <Loading />
        ) : reviews.isError ? (
          <ErrorMessage error={reviews.error} />
        ) : (
          <ReviewsTable reviews={behind} caption={`Reviews naming ${rootCauseLabel(gap.rootCause)}`} />
        )
      ) : null}
      {otherCases.length > 0 ? (
        <p>
          Escalated cases marked avoidable:{' '}
          {otherCases.map((id, i) => (
            <Fragment key={id}>
              {i > 0 ? ', ' : ''}
              <Link to={`/quality/cases/${id}`}>case {id}</Link>
            </Fragment>
          ))}
        </p>
      ) : null}
    </div>
  );
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
