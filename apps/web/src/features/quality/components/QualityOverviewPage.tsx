/**
 * The week's quality figures per vendor (docs/quality.md "Metrics"): every ratio with its numerator and
 * denominator, the score with n, its interval and the rule it was scored under, and whether two vendors'
 * scores may be set side by side. With one vendor picked, the calibration gap per criterion.
 */
import { Link } from 'react-router';
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { apiUrl } from '../../../lib/api-client.ts';
import { useCalibration, useWeeklyQuality, type VendorQuality } from '../api/insights.ts';
import { formatPercent, formatScore } from './labels.ts';
import { QualityTabs } from './QualityTabs.tsx';
import { useQualityWeek, useVendorParam } from './week.ts';
import { WeekFilters } from './WeekFilters.tsx';

export default function QualityOverviewPage() {
  const { week } = useQualityWeek();
  const [vendorId] = useVendorParam();
  return (
    <section className="page" aria-labelledby="quality-title">
      <header className="page-header">
        <div>
          <h1 id="quality-title">Quality</h1>
          <p className="lede">
            Internal QA audits, disputes and escalation reviews per vendor, counted in the week the review was made.
          </p>
        </div>
      </header>
      <QualityTabs />
      <WeekFilters idPrefix="overview" />
      {week ? <WeeklyFigures week={week} vendorId={vendorId} /> : <Loading />}
      {week && vendorId !== null ? <CalibrationByCriterion week={week} vendorId={vendorId} /> : null}
    </section>
  );
}

function Ratio({ figure }: { figure: VendorQuality['fatalErrorRate'] }) {
  return (
    <>
      <span className="value">{formatPercent(figure.value)}</span>
      <span className="sub">
        {figure.numerator} of {figure.denominator}
      </span>
    </>
  );
}

function WeeklyFigures({ week, vendorId }: { week: string; vendorId: number | null }) {
  const weekly = useWeeklyQuality(week, vendorId);
  if (weekly.isPending) return <Loading label="Loading the week's quality figures…" />;
  if (weekly.isError) return <ErrorMessage error={weekly.error} onRetry={() => void weekly.refetch()} />;
  const { vendors, definitions, interval } = weekly.data;
  return (
    <>
      <section className="card" aria-labelledby="weekly-title">
        <h2 id="weekly-title">Week {week}</h2>
        {vendors.length === 0 ? (
          <Empty title="No vendors in scope" />
        ) : (
          <div className="table-scroll">
            <table className="quality-weekly" data-testid="quality-weekly">
              <thead>
                <tr>
                  <th scope="col">Vendor</th>
                  <th scope="col" className="num">
                    Quality score
                  </th>
                  <th scope="col" className="num">
                    Fatal-error rate
                  </th>
                  <th scope="col" className="num">
                    Calibration gap
                  </th>
                  <th scope="col" className="num">
                    Dispute rate
                  </th>
                  <th scope="col" className="num">
                    Disputes accepted
                  </th>
                  <th scope="col" className="num">
                    Avoidable escalations
                  </th>
                  <th scope="col" className="num">
                    Open disputes
                  </th>
                  <th scope="col">Scored under</th>
                </tr>
              </thead>
              <tbody>
                {vendors.map((v) => (
                  <tr key={v.vendorId} data-vendor={v.vendorName}>
                    <th scope="row">{v.vendorName}</th>
                    <td className="metric-cell" data-testid="quality-score">
                      <Link
                        className="value"
                        to={apiUrl('/quality/reviews', { week, vendorId: v.vendorId, reviewerKind: 'internal' })}
                      >
                        {formatScore(v.qualityScore.value)}
                      </Link>
                      <span className="sub">n = {v.qualityScore.n}</span>
                      {v.qualityScore.interval ? (
                        <span className="sub">
                          95 % {formatScore(v.qualityScore.interval.low)}–{formatScore(v.qualityScore.interval.high)}
                        </span>
                      ) : null}
                    </td>
                    <td className="metric-cell" data-testid="fatal-error-rate">
                      <Ratio figure={v.fatalErrorRate} />
                    </td>
                    <td className="metric-cell" data-testid="calibration-gap">
                      <span className="value">
                        {v.calibrationGap.value === null ? '—' : v.calibrationGap.value.toFixed(1)}
                      </span>
                      <span className="sub">{v.calibrationGap.pairs} pairs</span>
                    </td>
                    <td className="metric-cell" data-testid="dispute-rate">
                      <Ratio figure={v.disputeRate} />
                    </td>
                    <td className="metric-cell" data-testid="dispute-acceptance-rate">
                      <Ratio figure={v.disputeAcceptanceRate} />
                    </td>
                    <td className="metric-cell" data-testid="avoidable-escalation-rate">
                      <Ratio figure={v.avoidableEscalationRate} />
                    </td>
                    <td className="num" data-testid="open-disputes">
                      {v.openDisputes}
                    </td>
                    <td className="why quality-rule" data-testid="scoring-rule">
                      {v.rules.length === 0 ? 'no internal review this week' : v.rules.join(' · ')}
                      {v.rules.length > 0 ? (
                        <div className={v.comparable ? 'hint' : 'error-text'}>
                          {v.comparable
                            ? 'comparable with the first vendor'
                            : `not comparable: ${v.differences.join('; ') || 'scored under more than one rule'}`}
                        </div>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="footnote">Interval: {interval}</p>
      </section>
      <section className="card" aria-labelledby="definitions-title">
        <h2 id="definitions-title">How each figure is computed</h2>
        <dl className="definitions">
          {definitions.map((d) => (
            <div key={d.key}>
              <dt>{d.label}</dt>
              <dd>{d.definition}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}

function CalibrationByCriterion({ week, vendorId }: { week: string; vendorId: number }) {
  const calibration = useCalibration(week, vendorId);
  return (
    <section className="card" aria-labelledby="calibration-title">
      <h2 id="calibration-title">Calibration gap per criterion</h2>
      <p className="hint">
        Internal minus the vendor QA&apos;s credit × 100 on the cases both reviewed, criteria matched by key, N/A left
        out. Positive: internal QA scored higher.
      </p>
      {calibration.isPending ? (
        <Loading />
      ) : calibration.isError ? (
        <ErrorMessage error={calibration.error} onRetry={() => void calibration.refetch()} />
      ) : calibration.data.length === 0 ? (
        <Empty title="No case reviewed by both this week" />
      ) : (
        <table data-testid="calibration-table">
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col" className="num">
                Gap (points)
              </th>
              <th scope="col" className="num">
                Pairs
              </th>
            </tr>
          </thead>
          <tbody>
            {calibration.data.map((row) => (
              <tr key={row.criterionKey}>
                <th scope="row">
                  <code>{row.criterionKey}</code>
                </th>
                <td className="num">{row.gap.toFixed(1)}</td>
                <td className="num">{row.pairs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
