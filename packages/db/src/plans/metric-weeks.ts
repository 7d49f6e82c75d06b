/**
 * A vendor's weekly values of one metric, read from the metrics engine's stored parts (weekly_parts,
 * weekly_distributions) and turned into values and statuses by the engine's own domain functions
 * (metricValue, metricStatus, selectTarget). Nothing here recomputes a metric from cases.
 */
import { metricDefinition, metricValue, type MetricKey } from '@scorecard/domain/metrics/catalogue';
import { emptyParts, PART_KEYS, partColumn } from '@scorecard/domain/metrics/parts';
import { metricStatus, selectTarget, type Status } from '@scorecard/domain/metrics/targets';
import type { PlanWeek } from '@scorecard/domain/plans/rules';
import { weekRange } from '@scorecard/domain/weeks';
import { sql } from 'kysely';
import type { Db } from '../database.ts';

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
  const columns = PART_KEYS.map((key) => sql`sum(${sql.ref(`p.${partColumn(key)}`)})::float8 AS ${sql.ref(key)}`);
  const parts = await sql<Record<string, number> & { week: string }>`
    SELECT p.week::text AS week, ${sql.join(columns)}
    FROM weekly_parts p
    WHERE p.vendor_id = ${vendorId} AND p.week BETWEEN ${fromWeek}::date AND ${toWeek}::date
    GROUP BY p.week`.execute(db);
  const definition = metricDefinition(metric);
  const medians = new Map<string, { n: number; median: number | null }>();
  if (definition.kind === 'median') {
    const rows = await db
      .selectFrom('weekly_distributions')
      .select(['week', 'n', 'median_seconds'])
      .where('vendor_id', '=', vendorId)
      .where('metric', '=', metric)
      .where('week', '>=', fromWeek)
      .where('week', '<=', toWeek)
      .execute();
    for (const row of rows) medians.set(row.week, { n: row.n, median: row.median_seconds });
  }
  const byWeek = new Map(parts.rows.map((row) => [row.week, row]));
  return weekRange(fromWeek, toWeek).map((week) => {
    const row = byWeek.get(week);
    if (!row) return { week, value: null, sample: 0 };
    const summed = emptyParts();
    for (const key of PART_KEYS) summed[key] = Number(row[key] ?? 0);
    const distribution = medians.get(week);
    const value = metricValue(metric, summed, distribution ? { ...distribution, p90: null, mean: null } : null);
    return { week, value: value.value, sample: value.sample };
  });
}

/** A week's status against the plan's own target value (SPEC status rules and minimum sample). */
export function planWeekStatus(metric: MetricKey, week: MetricWeek, target: number, minSample: number): PlanWeek['status'] {
  const status: Status = metricStatus(metricDefinition(metric).direction, week.value, target, week.sample, minSample);
  return status === 'no_target' ? 'no_data' : status;
}

/** The scorecard's target for a vendor's metric in a week (vendor-wide view), or null when none is in force. */
export async function scorecardTarget(db: Db, vendorId: number, metric: MetricKey, week: string): Promise<number | null> {
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
