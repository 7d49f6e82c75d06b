import { Link } from 'react-router';
import { ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { apiUrl } from '../../../lib/api-client.ts';
import { metricInfo } from '../../../lib/metrics.ts';
import { useVendorTerms } from '../api/get-vendor-terms.ts';

/** "Computed under": the terms in force for the vendor-week and the formula of every metric. */
export function VendorTermsPanel({
  vendorId,
  week,
  showLink = true,
}: {
  vendorId: number;
  week: string | null;
  showLink?: boolean;
}) {
  const query = useVendorTerms(vendorId, week);
  if (query.isPending) return <Loading label="Loading contract terms…" />;
  if (query.isError) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const terms = query.data;
  return (
    <section className="card terms-panel" aria-labelledby={`terms-${vendorId}`} data-testid="terms-panel">
      <h2 id={`terms-${vendorId}`}>Computed under these terms ({terms.week})</h2>
      <p>
        {terms.calendarText
          ? `Business hours: ${terms.calendarName} — ${terms.calendarText}.`
          : 'Calendar time: no business-hours calendar in force.'}
        {terms.specificRows.length > 0
          ? ` Other terms for ${terms.specificRows.map((r) => r.queue ?? r.channel).join(', ')}.`
          : ''}{' '}
        {showLink ? <Link to={apiUrl('/terms', { vendorId, week })}>Terms and reconciliation</Link> : null}
      </p>
      <dl className="formulas">
        {Object.entries(terms.formulas).map(([key, text]) => (
          <div key={key}>
            <dt>{metricInfo(key)?.label ?? key}</dt>
            <dd data-metric={key}>{text.replace(/^[^:]+: /, '')}</dd>
          </div>
        ))}
        {terms.statusRule ? (
          <div>
            <dt>Status</dt>
            <dd data-metric="status">{terms.statusRule}</dd>
          </div>
        ) : null}
        {terms.compositeFormula ? (
          <div>
            <dt>Composite</dt>
            <dd data-metric="composite">{terms.compositeFormula.replace(/^[^:]+: /, '')}</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
