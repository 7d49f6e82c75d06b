import { applyRates } from '@scorecard/domain/credits/money';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { currentMonth, useReportingTimeZone } from '../../../lib/reporting-zone.ts';
import { useCan } from '../../../lib/session.ts';
import { useSearchState } from '../../../lib/search-params.ts';
import { useCreditVendors } from '../api/list-vendors.ts';
import { useCreditSettings, useCreditTerms, useSaveCreditSettings, type CreditTerms } from '../api/money-terms.ts';
import { formatLevel, metricLabel } from './figures.ts';
import { formatBp, formatMoney } from './money.ts';
import { MoneyTermsForm } from './MoneyTermsForm.tsx';
import { VendorPicker } from './VendorPicker.tsx';
import { CreditsNav } from './CreditsNav.tsx';
import './credits.css';

/** Money terms per vendor, dated by month (finance): the terms in force, their history, and new dated terms. */
export default function MoneyTermsPage() {
  const [params, update] = useSearchState();
  const vendors = useCreditVendors();
  const terms = useCreditTerms();
  const timeZone = useReportingTimeZone();
  if (vendors.isPending || terms.isPending || timeZone === undefined) return <Loading label="Loading money terms…" />;
  if (vendors.isError) return <ErrorMessage error={vendors.error} onRetry={() => void vendors.refetch()} />;
  if (terms.isError) return <ErrorMessage error={terms.error} onRetry={() => void terms.refetch()} />;
  const vendorId = Number(params.get('vendorId')) || vendors.data.items[0]?.id || null;
  const rows = terms.data.items
    .filter((t) => t.vendorId === vendorId)
    .sort((a, b) => b.effectiveMonth.localeCompare(a.effectiveMonth));
  // In force this month as the statements count months: in the reporting zone.
  const thisMonth = currentMonth(timeZone);
  const current = rows.find((t) => t.effectiveMonth <= thisMonth) ?? null;
  return (
    <section className="page" aria-labelledby="money-terms-title">
      <CreditsNav />
      <header className="page-header">
        <div>
          <h1 id="money-terms-title">Money terms</h1>
          <p className="lede">
            What a missed critical service level costs: the invoice, the share at risk, each level&apos;s allocation and
            the rules for defaults, earn-back and bonus. Dated by month, like the other contract terms.
          </p>
        </div>
        <VendorPicker vendors={vendors.data.items} value={vendorId} onChange={(id) => update({ vendorId: id })} />
      </header>
      <AmountsSetting />
      {vendorId === null ? (
        <Empty title="No vendor">Add a vendor first.</Empty>
      ) : (
        <>
          {current ? (
            <TermsInForce terms={current} />
          ) : (
            <Empty title="No money terms in force">
              No statement can be computed for this vendor until terms apply.
            </Empty>
          )}
          {rows.length > 0 ? <TermsHistory rows={rows} /> : null}
          <MoneyTermsForm
            key={`${vendorId}-${current?.id ?? 'none'}`}
            vendorId={vendorId}
            current={current}
            thisMonth={thisMonth}
          />
        </>
      )}
    </section>
  );
}

function TermsInForce({ terms }: { terms: CreditTerms }) {
  const money = (minor: number) => formatMoney(minor, terms.currency);
  const atRisk = applyRates(terms.invoiceMinor, terms.atRiskBp);
  return (
    <section className="card section" aria-labelledby="in-force-title" data-testid="money-terms-in-force">
      <h2 id="in-force-title">In force since {terms.effectiveMonth}</h2>
      <dl className="terms-facts">
        <div>
          <dt>Monthly invoice</dt>
          <dd>{money(terms.invoiceMinor)}</dd>
        </div>
        <div>
          <dt>At risk</dt>
          <dd>
            {formatBp(terms.atRiskBp)} = {money(atRisk)}
          </dd>
        </div>
        <div>
          <dt>Pool</dt>
          <dd>{formatBp(terms.poolBp)}</dd>
        </div>
        <div>
          <dt>Cap</dt>
          <dd>{terms.capBp === null ? 'the at-risk amount' : formatBp(terms.capBp)}</dd>
        </div>
        <div>
          <dt>Default rule</dt>
          <dd>
            expected level missed {terms.defaultRule.misses} times in {terms.defaultRule.windowMonths} months; minimum
            missed: at once
          </dd>
        </div>
        <div>
          <dt>Earn-back</dt>
          <dd>{terms.earnBackMonths === null ? 'none' : `after ${terms.earnBackMonths} months met`}</dd>
        </div>
        <div>
          <dt>Bonus</dt>
          <dd>{terms.bonusBp === null ? 'none' : `${formatBp(terms.bonusBp)} of the invoice`}</dd>
        </div>
        <div>
          <dt>Volume relief outside</dt>
          <dd>
            {formatBp(terms.volumeLowBp)}–{formatBp(terms.volumeHighBp)} of the forecast
          </dd>
        </div>
      </dl>
      {terms.note ? <p className="footnote">{terms.note}</p> : null}
      <div className="table-scroll">
        <table className="credits-table">
          <thead>
            <tr>
              <th scope="col">Service level</th>
              <th scope="col">Kind</th>
              <th scope="col" className="num">
                Expected
              </th>
              <th scope="col" className="num">
                Minimum
              </th>
              <th scope="col" className="num">
                Allocation
              </th>
              <th scope="col" className="num">
                Credit if in default
              </th>
              <th scope="col" className="num">
                Bonus level
              </th>
              <th scope="col">Volume relief</th>
            </tr>
          </thead>
          <tbody>
            {terms.levels.map((l) => (
              <tr key={l.metric}>
                <th scope="row">{metricLabel(l.metric)}</th>
                <td>{l.kind === 'critical' ? 'critical' : 'key measurement'}</td>
                <td className="num">{formatLevel(l.metric, l.expected)}</td>
                <td className="num">{formatLevel(l.metric, l.minimum)}</td>
                <td className="num">{l.kind === 'critical' ? formatBp(l.allocationBp) : '—'}</td>
                <td className="num">
                  {l.kind === 'critical' ? money(applyRates(terms.invoiceMinor, terms.atRiskBp, l.allocationBp)) : '—'}
                </td>
                <td className="num">{formatLevel(l.metric, l.bonusLevel ?? l.expected)}</td>
                <td>{l.volumeSensitive ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function TermsHistory({ rows }: { rows: readonly CreditTerms[] }) {
  return (
    <section className="card section" aria-labelledby="money-history-title">
      <h2 id="money-history-title">History</h2>
      <div className="table-scroll">
        <table className="credits-table">
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col" className="num">
                Invoice
              </th>
              <th scope="col" className="num">
                At risk
              </th>
              <th scope="col" className="num">
                Pool
              </th>
              <th scope="col" className="num">
                Cap
              </th>
              <th scope="col">Default rule</th>
              <th scope="col">Earn-back</th>
              <th scope="col">Bonus</th>
              <th scope="col">Levels</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => (
              <tr key={t.id}>
                <th scope="row">
                  {t.effectiveMonth}
                  {t.version > 1 ? <span className="line-note">version {t.version}</span> : null}
                </th>
                <td className="num">{formatMoney(t.invoiceMinor, t.currency)}</td>
                <td className="num">{formatBp(t.atRiskBp)}</td>
                <td className="num">{formatBp(t.poolBp)}</td>
                <td className="num">{t.capBp === null ? 'at risk' : formatBp(t.capBp)}</td>
                <td>
                  {t.defaultRule.misses} in {t.defaultRule.windowMonths} months
                </td>
                <td>{t.earnBackMonths === null ? 'none' : `${t.earnBackMonths} months`}</td>
                <td>{t.bonusBp === null ? 'none' : formatBp(t.bonusBp)}</td>
                <td>{t.levels.map((l) => `${metricLabel(l.metric)} (${l.kind})`).join(', ')}</td>
                <td>{t.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Admin only: whether ops see amounts on statements (finance, admins and the vendor itself always do). */
function AmountsSetting() {
  const isAdmin = useCan('admin');
  const settings = useCreditSettings(isAdmin);
  const save = useSaveCreditSettings();
  if (!isAdmin || !settings.data) return null;
  return (
    <div className="card credits-setting">
      <label className="check">
        <input
          type="checkbox"
          checked={settings.data.hideAmountsFromOps}
          disabled={save.isPending}
          onChange={(e) => save.mutate({ hideAmountsFromOps: e.target.checked })}
        />
        Hide amounts from ops (they still see the levels, figures and defaults)
      </label>
      {save.isError ? <ErrorMessage error={save.error} /> : null}
    </div>
  );
}
