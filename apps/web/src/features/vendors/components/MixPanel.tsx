import { ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatChange, formatValue } from '../../../lib/format.ts';
import { METRIC_INFO } from '../../../lib/metrics.ts';
import { useSessionUser } from '../../../lib/session.ts';
import { useVendorMix } from '../api/get-vendor-mix.ts';

/**
 * How much of the vendor's gap to the other vendors (pooled) comes from its case mix and how much from its
 * performance within the same queue × channel × tier (Kitagawa decomposition, docs/metrics.md). Not shown to
 * vendor users: the API answers 404 to them.
 */
export function MixPanel({ vendorId, week }: { vendorId: number; week: string | null }) {
  const user = useSessionUser();
  const allowed = user !== null && user.role !== 'vendor';
  const mix = useVendorMix(vendorId, week, allowed);
  if (!allowed) return null;
  const rows = METRIC_INFO.flatMap((metric) => {
    const m = mix.data?.metrics[metric.key];
    return m && m.gap !== null ? [{ metric, m }] : [];
  });
  return (
    <section className="card" aria-labelledby="mix-title" data-testid="mix-panel">
      <h2 id="mix-title">Gap to the other vendors: case mix or performance?{mix.data ? ` (${mix.data.week})` : ''}</h2>
      {mix.isPending ? (
        <Loading label="Loading the gap decomposition…" />
      ) : mix.isError ? (
        <ErrorMessage error={mix.error} onRetry={() => void mix.refetch()} />
      ) : rows.length === 0 ? (
        <p>No metric with data for this vendor and the others in this week.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">This vendor</th>
              <th scope="col">Others (pooled)</th>
              <th scope="col">Gap</th>
              <th scope="col">from mix</th>
              <th scope="col">from performance</th>
              <th scope="col">unmatched strata</th>
              <th scope="col">Adjusted value</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ metric, m }) => (
              <tr key={metric.key} data-metric={metric.key}>
                <th scope="row">{metric.label}</th>
                <td>{formatValue(m.value, metric.unit)}</td>
                <td>{formatValue(m.others, metric.unit)}</td>
                <td>{formatChange(m.gap, metric.unit)}</td>
                <td data-part="mix">{formatChange(m.mix, metric.unit)}</td>
                <td data-part="performance">{formatChange(m.performance, metric.unit)}</td>
                <td>{formatChange(m.unmatched, metric.unit)}</td>
                <td>
                  {formatValue(m.adjusted, metric.unit)}
                  {m.uncoveredShare ? (
                    <span className="sub"> {(m.uncoveredShare * 100).toFixed(0)} % of the mix not served</span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="footnote">
        Gap = mix + performance + unmatched. Mix: the part explained by a different share of queue × channel × tier;
        performance: the difference in the vendor&apos;s own results within the strata both serve; unmatched: strata
        only one side served.
      </p>
    </section>
  );
}
