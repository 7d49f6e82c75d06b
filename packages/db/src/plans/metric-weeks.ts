/**
 * A vendor's weekly values of one metric through the metrics engine's own readers (metrics/read.ts: summed
 * weekly_parts, stored medians) and domain functions (metricValue, metricStatus, selectTarget).
 * Nothing here recomputes a metric from cases.
 */
import { metricDefinition, metricValue, type MetricKey } from '@scorecard/domain/metrics/catalogue';
import { metricStatus, selectTarget, type Status } from '@scorecard/domain/metrics/targets';
import type { PlanWeek } from '@scorecard/domain/plans/rules';
import { weekRange } from '@scorecard/domain/weeks';
import type { Db } from '../database.ts';
import { readParts, readStoredDistributions } from '../metrics/read.ts';

export interface MetricWeek {
  week: string;
  value: number | null;
  sample: number;
}

/** Every week from `fromWeek` to `toWeek` (both included, oldest first); weeks without parts have value null. */
export async function vendorMetricWeeks(
  db: Db,
  vendorId: number,
  metric: MetricKey,
  fromWeek: string,
  toWeek: string,
): Promise<MetricWeek[]> {
  if (fromWeek > toWeek) return [];
  const [parts, distributions] = await Promise.all([
    readParts(db, { vendorId }, fromWeek, toWeek),
    metricDefinition(metric).kind === 'median' ? readStoredDistributions(db, vendorId, fromWeek, toWeek) : [],
  ]);
  const partsByWeek = new Map(parts.map((row) => [row.week, row.parts]));
  const distributionByWeek = new Map(
    distributions.filter((d) => d.metric === metric).map((d) => [d.week, d.distribution]),
  );
  return weekRange(fromWeek, toWeek).map((week) => {
    const weekParts = partsByWeek.get(week);
    if (!weekParts) return { week, value: null, sample: 0 };
    const value = metricValue(metric, weekParts, distributionByWeek.get(week) ?? null);
    return { week, value: value.value, sample: value.sample };
  });
}

/**
 * A week's status against the plan's own target value (docs/definitions.md status rules); `minSample` is the vendor's terms'
 * for that week (termsResolver), as on the scorecard.
 */
export function planWeekStatus(
  metric: MetricKey,
  week: MetricWeek,
  target: number,
  minSample: number,
): PlanWeek['status'] {
  const status: Status = metricStatus(metricDefinition(metric).direction, week.value, target, week.sample, minSample);
  return status === 'no_target' ? 'no_data' : status;
}

/** The scorecard's target for a vendor's metric in a week (vendor-wide view), or null when none is in force. */
export async function scorecardTarget(
  db: Db,
  vendorId: number,
  metric: MetricKey,
  week: string,
): Promise<number | null> {
  const rows = await db
    .selectFrom('targets')
    .select(['id', 'metric', 'value', 'vendor_id', 'channel', 'queue', 'effective_from'])
    .where('metric', '=', metric)
    .where((eb) => eb.or([eb('vendor_id', 'is', null), eb('vendor_id', '=', vendorId)]))
    .execute();
  const target = selectTarget(
    rows.map((r) => ({
      id: r.id,
      metric: r.metric as MetricKey,
      value: r.value,
      vendorId: r.vendor_id,
      channel: r.channel,
      queue: r.queue,
      effectiveFrom: r.effective_from,
    })),
    { metric, vendorId, week },
  );
  return target?.value ?? null;
}
