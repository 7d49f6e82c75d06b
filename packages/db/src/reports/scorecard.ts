/**
 * One vendor's scorecard for one week, as the report shows it: value, target, status and week-over-week
 * change per metric, and the composite. Reads what the metrics engine stored (weekly_parts,
 * weekly_distributions) and applies the engine's own rules (packages/domain/src/metrics): nothing is
 * recomputed from cases here. Every query is filtered to the one vendor.
 */
import { METRICS, metricValue, type MetricKey } from '@scorecard/domain/metrics/catalogue';
import { addParts, emptyParts, PART_KEYS, partColumn, type Parts } from '@scorecard/domain/metrics/parts';
import { compositeScore, metricStatus, selectTarget, weekOverWeekChange, type Target } from '@scorecard/domain/metrics/targets';
import type { ReportMetric } from '@scorecard/domain/reports/report-model';
import { addWeeks, type WeekStart } from '@scorecard/domain/weeks';
import { sql } from 'kysely';
import type { Db } from '../database.ts';

export interface VendorWeekScorecard {
  metrics: ReportMetric[];
  composite: number | null;
}

interface Distribution {
  n: number;
  median: number | null;
  p90: number | null;
  mean: number | null;
}

export async function loadVendorWeekScorecard(db: Db, vendorId: number, week: WeekStart): Promise<VendorWeekScorecard> {
  const previousWeek = addWeeks(week, -1);
  const [partsByWeek, distributions, targets, settings] = await Promise.all([
    loadParts(db, vendorId, [week, previousWeek]),
    loadDistributions(db, vendorId, [week, previousWeek]),
    loadTargets(db, vendorId),
    db.selectFrom('organisation_settings').select(['min_sample', 'composite_weights']).executeTakeFirstOrThrow(),
  ]);
  const weights = (settings.composite_weights ?? {}) as Partial<Record<MetricKey, number>>;

  const metrics = METRICS.map((definition): ReportMetric => {
    const current = metricValue(
      definition.key,
      partsByWeek.get(week) ?? emptyParts(),
      distributions.get(`${week}|${definition.key}`) ?? null,
    );
    const previous = metricValue(
      definition.key,
      partsByWeek.get(previousWeek) ?? emptyParts(),
      distributions.get(`${previousWeek}|${definition.key}`) ?? null,
    );
    const target = definition.direction === 'none' ? null : selectTarget(targets, { metric: definition.key, vendorId, week });
    return {
      key: definition.key,
      label: definition.label,
      unit: definition.unit,
      direction: definition.direction,
      value: current.value,
      reason: current.reason,
      target: target?.value ?? null,
      status: metricStatus(definition.direction, current.value, target?.value ?? null, current.sample, settings.min_sample),
      previous: previous.value,
      change: weekOverWeekChange(current.value, previous.value),
      sample: current.sample,
    };
  });
  return {
    metrics,
    composite: compositeScore(
      metrics.map((m) => ({ metric: m.key, value: m.value, target: m.target, status: m.status })),
      weights,
    ),
  };
}

async function loadParts(db: Db, vendorId: number, weeks: WeekStart[]): Promise<Map<WeekStart, Parts>> {
  const sums = PART_KEYS.map((key) => sql`coalesce(sum(${sql.ref(partColumn(key))}), 0)::float8 AS ${sql.ref(key)}`);
  const { rows } = await sql<Parts & { week: string }>`
    SELECT week::text AS week, ${sql.join(sums)}
    FROM weekly_parts
    WHERE vendor_id = ${vendorId} AND week = ANY(${weeks}::date[])
    GROUP BY week`.execute(db);
  return new Map(rows.map((row) => [row.week, addParts(emptyParts(), row)]));
}

async function loadDistributions(db: Db, vendorId: number, weeks: WeekStart[]): Promise<Map<string, Distribution>> {
  const rows = await db
    .selectFrom('weekly_distributions')
    .select(['week', 'metric', 'n', 'median_seconds', 'p90_seconds', 'mean_seconds'])
    .where('vendor_id', '=', vendorId)
    .where('week', 'in', weeks)
    .execute();
  return new Map(
    rows.map((r) => [
      `${r.week}|${r.metric}`,
      { n: r.n, median: r.median_seconds, p90: r.p90_seconds, mean: r.mean_seconds },
    ]),
  );
}

/** Global targets and this vendor's own: another vendor's targets are never read. */
async function loadTargets(db: Db, vendorId: number): Promise<Target[]> {
  const rows = await db
    .selectFrom('targets')
    .select(['id', 'metric', 'value', 'vendor_id', 'channel', 'queue', 'effective_from'])
    .where((eb) => eb.or([eb('vendor_id', 'is', null), eb('vendor_id', '=', vendorId)]))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    metric: r.metric as MetricKey,
    value: r.value,
    vendorId: r.vendor_id,
    channel: r.channel,
    queue: r.queue,
    effectiveFrom: r.effective_from,
  }));
}
