import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useReportingTimeZone } from '../../../lib/reporting-zone.ts';
import { useSearchState } from '../../../lib/search-params.ts';
import { useCreditExposure, type CreditExposure } from '../api/exposure.ts';
import { useCreditVendors } from '../api/list-vendors.ts';
import { CreditsNav } from './CreditsNav.tsx';
import { formatLevel, metricLabel } from './figures.ts';
import { formatMoney } from './money.ts';
import { VendorPicker } from './VendorPicker.tsx';
import './credits.css';

/** This month so far, projected to its end: what each level is heading for and the credit that would imply. */
export default function ExposurePage() {
  const [params, update] = useSearchState();
  const vendors = useCreditVendors();
  if (vendors.isPending) return <Loading label="Loading vendors…" />;
  if (vendors.isError) return <ErrorMessage error={vendors.error} onRetry={() => void vendors.refetch()} />;
  const vendorId = Number(params.get('vendorId')) || vendors.data.items[0]?.id || null;
  return (
    <section className="page" aria-labelledby="exposure-title">
      <CreditsNav />
      <header className="page-header">
        <div>
          <h1 id="exposure-title">Exposure this month</h1>
          <p className="lede">
            The month so far, the rest projected at the trailing rate of the last 7 days, and the statement those
            figures would give, with the worst and best ends of each level&apos;s interval.
          </p>
        </div>
        <VendorPicker vendors={vendors.data.items} value={vendorId} onChange={(id) => update({ vendorId: id })} />
      </header>
      {vendorId === null ? (
        <Empty title="No vendor">Add a vendor first.</Empty>
      ) : (
        <Exposure
          vendorId={vendorId}
          vendorName={vendors.data.items.find((v) => v.id === vendorId)?.name ?? `vendor ${vendorId}`}
        />
      )}
    </section>
  );
}

const REQUIRED_STATE: Record<string, string> = {
  achievable: '',
  already_met: 'already met',
  already_lost: 'already lost',
  no_remaining_volume: 'no volume left',
  no_target: 'no level',
};

function required(metric: string, r: { rate: number | null; state: string } | null): string {
  if (!r) return '—';
  const rate = r.rate === null ? '' : formatLevel(metric, r.rate);
  const state = REQUIRED_STATE[r.state] ?? r.state;
  return [rate, state].filter(Boolean).join(', ') || '—';
}

function Exposure({ vendorId, vendorName }: { vendorId: number; vendorName: string }) {
  // The API projects this month as the statements count it (in the reporting zone, whatever the browser's zone
  // or clock) and says so when no money terms are in force then.
  const exposure = useCreditExposure(vendorId);
  const timeZone = useReportingTimeZone() ?? 'UTC';
  if (exposure.isPending) return <Loading label="Projecting the month…" />;
  if (exposure.isError) return <ErrorMessage error={exposure.error} onRetry={() => void exposure.refetch()} />;
  if (!exposure.data.termsInForce)
    return (
      <Empty title="No money terms this month">
        No money terms are in force for {vendorName} this month. Without money terms in force there is no credit to
        project.
      </Empty>
    );
  const e = exposure.data;
  return (
    <>
      <section className="card section" aria-labelledby="exposure-levels-title">
        <h2 id="exposure-levels-title">
          {e.month}: day {Math.floor(e.elapsedDays)} of {e.daysInMonth}
        </h2>
        <p className="footnote">
          As of {formatDateTime(e.asOf, timeZone)} ({timeZone}). Volume so far {e.volume.soFar.toLocaleString('en-GB')},
          projected {Math.round(e.volume.projected).toLocaleString('en-GB')}
          {e.volume.forecast === null ? '' : ` (forecast ${e.volume.forecast.toLocaleString('en-GB')})`}; the rest of
          the month from each weekday&apos;s mean over {e.patternWeeks} weeks.
        </p>
        <div className="table-scroll">
          <table className="credits-table" data-testid="exposure-levels">
            <thead>
              <tr>
                <th scope="col">Service level</th>
                <th scope="col" className="num">
                  So far
                </th>
                <th scope="col" className="num">
                  Projected (95 %)
                </th>
                <th scope="col">The rest must run at: expected / minimum</th>
              </tr>
            </thead>
            {e.levels.map((l) => (
              <tbody key={l.metric} data-metric={l.metric}>
                <tr>
                  <th scope="row">
                    {metricLabel(l.metric)}
                    <span className="line-kind">{l.kind === 'critical' ? 'critical' : 'key measurement'}</span>
                  </th>
                  <td className="num">
                    {formatLevel(l.metric, l.soFar.value)}
                    <span className="figure-detail" data-testid="so-far-n">
                      n {l.soFar.n.toLocaleString('en-GB')}
                    </span>
                  </td>
                  <td className="num">
                    {formatLevel(l.metric, l.projected.value)}
                    <span className="figure-detail">n {l.projected.n.toLocaleString('en-GB')}</span>
                    {l.projected.low !== null && l.projected.high !== null ? (
                      <span className="figure-detail">
                        {formatLevel(l.metric, l.projected.low)}–{formatLevel(l.metric, l.projected.high)}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    {required(l.metric, l.requiredForExpected)} / {required(l.metric, l.requiredForMinimum)}
                  </td>
                </tr>
                <tr className="formula-row">
                  <td colSpan={4} className="formula">
                    <span className="formula-label">How:</span> <code>{l.formula}</code>
                  </td>
                </tr>
              </tbody>
            ))}
          </table>
        </div>
      </section>
      <Scenarios exposure={e} />
    </>
  );
}

/** The statement the projection gives, beside the ones at the worst and best ends of every interval. */
function Scenarios({ exposure: e }: { exposure: CreditExposure }) {
  const money = (minor: number | null) => formatMoney(minor, e.currency);
  const scenarios = [
    { key: 'worst', label: 'Worst end', s: e.worst },
    { key: 'projected', label: 'Projected', s: e.projected },
    { key: 'best', label: 'Best end', s: e.best },
  ] as const;
  const line = (s: CreditExposure['projected'], metric: string) => s.lines.find((l) => l.metric === metric);
  return (
    <section className="card section" aria-labelledby="exposure-credit-title">
      <h2 id="exposure-credit-title">The credit it implies</h2>
      <div className="table-scroll">
        <table className="credits-table" data-testid="exposure-scenarios">
          <thead>
            <tr>
              <th scope="col">Service level</th>
              {scenarios.map((c) => (
                <th key={c.key} scope="col" className="num">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {e.projected.lines.map((l) => (
              <tr key={l.metric}>
                <th scope="row">
                  {metricLabel(l.metric)}
                  <span className="line-note">{l.formula}</span>
                </th>
                {scenarios.map((c) => {
                  const at = line(c.s, l.metric);
                  return (
                    <td key={c.key} className="num">
                      {at ? formatLevel(l.metric, at.figure.value) : '—'}
                      <span className="figure-detail">
                        {at ? (at.verdict.isDefault ? 'default' : at.outcome.replaceAll('_', ' ')) : ''}
                      </span>
                      {e.amountsShown && at ? <span className="figure-detail">{money(at.chargedMinor)}</span> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          {e.amountsShown ? (
            <tfoot>
              <tr>
                <th scope="row">Credits charged (after the cap)</th>
                {scenarios.map((c) => (
                  <td key={c.key} className="num" data-testid={`exposure-credits-${c.key}`}>
                    {money(c.s.creditsMinor)}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">Net reduction of the invoice</th>
                {scenarios.map((c) => (
                  <td key={c.key} className="num">
                    {money(c.s.netMinor)}
                  </td>
                ))}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      {e.amountsShown ? null : <p className="footnote">Amounts are not shown to your role.</p>}
    </section>
  );
}
