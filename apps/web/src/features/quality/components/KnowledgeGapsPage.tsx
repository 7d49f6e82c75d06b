/**
 * Knowledge gaps: root causes named on review answers and on avoidable escalation reviews, ranked by how
 * often they occur per vendor, queue and review week; one click shows the reviews and cases behind a row.
 * The ranking comes a page at a time, with the number of rows it has in all.
 */
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { intParam, useSearchState } from '../../../lib/search-params.ts';
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
            onChange={(e) => update({ weeks: e.target.checked ? 'all' : null, from: null })}
          />{' '}
          Every week
        </label>
      </div>
      {everyWeek || week ? <GapsTable week={everyWeek ? null : week} vendorId={vendorId} /> : <Loading />}
    </section>
  );
}

const PAGE_SIZE = 100;

function GapsTable({ week, vendorId }: { week: string | null; vendorId: number | null }) {
  const [params, update] = useSearchState();
  const offset = intParam(params, 'from', 0);
  const gaps = useKnowledgeGaps(week, vendorId, offset, PAGE_SIZE);
  const [open, setOpen] = useState<string | null>(null);
  if (gaps.isPending) return <Loading label="Ranking root causes…" />;
  if (gaps.isError) return <ErrorMessage error={gaps.error} onRetry={() => void gaps.refetch()} />;
  const { total, gaps: rows } = gaps.data;
  if (total === 0) {
    return <Empty title="No root causes named">No review answer or avoidable escalation named one.</Empty>;
  }
  const goTo = (from: number) => update({ from: from === 0 ? null : String(from) });
  return (
    <section className="card">
      <p className="stats" data-testid="gaps-range">
        Rows <b>{rows.length === 0 ? 0 : offset + 1}</b>–<b>{offset + rows.length}</b> of <b>{total}</b> vendor × queue
        × week groups
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
            {rows.map((g, index) => {
              const key = `${g.vendorId}|${g.queue ?? ''}|${g.week}|${g.rootCause}`;
              return (
                <Fragment key={key}>
                  <tr data-root-cause={g.rootCause} data-vendor={g.vendorName}>
                    <td className="num">{offset + index + 1}</td>
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
      {total > PAGE_SIZE || offset > 0 ? (
        <nav className="toolbar" aria-label="Knowledge-gap pages">
          <button
            type="button"
            className="button small"
            disabled={offset === 0}
            onClick={() => goTo(Math.max(0, offset - PAGE_SIZE))}
          >
            Previous {PAGE_SIZE}
          </button>
          <button
            type="button"
            className="button small"
            disabled={offset + PAGE_SIZE >= total}
            onClick={() => goTo(offset + PAGE_SIZE)}
          >
            Next {PAGE_SIZE}
          </button>
        </nav>
      ) : null}
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
