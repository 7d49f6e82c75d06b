/**
 * One vendor's scorecard for one week, as the report shows it: value, target, status and week-over-week
 * change per metric, and the composite. Assembled by the same code as the dashboard's scorecard
 * (metrics/scorecard.ts); every read is filtered to the one vendor (global targets and its own only).
 */
import { METRICS } from '@scorecard/domain/metrics/catalogue';
import type { ReportMetric } from '@scorecard/domain/reports/report-model';
import type { WeekStart } from '@scorecard/domain/weeks';
import type { Db } from '@scorecard/db/database';
import { loadScorecardRows } from '@scorecard/db/metrics/scorecard';

export interface VendorWeekScorecard {
  metrics: ReportMetric[];
  composite: number | null;
  /** The quality score's 95 % interval (the email prints it beside the score and its n). */
  qualityScoreInterval: { low: number; high: number } | null;
}

export async function loadVendorWeekScorecard(db: Db, vendorId: number, week: WeekStart): Promise<VendorWeekScorecard> {
  const [row] = await loadScorecardRows(db, week, { vendorId });
  if (!row) throw new Error(`no scorecard row for vendor ${vendorId}`);
  const metrics = METRICS.map(({ key, label, unit, direction }): ReportMetric => {
    const cell = row.metrics[key];
    return {
      key,
      label,
      unit,
      direction,
      value: cell.value,
      reason: cell.reason,
      target: cell.target,
      status: cell.status,
      previous: cell.previous,
      change: cell.change,
      changeSignificant: cell.significance.change?.significant ?? false,
      sample: cell.sample,
    };
  });
  const interval = row.metrics.quality_score.interval;
  return {
    metrics,
    composite: row.composite,
    qualityScoreInterval: interval && { low: interval.low, high: interval.high },
  };
}
