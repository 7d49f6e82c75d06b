import { Link, useParams } from 'react-router';
import { ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useCreditVendors } from '../api/list-vendors.ts';
import { useStatement } from '../api/statements.ts';
import { formatFigure, formatLevel, metricLabel } from './figures.ts';
import { formatBp, formatMoney } from './money.ts';
import { StatementTotals } from './StatementLines.tsx';
import { StatementStatusBadge } from './StatementStatusBadge.tsx';
import './credits.css';

/**
 * The statement as one printed page: the lines with their formulas, the totals, the disputes and the close.
 * The app's header and the buttons are left off paper (credits.css, print rules).
 */
export default function StatementPrintPage() {
  const id = Number(useParams().id);
  const statement = useStatement(id);
  const vendors = useCreditVendors();
  if (statement.isPending) return <Loading label="Loading the statement…" />;
  if (statement.isError) return <ErrorMessage error={statement.error} onRetry={() => void statement.refetch()} />;
  const s = statement.data;
  const vendor = vendors.data?.items.find((v) => v.id === s.vendorId)?.name ?? `Vendor ${s.vendorId}`;
  return (
    <article className="page print-statement" aria-labelledby="print-title">
      <div className="toolbar no-print">
        <Link to={`/credits/statements/${s.id}`}>← Back to the statement</Link>
        <button type="button" className="button primary" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <header className="print-header">
        <h1 id="print-title">
          Service credit statement — {vendor}, {s.month}
        </h1>
        <p>
          <StatementStatusBadge status={s.status} /> Computed {formatDateTime(s.computedAt)}
          {s.sharedAt ? `; shared ${formatDateTime(s.sharedAt)}` : ''}
          {s.finalisedAt ? `; final ${formatDateTime(s.finalisedAt)}` : ''}. Currency {s.currency}.
        </p>
      </header>
      <table className="print-lines">
        <thead>
          <tr>
            <th scope="col">Service level</th>
            <th scope="col" className="num">
              Figure (n, 95 % interval)
            </th>
            <th scope="col" className="num">
              Expected / min.
            </th>
            <th scope="col">Status · default</th>
            <th scope="col" className="num">
              Alloc.
            </th>
            {s.amountsShown ? (
              <th scope="col" className="num">
                Charged
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {s.lines.map((line) => {
            const figure = formatFigure(line.metric, line.figure);
            return (
              <tr key={line.metric}>
                <th scope="row">
                  {metricLabel(line.metric)} <small>({line.kind})</small>
                </th>
                <td className="num">
                  {figure.value}{' '}
                  <small>
                    ({figure.n}
                    {figure.interval ? `, ${figure.interval}` : ''})
                  </small>
                </td>
                <td className="num">
                  {formatLevel(line.metric, line.expected)} / {formatLevel(line.metric, line.minimum)}
                </td>
                <td>
                  {line.outcome.replace('_', ' ')} · {line.verdict.isDefault ? 'default' : 'no default'} (
                  {line.verdict.missesInWindow} in window)
                </td>
                <td className="num">{line.kind === 'critical' ? formatBp(line.allocationBp) : '—'}</td>
                {s.amountsShown ? (
                  <td className="num">
                    {formatMoney(line.chargedMinor, s.currency)}
                    {line.waived ? (
                      <small>{line.dispute === 'accepted_in_part' ? ' (waived in part)' : ' (waived)'}</small>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      <ol className="print-formulas" aria-label="How each line is computed">
        {s.lines.map((line) => (
          <li key={line.metric}>
            <strong>{metricLabel(line.metric)}:</strong> {line.formula}
            {line.relief ? ` Relief: ${line.relief.reason}.` : ''}
          </li>
        ))}
      </ol>
      <StatementTotals statement={s} />
      {s.disputes.length > 0 ? (
        <section aria-labelledby="print-disputes">
          <h2 id="print-disputes">Disputes</h2>
          <ul>
            {s.disputes.map((d) => (
              <li key={d.metric}>
                <strong>{metricLabel(d.metric)}</strong> ({d.status}): {d.reason}
                {d.decisionNote ? ` — decision: ${d.decisionNote}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <footer className="print-footer">
        Printed {formatDateTime(new Date().toISOString())} from Scorecard. Amounts in {s.currency}; credits are
        allocation × at-risk percentage × invoice, capped at the month&apos;s cap.
      </footer>
    </article>
  );
}
