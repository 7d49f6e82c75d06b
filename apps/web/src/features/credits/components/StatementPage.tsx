import { Link, useParams } from 'react-router';
import { ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useCreditVendors } from '../api/list-vendors.ts';
import { statementCsvUrl, useStatement, type Statement } from '../api/statements.ts';
import { metricLabel } from './figures.ts';
import { formatMoney } from './money.ts';
import { CloseActions, DisputeForm, Disputes } from './StatementClose.tsx';
import { StatementLines, StatementTotals } from './StatementLines.tsx';
import { StatementTerms } from './StatementTerms.tsx';
import { StatementStatusBadge } from './StatementStatusBadge.tsx';
import './credits.css';

/** One vendor's month: the lines and money, the close by role, its history and, once final, later differences. */
export default function StatementPage() {
  const id = Number(useParams().id);
  const statement = useStatement(id);
  const vendors = useCreditVendors();
  if (statement.isPending) return <Loading label="Loading the statement…" />;
  if (statement.isError) return <ErrorMessage error={statement.error} onRetry={() => void statement.refetch()} />;
  const s = statement.data;
  const vendor = vendors.data?.items.find((v) => v.id === s.vendorId)?.name ?? `Vendor ${s.vendorId}`;
  return (
    <section className="page" aria-labelledby="statement-title">
      <p className="no-print">
        <Link to="/credits">← All statements</Link>
      </p>
      <header className="page-header">
        <div>
          <h1 id="statement-title">
            Statement: {vendor}, {s.month}
          </h1>
          <ul className="statement-meta">
            <li>
              <StatementStatusBadge status={s.status} />
            </li>
            <li>
              Computed <strong>{formatDateTime(s.computedAt)}</strong>
            </li>
            {s.sharedAt ? (
              <li>
                Shared <strong>{formatDateTime(s.sharedAt)}</strong>
              </li>
            ) : null}
            {s.finalisedAt ? (
              <li>
                Final <strong>{formatDateTime(s.finalisedAt)}</strong>
              </li>
            ) : null}
          </ul>
        </div>
        <div className="toolbar no-print">
          <a className="button" href={statementCsvUrl(s.id)} download>
            Download CSV
          </a>
          <Link className="button" to={`/credits/statements/${s.id}/print`}>
            Printable page
          </Link>
        </div>
      </header>
      <CloseActions statement={s} />
      <Differences statement={s} />
      <section className="card section" aria-labelledby="lines-title">
        <h2 id="lines-title">Service levels of {s.month}</h2>
        <StatementLines statement={s} />
        <StatementTotals statement={s} />
      </section>
      <StatementTerms statementId={s.id} />
      <DisputeForm statement={s} />
      <Disputes statement={s} />
      <History statement={s} />
    </section>
  );
}

const FIELDS: Record<string, string> = {
  value: 'figure',
  n: 'n',
  outcome: 'status',
  creditMinor: 'credit (minor units)',
};

/** A final statement is frozen: a recompute from the cases as they stand now is shown beside it, never applied. */
function Differences({ statement }: { statement: Statement }) {
  if (statement.status !== 'final' || statement.differences.length === 0) return null;
  return (
    <section className="card section differences" aria-labelledby="differences-title" role="region">
      <h2 id="differences-title">Later imports change this month</h2>
      <p>
        The statement is final and stays as it was agreed. Recomputed from the cases as they stand now, these figures
        differ; nothing has been applied.
      </p>
      <table className="credits-table" data-testid="differences">
        <thead>
          <tr>
            <th scope="col">Service level</th>
            <th scope="col">Field</th>
            <th scope="col" className="num">
              On the final statement
            </th>
            <th scope="col" className="num">
              Recomputed now
            </th>
          </tr>
        </thead>
        <tbody>
          {statement.differences.map((d) => (
            <tr key={`${d.metric}-${d.field}`}>
              <th scope="row">{metricLabel(d.metric)}</th>
              <td>{FIELDS[d.field] ?? d.field}</td>
              <td className="num">{d.frozen}</td>
              <td className="num">{d.now}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const EVENTS: Record<string, string> = {
  computed: 'Draft computed',
  shared: 'Shared with the vendor',
  disputed: 'Line disputed',
  accepted: 'Dispute accepted',
  accepted_in_part: 'Dispute accepted in part',
  rejected: 'Dispute rejected',
  finalised: 'Finalised',
};

function History({ statement }: { statement: Statement }) {
  return (
    <section className="card section" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <ol className="statement-history" data-testid="statement-history">
        {statement.history.map((h, i) => (
          <li key={`${h.at}-${i}`} data-kind={h.kind}>
            <time dateTime={h.at}>{formatDateTime(h.at)}</time> <strong>{EVENTS[h.kind] ?? h.kind}</strong>
            {h.metric ? `: ${metricLabel(h.metric)}` : ''}
            {h.waivedMinor !== null ? `, ${formatMoney(h.waivedMinor, statement.currency)} waived` : ''}
            {/* The computed event's detail is a machine note (the net in minor units); the totals show it. */}
            {h.detail && h.kind !== 'computed' ? <span className="quote"> “{h.detail}”</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
