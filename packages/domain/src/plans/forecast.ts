/**
 * Plan forecast, pure: can an active plan still reach N consecutive met weeks before its due date,
 * the earliest week it can be achieved, and each metric's projected value at the due week. Counted weeks are
 * those of decidePlanOutcome (rules.ts): after the baseline week, starting on or before the due date.
 */
import { addWeeks, weekRange, type WeekStart } from '../weeks.ts';
import { mondayOf, type PlanWeek } from './rules.ts';

export interface ForecastMetric {
  metric: string;
  target: number;
  /** Complete weeks after the baseline, with their status against the plan's target and their value. */
  weeks: readonly (PlanWeek & { value: number | null })[];
  /** The current week's projected status (week-to-date); null when not projected. */
  currentWeekMet: boolean | null;
}

export interface ForecastInput {
  baselineWeek: WeekStart;
  dueDate: string;
  currentWeek: WeekStart;
  requiredWeeks: number;
  metrics: readonly ForecastMetric[];
}

export interface MetricTrend {
  metric: string;
  /** Least-squares line through the recent complete weeks' values, read at the due week. */
  projectedAtDue: number | null;
  method: string;
  weeksUsed: number;
}

export interface PlanForecast {
  achievable: boolean;
  /** The week in which the N-th consecutive met week would fall if every week from now on is met. */
  earliestWeek: WeekStart | null;
  dueWeek: WeekStart;
  /** Met weeks in a row ending with the last complete week. */
  currentStreak: number;
  /** Counted weeks still to come, the current one included. */
  weeksLeft: number;
  reason: string;
  trends: MetricTrend[];
}

export const TREND_WINDOW_WEEKS = 8;
export const TREND_METHOD = `least-squares line through the last ${TREND_WINDOW_WEEKS} complete weeks with a value`;

export function forecastPlan(input: ForecastInput): PlanForecast {
  const dueWeek = mondayOf(input.dueDate);
  const firstCounted = addWeeks(input.baselineWeek, 1);
  const lastComplete = addWeeks(input.currentWeek, -1);
  const metWeeks = input.metrics.map((m) => new Set(m.weeks.filter((w) => w.status === 'met').map((w) => w.week)));
  let streak = 0;
  if (firstCounted <= lastComplete) {
    for (const week of weekRange(firstCounted, [lastComplete, dueWeek].sort()[0]!)) {
      streak = metWeeks.every((met) => met.has(week)) ? streak + 1 : 0;
    }
  }
  const start = [input.currentWeek, firstCounted].sort()[1]!;
  const weeksLeft = start > dueWeek ? 0 : weekRange(start, dueWeek).length;
  const trends = input.metrics.map((m) => trendAt(m, dueWeek));
  const base = { dueWeek, currentStreak: streak, weeksLeft, trends };
  if (input.metrics.length === 0)
    return { ...base, achievable: false, earliestWeek: null, reason: 'plan tracks no metric' };
  if (streak >= input.requiredWeeks) {
    return { ...base, achievable: true, earliestWeek: lastComplete, reason: 'already on target long enough' };
  }
  // The current week extends the streak only if every metric is projected to be met in it.
  const currentBreaks = input.currentWeek === start && input.metrics.some((m) => m.currentWeekMet === false);
  const carried = start === addWeeks(lastComplete, 1) && !currentBreaks ? streak : 0;
  const firstNew = currentBreaks ? addWeeks(start, 1) : start;
  const earliestWeek = addWeeks(firstNew, input.requiredWeeks - carried - 1);
  if (earliestWeek > dueWeek) {
    const why = currentBreaks ? 'the current week is projected to miss, so ' : '';
    return {
      ...base,
      achievable: false,
      earliestWeek,
      reason: `${why}${input.requiredWeeks} consecutive met weeks cannot end by the due week ${dueWeek}`,
    };
  }
  return { ...base, achievable: true, earliestWeek, reason: `achievable if every week from ${firstNew} is met` };
}

function weekIndex(week: WeekStart): number {
  return Math.round(Date.parse(`${week}T00:00:00Z`) / (7 * 86_400_000));
}

function trendAt(metric: ForecastMetric, dueWeek: WeekStart): MetricTrend {
  const points = metric.weeks
    .filter((w) => w.value !== null)
    .sort((a, b) => (a.week < b.week ? -1 : 1))
    .slice(-TREND_WINDOW_WEEKS)
    .map((w) => ({ x: weekIndex(w.week), y: w.value! }));
  const base = { metric: metric.metric, method: TREND_METHOD, weeksUsed: points.length };
  if (points.length === 0) return { ...base, projectedAtDue: null };
  const meanX = points.reduce((s, p) => s + p.x, 0) / points.length;
  const meanY = points.reduce((s, p) => s + p.y, 0) / points.length;
  const sxx = points.reduce((s, p) => s + (p.x - meanX) ** 2, 0);
  const slope = sxx === 0 ? 0 : points.reduce((s, p) => s + (p.x - meanX) * (p.y - meanY), 0) / sxx;
  return { ...base, projectedAtDue: meanY + slope * (weekIndex(dueWeek) - meanX) };
}
