import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { useCan } from '../../../lib/session.ts';
import { previousMonth, useReportingTimeZone } from '../../../lib/reporting-zone.ts';
import { useSearchState } from '../../../lib/search-params.ts';
import { useCreditVendors } from '../api/list-vendors.ts';
import { useComputeStatement, useStatements } from '../api/statements.ts';
import { formatMoney } from './money.ts';
import { StatementStatusBadge } from './StatementStatusBadge.tsx';
import { CreditsNav } from './CreditsNav.tsx';
import './credits.css';

/** Monthly statements, month × vendor with their step of the close; finance computes a month's draft here. */
export default function StatementsPage() {
  const statements = useStatements();
  const vendors = useCreditVendors();
  const canClose = useCan('finance');
  const [params, update] = useSearchState();
  const month = params.get('month') ?? '';
  if (statements.isPending || vendors.isPending) return <Loading label="Loading statements…" />;
  if (statements.isError) return <ErrorMessage error={statements.error} onRetry={() => void statements.refetch()} />;
  if (vendors.isError) return <ErrorMessage error={vendors.error} onRetry={() => void vendors.refetch()} />;
  const names = new Map(vendors.data.items.map((v) => [v.id, v.name]));
  const months = [...new Set(statements.data.items.map((s) => s.month))];
  const rows = statements.data.items.filter((s) => !month || s.month === month);
  // Amount columns only when the API gives amounts: it withholds them by role, and the page never invents them.
  const amounts = rows.length > 0 && rows.every((s) => s.amountsShown);
  return (
    <section className="page" aria-labelledby="statements-title">
      <CreditsNav />
      <header className="page-header">
        <div>
          <h1 id="statements-title">Service credit statements</h1>
          <p className="lede">
            Each month, missed critical service levels cost the vendor a credit out of its at-risk amount. Draft →
            shared with the vendor → disputed line by line → final.
          </p>
        </div>
        <div className="toolbar">
          <label>
            Month{' '}
            <select value={month} onChange={(e) => update({ month: e.target.value || null })}>
              <option value="">all months</option>
              {months.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </label>
        </div>
      </header>
      {canClose ? <ComputeDraftForm vendors={vendors.data.items} /> : null}
      {rows.length === 0 ? (
        <Empty title="No statements yet">
          {canClose
            ? 'Compute a draft for a vendor and month above; it needs money terms in force for that month.'
            : 'Statements appear here once finance shares them.'}
        </Empty>
      ) : (
        <div className="card table-scroll">
          <table className="credits-table" data-testid="statements-table">
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Vendor</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Critical levels in default
                </th>
                {amounts ? (
                  <>
                    <th scope="col" className="num">
                      Credits (after cap)
                    </th>
                    <th scope="col" className="num">
                      Earn-back
                    </th>
                    <th scope="col" className="num">
                      Bonus
                    </th>
                    <th scope="col" className="num">
                      Net reduction
                    </th>
                  </>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => {
                const critical = s.lines.filter((l) => l.kind === 'critical');
                const defaults = critical.filter((l) => l.verdict.isDefault).length;
                return (
                  <tr key={s.id} data-statement={`${s.vendorId}-${s.month}`}>
                    <th scope="row">
                      <Link to={`/credits/statements/${s.id}`}>{s.month}</Link>
                    </th>
                    <td>{names.get(s.vendorId) ?? `Vendor ${s.vendorId}`}</td>
                    <td>
                      <StatementStatusBadge status={s.status} />
                    </td>
                    <td className="num">
                      {defaults} of {critical.length}
                    </td>
                    {amounts ? (
                      <>
                        <td className="num">{formatMoney(s.creditsMinor, s.currency)}</td>
                        <td className="num">{formatMoney(s.earnBackMinor, s.currency)}</td>
                        <td className="num">{formatMoney(s.bonusMinor, s.currency)}</td>
                        <td className="num">
                          <strong>{formatMoney(s.netMinor, s.currency)}</strong>
                        </td>
                      </>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ComputeDraftForm({ vendors }: { vendors: readonly { id: number; name: string }[] }) {
  const compute = useComputeStatement();
  const navigate = useNavigate();
  const [vendorId, setVendorId] = useState(vendors[0]?.id ?? 0);
  const timeZone = useReportingTimeZone();
  // Until the lead picks one, the month before the current one in the reporting zone (the usual month to close).
  const [picked, setMonth] = useState<string | null>(null);
  const month = picked ?? (timeZone === undefined ? '' : previousMonth(timeZone));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    compute.mutate(
      { vendorId, month },
      { onSuccess: (statement) => void navigate(`/credits/statements/${statement.id}`) },
    );
  };
  if (vendors.length === 0) return <Empty title="No vendor">Add a vendor first.</Empty>;
  return (
    <form className="card credits-form compact" onSubmit={onSubmit} aria-labelledby="compute-title">
      <h2 id="compute-title">Compute a month&apos;s draft</h2>
      <label>
        Vendor
        <select value={vendorId} onChange={(e) => setVendorId(Number(e.target.value))}>
          {vendors.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Month
        <input type="month" required value={month} onChange={(e) => setMonth(e.target.value)} />
      </label>
      <button type="submit" className="button primary" disabled={compute.isPending}>
        Compute draft
      </button>
      <p className="footnote">
        From the month&apos;s cases and the money terms in force; a draft is recomputed, a shared statement never.
      </p>
      {compute.isError ? <ErrorMessage error={compute.error} /> : null}
    </form>
  );
}
