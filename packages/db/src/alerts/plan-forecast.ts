/**
 * The forecast of an active plan: its complete weeks through the plan evaluator's own readers
 * (plans/metric-weeks.ts, same statuses against the plan's targets) and, for the current week, the
 * week-to-date projection judged against the plan's target; forecastPlan (domain) decides the rest.
 */
import { metricDefinition, type MetricKey } from '@scorecard/domain/metrics/catalogue';
import { metricStatus } from '@scorecard/domain/metrics/targets';
import { forecastPlan, type PlanForecast } from '@scorecard/domain/plans/forecast';
import { addWeeks } from '@scorecard/domain/weeks';
import type { Db } from '../database.ts';
import { planWeekStatus, vendorMetricWeeks } from '../plans/metric-weeks.ts';
import type { PlanRow } from '../plans/plans.ts';
import type { TermsResolver } from '../terms/formulas.ts';
import type { WeekToDate } from './week-to-date.ts';

export interface PlanForecastResult extends PlanForecast {
  /** The smallest sample of the plan's metrics in the last complete week (the alerts' minimum-sample guard). */
  sample: number;
}

export async function loadPlanForecast(
  db: Db,
  plan: Pick<PlanRow, 'vendorId' | 'baselineWeek' | 'dueDate' | 'metrics'>,
  weekToDate: WeekToDate,
  requiredWeeks: number,
  resolve: TermsResolver,
): Promise<PlanForecastResult> {
  const currentWeek = weekToDate.week;
  const lastComplete = addWeeks(currentWeek, -1);
  const row = weekToDate.rows.find((r) => r.vendorId === plan.vendorId);
  const metrics = await Promise.all(
    plan.metrics.map(async (m) => {
      const metric = m.metric as MetricKey;
      const weeks = await vendorMetricWeeks(db, plan.vendorId, metric, addWeeks(plan.baselineWeek, 1), lastComplete);
      const projected = row?.metrics.find((x) => x.metric === metric)?.projection.value ?? null;
      // Whether the projected value reaches the plan's target; the sample guard applies to complete weeks only.
      const currentStatus = metricStatus(metricDefinition(metric).direction, projected, m.targetValue, 1, 0);
      return {
        metric: m.metric,
        target: m.targetValue,
        weeks: weeks.map((w) => ({
          week: w.week,
          value: w.value,
          status: planWeekStatus(metric, w, m.targetValue, resolve(plan.vendorId, w.week).minSample),
        })),
        currentWeekMet: projected === null ? null : currentStatus === 'met',
        lastSample: weeks.find((w) => w.week === lastComplete)?.sample ?? 0,
      };
    }),
  );
  const forecast = forecastPlan({
    baselineWeek: plan.baselineWeek,
    dueDate: plan.dueDate,
    currentWeek,
    requiredWeeks,
    metrics,
  });
  const sample = metrics.length === 0 ? 0 : Math.min(...metrics.map((m) => m.lastSample));
  return { ...forecast, sample };
}
