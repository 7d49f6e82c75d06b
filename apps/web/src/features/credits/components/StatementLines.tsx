import { Link } from 'react-router';
import type { Statement } from '../api/statements.ts';
import { formatFigure, formatLevel, metricLabel } from './figures.ts';
import { formatBp, formatMoney } from './money.ts';
import { disputeStatusText } from './StatementClose.tsx';
import { OutcomeBadge } from './StatementStatusBadge.tsx';

/**
 * Each service level's month: the figure with its n and interval, the status against minimum and expected, the
 * defaults in the rolling window, relief and why, and the credit with its formula written out. The credit
 * column is there only when the API gives amounts. Each n links to the cases behind it.
 */
export function StatementLines({ statement }: { statement: Statement }) {
  const amounts = statement.amountsShown;
  const disputes = new Map(statement.disputes.map((d) => [d.metric, d]));
  return (
    <div className="table-scroll">
      <table className="credits-table statement-lines" data-testid="statement-lines">
        <thead>
          <tr>
            <th scope="col">Service level</th>
            <th scope="col" className="num">
              Figure
            </th>
            <th scope="col" className="num">
              Expected / minimum
            </th>
            <th scope="col">Status</th>
            <th scope="col">Default</th>
            <th scope="col" className="num">
              Allocation
            </th>
            {amounts ? (
              <th scope="col" className="num">
                Credit charged
              </th>
            ) : null}
          </tr>
        </thead>
        {statement.lines.map((line) => {
          const figure = formatFigure(line.metric, line.figure);
          const dispute = disputes.get(line.metric);
          return (
            <tbody key={line.metric} data-metric={line.metric} className={line.waived ? 'waived' : undefined}>
              <tr>
                <th scope="row">
                  {metricLabel(line.metric)}
                  <span className="line-kind">{line.kind === 'critical' ? 'critical' : 'key measurement'}</span>
                </th>
                <td className="num">
                  <span className="figure-value">{figure.value}</span>
                  <Link
                    className="figure-detail"
                    data-testid="figure-n"
                    to={`/credits/statements/${statement.id}/cases?metric=${line.metric}`}
                    title="The month's cases behind this figure"
                  >
                    {figure.n}
                  </Link>
                  {figure.interval ? (
                    <span className="figure-detail" title="95 % interval">
                      95 %: {figure.interval}
                    </span>
                  ) : null}
                </td>
                <td className="num">
                  {formatLevel(line.metric, line.expected)} / {formatLevel(line.metric, line.minimum)}
                </td>
                <td>
                  <OutcomeBadge outcome={line.outcome} />
                  {line.relief ? <span className="line-note">Relief: {line.relief.reason}</span> : null}
                </td>
                <td>
                  <strong>{line.verdict.isDefault ? 'Default' : 'No default'}</strong>
                  <span className="line-note">
                    {line.verdict.missesInWindow} miss{line.verdict.missesInWindow === 1 ? '' : 'es'} in the window;{' '}
                    {line.verdict.reason}
                  </span>
                </td>
                <td className="num">{line.kind === 'critical' ? formatBp(line.allocationBp) : '—'}</td>
                {amounts ? (
                  <td className="num" data-testid="charged">
                    {formatMoney(line.chargedMinor, statement.currency)}
                    {line.chargedMinor !== line.creditMinor ? (
                      <span className="line-note">of {formatMoney(line.creditMinor, statement.currency)}</span>
                    ) : null}
                  </td>
                ) : null}
              </tr>
              <tr className="formula-row">
                <td colSpan={amounts ? 7 : 6} className="formula">
                  <span className="formula-label">How:</span> <code>{line.formula}</code>
                  {dispute ? (
                    <span className="line-note">
                      Disputed ({disputeStatusText(dispute, statement.currency)}): {dispute.reason}
                    </span>
                  ) : null}
                </td>
              </tr>
            </tbody>
          );
        })}
      </table>
    </div>
  );
}

/** The month's money: credits against the cap, earn-back, bonus and the net reduction of the invoice. */
export function StatementTotals({ statement }: { statement: Statement }) {
  const money = (minor: number | null) => formatMoney(minor, statement.currency);
  const less = (minor: number | null) => (minor ? `− ${money(minor)}` : money(minor));
  if (!statement.amountsShown)
    return <p className="footnote">Amounts are not shown to your role; the levels, figures and defaults are.</p>;
  const capped = (statement.creditsBeforeCapMinor ?? 0) > (statement.capMinor ?? Infinity);
  return (
    <>
      <dl className="statement-totals" data-testid="statement-totals">
        <div>
          <dt>At-risk amount</dt>
          <dd>{money(statement.atRiskMinor)}</dd>
        </div>
        <div>
          <dt>Credits before the cap</dt>
          <dd>{money(statement.creditsBeforeCapMinor)}</dd>
        </div>
        <div>
          <dt>Cap</dt>
          <dd>{money(statement.capMinor)}</dd>
        </div>
        <div>
          <dt>Credits charged</dt>
          <dd data-testid="credits-charged">{money(statement.creditsMinor)}</dd>
        </div>
        <div>
          <dt>Earn-back</dt>
          <dd>{less(statement.earnBackMinor)}</dd>
        </div>
        <div>
          <dt>Bonus</dt>
          <dd>{less(statement.bonusMinor)}</dd>
        </div>
        <div className="net">
          <dt>Net reduction of the invoice</dt>
          <dd data-testid="net">{money(statement.netMinor)}</dd>
        </div>
      </dl>
      <p className="footnote">
        Net = credits charged − earn-back − bonus (negative: the client pays more).{' '}
        {capped
          ? `The credits exceed the cap: ${money(statement.capMinor)} is charged, spread over the lines in proportion.`
          : 'The credits are within the cap.'}
      </p>
      {statement.earnBack.length > 0 ? (
        <ul className="formula-list" aria-label="Earn-back">
          {statement.earnBack.map((e) => (
            <li key={`${e.metric}-${e.fromMonth}`}>
              Earn-back, {metricLabel(e.metric)} charged in {e.fromMonth}: <code>{e.formula}</code>
            </li>
          ))}
        </ul>
      ) : null}
      {statement.bonusFormula ? (
        <p className="formula">
          Bonus: <code>{statement.bonusFormula}</code>
        </p>
      ) : null}
    </>
  );
}
