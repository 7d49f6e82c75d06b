import { Link } from 'react-router';
import { SortHeader, type SortOrder } from '../../../components/SortHeader.tsx';
import { InfoIcon } from '../../../components/InfoIcon.tsx';
import { OverdueFlag } from '../../../components/OverdueFlag.tsx';
import type { Scorecard, TermSet, VendorScorecard } from '../api/get-scorecard.ts';
import { MetricCellView } from './MetricCellView.tsx';

export type ScorecardSort = string; // 'rank', 'vendor', 'composite' or a metric key

/** Sorting happens here: the table is one week of a handful of vendors. Empty values sort last. */
export function sortVendors(
  vendors: readonly VendorScorecard[],
  sort: ScorecardSort,
  order: SortOrder,
): VendorScorecard[] {
  const key = (v: VendorScorecard): number | string | null => {
    if (sort === 'vendor') return v.vendorName.toLocaleLowerCase();
    if (sort === 'rank') return v.rank ?? null;
    if (sort === 'composite') return v.composite ?? null;
    return v.metrics[sort]?.value ?? null;
  };
  return [...vendors].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null && kb === null) return a.vendorName.localeCompare(b.vendorName);
    if (ka === null) return 1;
    if (kb === null) return -1;
    const cmp = ka < kb ? -1 : ka > kb ? 1 : 0;
    return order === 'asc' ? cmp : -cmp;
  });
}

/** Vendors whose quality figures were scored under other rules than the first listed vendor's. */
function QualityComparability({ vendors }: { vendors: readonly VendorScorecard[] }) {
  const differing = vendors.filter((v) => v.qualityComparable === false);
  if (differing.length === 0) return null;
  const rules = vendors
    .filter((v) => v.qualityRules?.length)
    .map((v) => `${v.vendorName}: ${v.qualityRules!.join(' and ')}`)
    .join('\n');
  return (
    <p className="warning-text" data-testid="quality-not-comparable" title={rules}>
      Quality figures scored under different rules, not comparable: {differing.map((v) => v.vendorName).join(', ')}
    </p>
  );
}

export function ScorecardTable({
  scorecard,
  sort,
  order,
  onSort,
  queue,
  channel,
  hiddenMetrics,
}: {
  scorecard: Scorecard;
  /** Metric columns the column chooser hides. */
  hiddenMetrics: ReadonlySet<string>;
  sort: ScorecardSort;
  order: SortOrder;
  onSort: (sort: string, order: SortOrder) => void;
  queue: string;
  channel: string;
}) {
  const vendors = sortVendors(scorecard.vendors, sort, order);
  const metrics = scorecard.metrics.filter((metric) => !hiddenMetrics.has(metric.key));
  return (
    <>
      <QualityComparability vendors={vendors} />
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`Scorecard table, week ${scorecard.week}`}>
        <table className="scorecard-table" data-testid="scorecard-table" data-week={scorecard.week}>
          <caption className="visually-hidden">
            Vendor scorecard for week {scorecard.week} (starting {scorecard.weekStart}); select a value to see the cases
            behind it
          </caption>
          <thead>
            <tr>
              <SortHeader column="rank" sort={sort} order={order} onSort={onSort} className="col-rank">
                Rank
              </SortHeader>
              <SortHeader column="vendor" sort={sort} order={order} onSort={onSort} className="col-vendor sticky">
                Vendor
              </SortHeader>
              <SortHeader column="composite" sort={sort} order={order} onSort={onSort}>
                Composite
              </SortHeader>
              {metrics.map((metric) => (
                <SortHeader
                  key={metric.key}
                  column={metric.key}
                  sort={sort}
                  order={order}
                  onSort={onSort}
                  className="col-metric"
                >
                  {metric.label}
                  <span className="unit">{metric.unit === 'count' || metric.unit === 'points' ? '' : metric.unit}</span>
                </SortHeader>
              ))}
            </tr>
          </thead>
          <tbody>
            {vendors.map((vendor) => {
              const terms: TermSet | undefined = scorecard.termSets[vendor.termSet];
              return (
                <tr key={vendor.vendorId} data-vendor={vendor.vendorName}>
                  <td className="col-rank">{vendor.rank ?? '—'}</td>
                  <th scope="row" className="col-vendor sticky">
                    <Link to={`/vendors/${vendor.vendorId}?week=${encodeURIComponent(scorecard.week)}`}>
                      <span className="vendor-name" title={vendor.vendorName}>
                        {vendor.vendorName}
                      </span>
                    </Link>
                    <OverdueFlag vendorId={vendor.vendorId} />
                  </th>
                  <td className="composite">
                    {vendor.composite === undefined ? (
                      <span
                        title={['No metric with a target and a status', terms?.compositeFormula]
                          .filter(Boolean)
                          .join('. ')}
                      >
                        —
                      </span>
                    ) : (
                      <span title={terms?.compositeFormula} data-formula={terms?.compositeFormula}>
                        {vendor.composite.toFixed(1)}
                        {terms?.compositeFormula ? <InfoIcon /> : null}
                      </span>
                    )}
                    {vendor.adjustedComposite != null ? (
                      <span className="sub" title="Composite with every rate adjusted to the all-vendor case mix">
                        adjusted {vendor.adjustedComposite.toFixed(1)}
                      </span>
                    ) : null}
                  </td>
                  {metrics.map((metric) => (
                    <MetricCellView
                      key={metric.key}
                      cell={vendor.metrics[metric.key]}
                      formula={terms?.formulas[metric.key]}
                      statusRule={metric.direction === 'none' ? undefined : terms?.statusRule}
                      metric={metric}
                      vendorId={vendor.vendorId}
                      week={scorecard.week}
                      queue={queue}
                      channel={channel}
                    />
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
