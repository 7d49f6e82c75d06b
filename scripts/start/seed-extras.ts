/**
 * The demo's money and follow-up through the public API, after the cases and the quality reviews: money terms
 * for two vendors with the last complete month's statements (one final, one shared: the close flow) and terms in
 * force this month (the exposure page), improvement plans on missed scorecard cells, and a sampling plan.
 */
import { addWeeks, weekLabel, type WeekStart } from '../../packages/domain/src/weeks.ts';
import { addMonths } from '../../packages/domain/src/credits/levels.ts';
import { DEFAULT_VOLUME_BAND } from '../../packages/domain/src/credits/relief.ts';
import { localMonth } from '../../packages/domain/src/projections/month-to-date.ts';
import { must, type ApiClient, type Log, type Vendor } from './api-client.ts';

/** EUR 100,000.00 a month, 10 % at risk; service level, CSAT and FCR carry credits, handling time is reported. */
function demoMoneyTerms(vendorId: number, effectiveMonth: string) {
  const critical = (metric: string, expected: number, minimum: number, allocationBp: number) => ({
    metric,
    kind: 'critical',
    expected,
    minimum,
    allocationBp,
    bonusLevel: null,
    volumeSensitive: true,
  });
  return {
    vendorId,
    effectiveMonth,
    currency: 'EUR',
    invoiceMinor: 10_000_000,
    atRiskBp: 1000,
    poolBp: 10_000,
    capBp: null,
    defaultRule: { misses: 4, windowMonths: 12 },
    earnBackMonths: null,
    bonusBp: null,
    volumeLowBp: DEFAULT_VOLUME_BAND.lowBp,
    volumeHighBp: DEFAULT_VOLUME_BAND.highBp,
    note: 'Demo contract',
    levels: [
      critical('service_level', 80, 70, 4000),
      critical('csat', 85, 75, 3000),
      critical('fcr', 85, 75, 3000),
      { ...critical('aht', 540, 600, 0), kind: 'key', volumeSensitive: false },
    ],
  };
}

/** `2026-11` for any moment of December 2026 (UTC, the demo's reporting zone). */
export function lastCompleteMonth(now: Date): string {
  return addMonths(localMonth(now, 'UTC'), -1);
}

export async function seedCredits(api: ApiClient, now: Date, log: Log): Promise<void> {
  const { items } = (await must(api, 'GET', '/api/vendors')) as { items: Vendor[] };
  const month = lastCompleteMonth(now);
  const outcomes: string[] = [];
  // Terms from the last complete month stay in force this month: its exposure is projected under them.
  for (const [index, vendor] of items.slice(0, 2).entries()) {
    await must(api, 'PUT', '/api/credits/terms', demoMoneyTerms(vendor.id, month));
    const statement = (await must(api, 'POST', '/api/credits/statements', { vendorId: vendor.id, month })) as {
      id: number;
      netMinor: number | null;
    };
    await must(api, 'POST', `/api/credits/statements/${statement.id}/share`);
    if (index === 0) await must(api, 'POST', `/api/credits/statements/${statement.id}/finalise`);
    const net = statement.netMinor === null ? '' : `, net ${(statement.netMinor / 100).toFixed(2)} EUR`;
    outcomes.push(`${vendor.name} ${index === 0 ? 'final' : 'shared'}${net}`);
  }
  log(`credits: money terms from ${month}; statements of ${month}: ${outcomes.join(', ')}`);
}

/** One plan on the first missed cell of each of the first two vendors with one, due in six weeks. */
export async function seedPlans(api: ApiClient, endWeek: WeekStart, ownerUserId: number, log: Log): Promise<void> {
  const label = weekLabel(endWeek);
  const { vendors } = (await must(api, 'GET', `/api/scorecards?week=${label}`)) as {
    vendors: {
      vendorId: number;
      vendorName: string;
      metrics: Record<string, { status: string; target: number | null }>;
    }[];
  };
  const created: string[] = [];
  for (const row of vendors) {
    const missed = Object.entries(row.metrics).find(([, cell]) => cell.status === 'missed' && cell.target !== null);
    if (!missed) continue;
    const [metric, cell] = missed;
    const plan = (await must(api, 'POST', '/api/plans', {
      vendorId: row.vendorId,
      title: `Bring ${metric} back to target`,
      baselineWeek: label,
      dueDate: addWeeks(endWeek, 6),
      ownerUserId,
      status: 'active',
      metrics: [{ metric, targetValue: cell.target }],
    })) as { plan: { id: number } };
    await must(api, 'POST', `/api/plans/${plan.plan.id}/items`, {
      description: `Coach the agents behind the missed ${metric} cases`,
      ownerUserId,
      dueDate: addWeeks(endWeek, 2),
    });
    created.push(`${row.vendorName} (${metric})`);
    if (created.length === 2) break;
  }
  log(`plans: ${created.length ? created.join(', ') : 'no missed cell in ' + label}`);
}

/** A sampling plan of the current week for the first vendor, on the demo's form, reviewed by the admin. */
export async function seedSampling(
  api: ApiClient,
  endWeek: WeekStart,
  formId: number,
  reviewerUserId: number,
  log: Log,
): Promise<void> {
  const { items } = (await must(api, 'GET', '/api/vendors')) as { items: Vendor[] };
  const vendor = items[0]!;
  const period = weekLabel(addWeeks(endWeek, 1));
  const plan = (await must(api, 'POST', '/api/quality/sampling-plans', {
    vendorId: vendor.id,
    period,
    formId,
    marginPoints: 10,
    confidence: 0.9,
    doubleAuditShare: 0.1,
    reviewerUserIds: [reviewerUserId],
  })) as { population: number; sampleSize: number };
  log(`sampling: ${vendor.name} ${period}, ${plan.sampleSize} of ${plan.population} cases to review`);
}
