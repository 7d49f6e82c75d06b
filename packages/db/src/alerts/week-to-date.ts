/**
 * The week-to-date scorecard with projections: the current week's cells exactly as the scorecard
 * computes them (loadScorecardRows: stored parts, targets, contract terms), marked partial, and for every
 * ratio, mean and median metric the projection of packages/domain/src/projections. The weekday pattern and
 * the trailing window come from the daily parts of the previous PATTERN_WEEKS weeks.
 */
import { METRICS, metricValue, type MetricKey } from '@scorecard/domain/metrics/catalogue';
import type { Status } from '@scorecard/domain/metrics/targets';
import type { Parts } from '@scorecard/domain/metrics/parts';
import {
  expectedRemaining,
  projectMedian,
  projectRatio,
  weekdayMeans,
  ZERO,
  type Amounts,
  type Projection,
} from '@scorecard/domain/projections/projection';
import {
  partialMarking,
  sumDays,
  trailingWindow,
  WEEK_WEEKDAYS,
  type PartialMarking,
} from '@scorecard/domain/projections/week-to-date';
import { addWeeks, weekOf, type WeekStart } from '@scorecard/domain/weeks';
import type { Db } from '../database.ts';
import { loadScorecardRows } from '../metrics/scorecard.ts';
import { termsResolver } from '../terms/formulas.ts';
import { readDailyParts, type DayParts } from './daily-parts.ts';

/** Previous weeks the weekday pattern is averaged over. */
export const PATTERN_WEEKS = 4;

export interface WeekToDateMetric {
  metric: MetricKey;
  value: number | null;
  target: number | null;
  status: Status;
  sample: number;
  numerator: number;
  denominator: number;
  projection: Projection;
}

export interface WeekToDateRow {
  vendorId: number;
  /** The minimum sample of the vendor's contract terms this week (what `status` applied). */
  minSample: number;
  metrics: WeekToDateMetric[];
}

export interface WeekToDate {
  week: WeekStart;
  marking: PartialMarking;
  patternWeeks: number;
  rows: WeekToDateRow[];
}

// Projected from the cases' days; the review metrics have no daily parts (a review week is not projected).
const PROJECTED = METRICS.filter((m) => m.kind !== 'count' && m.attribution !== 'review');

function dayOf(week: WeekStart, offset: number): string {
  return new Date(Date.parse(`${week}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** The 7 daily amounts (Monday first) of one metric for one vendor and week. */
function weekDays(byDay: Map<string, Parts>, week: WeekStart, metric: MetricKey): Amounts[] {
  return WEEK_WEEKDAYS.map((offset) => {
    const parts = byDay.get(dayOf(week, offset));
    if (!parts) return ZERO;
    const value = metricValue(metric, parts);
    return { numerator: value.numerator, denominator: value.denominator };
  });
}

export async function loadWeekToDate(db: Db, asOf: Date, vendorId?: number): Promise<WeekToDate> {
  const { reporting_time_zone: timeZone } = await db
    .selectFrom('organisation_settings')
    .select('reporting_time_zone')
    .executeTakeFirstOrThrow();
  const week = weekOf(asOf, timeZone);
  const marking = partialMarking(week, asOf, timeZone);
  const firstPatternWeek = addWeeks(week, -PATTERN_WEEKS);
  const [rows, daily, resolve] = await Promise.all([
    loadScorecardRows(db, week, vendorId === undefined ? {} : { vendorId }),
    readDailyParts(db, firstPatternWeek, dayOf(week, 6), vendorId),
    termsResolver(db),
  ]);
  const dailyByVendor = new Map<number, Map<string, Parts>>();
  for (const row of daily satisfies DayParts[]) {
    const days = dailyByVendor.get(row.vendorId) ?? new Map<string, Parts>();
    dailyByVendor.set(row.vendorId, days.set(row.day, row.parts));
  }
  const previousWeeks = Array.from({ length: PATTERN_WEEKS }, (_, i) => addWeeks(firstPatternWeek, i));
  return {
    week,
    marking,
    patternWeeks: PATTERN_WEEKS,
    rows: rows.map((row) => {
      const byDay = dailyByVendor.get(row.vendorId) ?? new Map<string, Parts>();
      const minSample = resolve(row.vendorId, week).minSample;
      return {
        vendorId: row.vendorId,
        minSample,
        metrics: PROJECTED.map((definition) => {
          const cell = row.metrics[definition.key];
          const base = {
            metric: definition.key,
            value: cell.value,
            target: cell.target,
            status: cell.status,
            sample: cell.sample,
            numerator: cell.numerator,
            denominator: cell.denominator,
          };
          if (definition.kind === 'median') {
            return {
              ...base,
              projection: projectMedian(definition.key, cell.value, cell.sample, cell.target, minSample),
            };
          }
          const current = weekDays(byDay, week, definition.key);
          const history = previousWeeks.map((w) => weekDays(byDay, w, definition.key));
          const trailingDays = trailingWindow(current, history[history.length - 1]!, marking.daysCovered);
          const projection = projectRatio({
            metric: definition.key,
            target: cell.target,
            minSample,
            soFar: { numerator: cell.numerator, denominator: cell.denominator },
            trailing: sumDays(trailingDays),
            trailingDays,
            expectedRemaining: expectedRemaining(
              weekdayMeans(history.map((days) => days.map((d) => d.denominator))),
              WEEK_WEEKDAYS,
              marking.elapsedDays,
            ),
          });
          return { ...base, projection };
        }),
      };
    }),
  };
}
