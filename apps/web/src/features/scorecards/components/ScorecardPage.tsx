import { useEffect, useRef } from 'react';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import type { SortOrder } from '../../../components/SortHeader.tsx';
import { useSearchState } from '../../../lib/search-params.ts';
import { useScorecard, type RankBy } from '../api/get-scorecard.ts';
import { downloadScorecard } from './export-scorecard.ts';
import { ScorecardFilters } from './ScorecardFilters.tsx';
import { RankByToggle } from './RankByToggle.tsx';
import { ScorecardTable } from './ScorecardTable.tsx';
import { ColumnChooser } from './ColumnChooser.tsx';
import { useHiddenMetrics } from './column-choice.ts';
import { WeekPicker } from './WeekPicker.tsx';
import { WeekToDateLink } from './WeekToDateLink.tsx';

export function ScorecardPage() {
  const [params, update] = useSearchState();
  const week = params.get('week') ?? '';
  const queue = params.get('queue') ?? '';
  const channel = params.get('channel') ?? '';
  const sort = params.get('sort') ?? 'rank';
  const order: SortOrder = params.get('order') === 'desc' ? 'desc' : 'asc';
  const rankBy: RankBy = params.get('rankBy') === 'adjusted' ? 'adjusted' : 'raw';
  // Without a week the API answers for the newest complete week with data (never the partial current week).
  const query = useScorecard({ week: week || null, queue: queue || null, channel: channel || null, rankBy });
  const scorecard = query.data;
  const [hiddenMetrics, toggleMetric] = useHiddenMetrics();
  usePaintMark(Boolean(scorecard && scorecard.vendors.length > 0));

  return (
    <section className="page" aria-labelledby="scorecard-title">
      <header className="page-header">
        <div>
          <h1 id="scorecard-title">Weekly scorecard</h1>
          <p className="lede">
            {scorecard
              ? `Week ${scorecard.week}, from Monday ${scorecard.weekStart}`
              : 'Every vendor against its targets'}
            {scorecard?.partial ? (
              <span className="badge badge-partial" data-testid="partial-week">
                Partial week: still collecting cases
              </span>
            ) : null}
            {query.isFetching && scorecard ? <span className="refreshing"> · updating…</span> : null}
          </p>
        </div>
        <div className="toolbar">
          {scorecard && scorecard.availableWeeks.length > 0 ? (
            <WeekPicker
              weeks={scorecard.availableWeeks}
              value={scorecard.week}
              currentWeek={scorecard.currentWeek}
              onChange={(w) => update({ week: w })}
            />
          ) : null}
          <ScorecardFilters queue={queue} channel={channel} onChange={(changes) => update(changes)} />
          {scorecard ? (
            <ColumnChooser metrics={scorecard.metrics} hidden={hiddenMetrics} onToggle={toggleMetric} />
          ) : null}
          <RankByToggle value={rankBy} onChange={(value) => update({ rankBy: value === 'raw' ? null : value })} />
          <WeekToDateLink />
          <div className="field field-action">
            <button
              type="button"
              className="button"
              disabled={!scorecard?.vendors.length}
              onClick={() => scorecard && downloadScorecard(scorecard)}
            >
              Export CSV
            </button>
          </div>
        </div>
      </header>
      {query.isPending ? (
        <Loading label="Loading the scorecard…" />
      ) : query.isError && !scorecard ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : scorecard && scorecard.vendors.length === 0 ? (
        <Empty title={scorecard.availableWeeks.length ? `No vendor has data in ${scorecard.week}` : 'No data yet'}>
          {scorecard.availableWeeks.length
            ? 'Pick another week or clear the filters.'
            : 'Import a help-desk export on the Imports page; the scorecard appears when the worker has computed it.'}
        </Empty>
      ) : scorecard ? (
        <>
          {query.isError ? <ErrorMessage error={query.error} onRetry={() => void query.refetch()} /> : null}
          <ScorecardTable
            scorecard={scorecard}
            sort={sort}
            order={order}
            onSort={(s, o) => update({ sort: s, order: o })}
            queue={queue}
            channel={channel}
            hiddenMetrics={hiddenMetrics}
          />
          <p className="footnote">
            Status: met = at or better than target; at risk = worse but within 5 %; low sample = under the minimum
            sample, value shown without status. Composite 0–100 weighs attainment of the metrics that have a target.
            {rankBy === 'adjusted'
              ? ' Ranked by the case-mix-adjusted composite: each rate as if the vendor had handled the all-vendor mix of queue × channel × tier this week.'
              : ''}{' '}
            A bold arrow marks a week-over-week change beyond noise (95 %); hover or focus a value for its interval.
          </p>
        </>
      ) : null}
    </section>
  );
}

/** Marks the first paint of a filled scorecard, for the dashboard benchmark (performance entry 'scorecard-painted'). */
function usePaintMark(ready: boolean) {
  const marked = useRef(false);
  useEffect(() => {
    if (!ready || marked.current) return;
    marked.current = true;
    requestAnimationFrame(() => performance.mark('scorecard-painted'));
  }, [ready]);
}
