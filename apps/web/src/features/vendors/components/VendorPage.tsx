import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { apiUrl } from '../../../lib/api-client.ts';
import { METRIC_INFO } from '../../../lib/metrics.ts';
import { useSearchState } from '../../../lib/search-params.ts';
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension } from '../api/get-vendor-breakdown.ts';
import { useVendorTrends, type TrendWeeks } from '../api/get-vendor-trends.ts';
import { BreakdownTable } from './BreakdownTable.tsx';
import { TrendChart } from './TrendChart.tsx';
import { MixPanel } from './MixPanel.tsx';
import { OverdueFlag } from '../../../components/OverdueFlag.tsx';

const PERIODS: TrendWeeks[] = [12, 26, 52];

/** One vendor's page; `contractTerms` renders another feature's panel below (composed by app/routes/VendorRoute). */
export function VendorPage({
  contractTerms,
}: {
  contractTerms?: (view: { vendorId: number; week: string | null }) => ReactNode;
}) {
  const vendorId = Number(useParams().id);
  const [params, update] = useSearchState();
  const week = params.get('week');
  const weeks = PERIODS.find((p) => String(p) === params.get('weeks')) ?? 12;
  const byParam = params.get('by');
  const by: BreakdownDimension = BREAKDOWN_DIMENSIONS.find((d) => d === byParam) ?? 'queue';
  const trends = useVendorTrends(vendorId, weeks, week);

  if (!Number.isInteger(vendorId) || vendorId <= 0) {
    return (
      <section className="page">
        <Empty title="No such vendor" />
      </section>
    );
  }
  const data = trends.data;
  return (
    <section className="page" aria-labelledby="vendor-title">
      <p>
        <Link to={apiUrl('/', { week })}>← Scorecard</Link>
      </p>
      <header className="page-header">
        <div>
          <h1 id="vendor-title">
            {data?.vendorName ?? 'Vendor'} <OverdueFlag vendorId={vendorId} />
          </h1>
          <p className="lede">
            Weekly trends{week ? ` up to ${week}` : ''} against target ·{' '}
            <Link to={apiUrl('/cases', { vendorId, week })}>all cases</Link>
          </p>
        </div>
        <div className="segmented" role="group" aria-label="Trend period">
          {PERIODS.map((p) => (
            <button key={p} type="button" aria-pressed={p === weeks} onClick={() => update({ weeks: p })}>
              {p} weeks
            </button>
          ))}
        </div>
      </header>
      {trends.isPending ? (
        <Loading label="Loading trends…" />
      ) : trends.isError && !data ? (
        <ErrorMessage error={trends.error} onRetry={() => void trends.refetch()} />
      ) : data && data.weeks.length ? (
        <div className="grid-3" data-testid="trend-charts">
          {METRIC_INFO.map((metric) => {
            const series = data.series[metric.key];
            return series ? <TrendChart key={metric.key} metric={metric} series={series} vendorId={vendorId} /> : null;
          })}
        </div>
      ) : (
        <Empty title="No weekly data for this vendor yet" />
      )}
      <MixPanel vendorId={vendorId} week={week} />
      <BreakdownTable vendorId={vendorId} week={week} by={by} onByChange={(d) => update({ by: d })} />
      {contractTerms?.({ vendorId, week })}
    </section>
  );
}
