/**
 * One vendor's scorecard for one week, as the report shows it: value, target, status and week-over-week
 * change per metric, and the composite. Reads through the metrics engine's readers (metrics/read.ts) and
 * applies its rules (packages/domain/src/metrics): nothing is recomputed from cases here. Every read is
 * filtered to the one vendor. (The dashboard's assembly of the same cells lives in apps/api, out of the
 * worker's reach; the rules are shared, so the two agree.)
 */
import { METRICS, metricValue, type MetricKey } from '@scorecard/domain/metrics/catalogue';
import { emptyParts } from '@scorecard/domain/metrics/parts';
import { compositeScore, metricStatus, selectTarget, weekOverWeekChange, type Target } from '@scorecard/domain/metrics/targets';
import type { ReportMetric } from '@scorecard/domain/reports/report-model';
import { addWeeks, type WeekStart } from '@scorecard/domain/weeks';
import type { Db } from '../database.ts';
import { readParts, readStoredDistributions } from '../metrics/read.ts';
import { readMetricSettings } from '../metrics/settings.ts';

export interface VendorWeekScorecard {
  metrics: ReportMetric[];
  composite: number | null;
}

export async function loadVendorWeekScorecard(db: Db, vendorId: number, week: WeekStart): Promise<VendorWeekScorecard> {
  const previousWeek = addWeeks(week, -1);
  const [partRows, distributionRows, targets, settings] = await Promise.all([
    readParts(db, { vendorId }, previousWeek, week),
    readStoredDistributions(db, vendorId, previousWeek, week),
    loadTargets(db, vendorId),
    readMetricSettings(db),
  ]);
  const partsOf = (w: WeekStart) => partRows.find((r) => r.week === w)?.parts ?? emptyParts();
  const distributionOf = (w: WeekStart, key: MetricKey) =>
    distributionRows.find((r) => r.week === w && r.metric === key)?.distribution ?? null;

  const metrics = METRICS.map((definition): ReportMetric => {
    const current = metricValue(definition.key, partsOf(week), distributionOf(week, definition.key));
    const previous = metricValue(definition.key, partsOf(previousWeek), distributionOf(previousWeek, definition.key));
    const target = definition.direction === 'none' ? null : selectTarget(targets, { metric: definition.key, vendorId, week });
    return {
      key: definition.key,
      label: definition.label,
      unit: definition.unit,
      direction: definition.direction,
      value: current.value,
      reason: current.reason,
      target: target?.value ?? null,
      status: metricStatus(definition.direction, current.value, target?.value ?? null, current.sample, settings.minSample),
      previous: previous.value,
      change: weekOverWeekChange(current.value, previous.value),
      sample: current.sample,
    };
  });
  return {
    metrics,
    composite: compositeScore(
      metrics.map((m) => ({ metric: m.key, value: m.value, target: m.target, status: m.status })),
      settings.compositeWeights as Partial<Record<MetricKey, number>>,
    ),
  };
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
