import { formatDateTime, formatValue } from '../../../lib/format.ts';
import { useReportingTimeZone } from '../../../lib/reporting-zone.ts';
import type { CaseFacts } from '../api/reviews.ts';

const yesNo = (value: boolean | null) => (value === null ? '—' : value ? 'yes' : 'no');

/** What happened on the case, as imported, beside the form the reviewer scores it on. */
export function CaseFactsPanel({ facts }: { facts: CaseFacts }) {
  const timeZone = useReportingTimeZone() ?? 'UTC';
  const rows: [string, string][] = [
    ['Vendor', facts.vendorName],
    ['Queue', facts.queue ?? '—'],
    ['Channel', facts.channel],
    ['Status', facts.status ?? '—'],
    ['Arrived', `${formatDateTime(facts.createdAt, timeZone)} (week ${facts.week})`],
    ['First response', formatDateTime(facts.firstResponseAt, timeZone)],
    ['Solved', formatDateTime(facts.solvedAt, timeZone)],
    ['Escalated', yesNo(facts.escalated)],
    ['Reopened', facts.reopenCount === null ? '—' : String(facts.reopenCount)],
    ['Resolved on first contact', yesNo(facts.firstContactResolved)],
    ['Handling time', formatValue(facts.handleSeconds, 's')],
    ['Wait', formatValue(facts.waitSeconds, 's')],
    ['CSAT', facts.csatScore === null ? '—' : `${facts.csatScore} of ${facts.csatScale ?? '?'}`],
    ['Agent', facts.agentId ?? '—'],
    ['Tier', facts.tier === null ? '—' : String(facts.tier)],
    ['Site', facts.site ?? '—'],
    ['Source', facts.source],
  ];
  return (
    <section className="card case-facts" aria-labelledby="case-facts-title">
      <h2 id="case-facts-title">
        Case <code>{facts.externalId}</code>
      </h2>
      <dl className="facts" data-testid="case-facts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">Times in {timeZone}.</p>
    </section>
  );
}
