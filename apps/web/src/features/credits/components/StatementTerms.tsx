import { ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useReportingTimeZone } from '../../../lib/reporting-zone.ts';
import { useStatementTerms } from '../api/drill-down.ts';
import { formatLevel, metricLabel } from './figures.ts';
import { formatBp, formatMoney } from './money.ts';

/**
 * The terms in force for the statement's month, beside its lines: the money terms, each level with how its metric
 * was defined in the month, the forecast and the relief events that could excuse a miss. Amounts are null where the
 * caller's role may not see them.
 */
export function StatementTerms({ statementId }: { statementId: number }) {
  const terms = useStatementTerms(statementId);
  const zone = useReportingTimeZone() ?? 'UTC';
  return (
    <section className="card section" aria-labelledby="statement-terms-title" data-testid="statement-terms">
      <h2 id="statement-terms-title">Terms in force</h2>
      {terms.isPending ? (
        <Loading label="Loading the terms…" />
      ) : terms.isError ? (
        <ErrorMessage error={terms.error} onRetry={() => void terms.refetch()} />
      ) : (
        <>
          <dl className="terms-facts">
            <div>
              <dt>Money terms since</dt>
              <dd>{terms.data.money.effectiveMonth}</dd>
            </div>
            <div>
              <dt>Version</dt>
              <dd data-testid="terms-version">
                {terms.data.money.version}
                {terms.data.money.supersededAt
                  ? ` (the version this statement used; replaced ${formatDateTime(terms.data.money.supersededAt)})`
                  : ' (in force)'}
              </dd>
            </div>
            {terms.data.money.invoiceMinor !== null ? (
              <div>
                <dt>Monthly invoice</dt>
                <dd>{formatMoney(terms.data.money.invoiceMinor, terms.data.money.currency)}</dd>
              </div>
            ) : null}
            <div>
              <dt>At risk / pool / cap</dt>
              <dd>
                {formatBp(terms.data.money.atRiskBp)} / {formatBp(terms.data.money.poolBp)} /{' '}
                {terms.data.money.capBp === null ? 'the at-risk amount' : formatBp(terms.data.money.capBp)}
              </dd>
            </div>
            <div>
              <dt>Default rule</dt>
              <dd>
                expected missed {terms.data.money.defaultRule.misses} times in{' '}
                {terms.data.money.defaultRule.windowMonths} months; minimum missed: at once
              </dd>
            </div>
            <div>
              <dt>Earn-back / bonus</dt>
              <dd>
                {terms.data.money.earnBackMonths === null ? 'none' : `after ${terms.data.money.earnBackMonths} months`}{' '}
                / {terms.data.money.bonusBp === null ? 'none' : formatBp(terms.data.money.bonusBp)}
              </dd>
            </div>
            <div>
              <dt>Forecast volume</dt>
              <dd>
                {terms.data.forecast === null ? 'none' : terms.data.forecast.toLocaleString('en-GB')}; relief outside{' '}
                {formatBp(terms.data.money.volumeLowBp)}–{formatBp(terms.data.money.volumeHighBp)}
              </dd>
            </div>
          </dl>
          <ul className="formula-list" aria-label="Levels and metric definitions">
            {terms.data.levels.map((l) => (
              <li key={l.metric}>
                <strong>{metricLabel(l.metric)}</strong> ({l.kind === 'critical' ? 'critical' : 'key measurement'}):
                expected {formatLevel(l.metric, l.expected)}, minimum {formatLevel(l.metric, l.minimum)}
                {l.metricTerms.map((t) => (
                  <span key={t.fromWeek} className="line-note">
                    from week {t.fromWeek}: <code>{t.formula}</code>
                  </span>
                ))}
              </li>
            ))}
          </ul>
          {terms.data.reliefEvents.length > 0 ? (
            <ul className="formula-list" aria-label="Relief events in the month">
              {terms.data.reliefEvents.map((e) => (
                <li key={e.id}>
                  Relief event “{e.title}”, {formatDateTime(e.startsAt, zone)} – {formatDateTime(e.endsAt, zone)} (
                  {zone}): {e.metrics.map(metricLabel).join(', ')}; {e.agreed ? 'agreed' : 'not agreed yet'}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}
