/**
 * The current month's credit exposure of one vendor (docs/credits.md "Exposure this month"): the month's
 * amounts so far from its cases (month-figures.ts), the weekday pattern of the PATTERN_WEEKS weeks before the
 * current week and the trailing 7 local days ending today from the daily parts (alerts/daily-parts.ts), the
 * money terms in force; the projection and the statement it implies are packages/domain's.
 */
import { projectExposure, type Exposure, type SoFar } from '@scorecard/domain/credits/exposure';
import { metricDefinition, metricValue, type MetricKey } from '@scorecard/domain/metrics/catalogue';
import type { Parts } from '@scorecard/domain/metrics/parts';
import { localMonth, monthElapsedDays, monthWeekdays } from '@scorecard/domain/projections/month-to-date';
import {
  addAmounts,
  expectedRemaining,
  weekdayMeans,
  ZERO,
  type Amounts,
} from '@scorecard/domain/projections/projection';
import { addWeeks, weekOf } from '@scorecard/domain/weeks';
import type { Db } from '../database.ts';
import { readDailyParts } from '../alerts/daily-parts.ts';
import { PATTERN_WEEKS } from '../alerts/week-to-date.ts';
import { monthInputs } from './credit-terms.ts';
import { monthFigures } from './month-figures.ts';
import { history, monthStart } from './statements.ts';

export interface MonthExposure extends Exposure {
  month: string;
  asOf: string;
  elapsedDays: number;
  daysInMonth: number;
  patternWeeks: number;
  volume: { soFar: number; projected: number; forecast: number | null };
}

const dayAfter = (day: string, offset: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

/** null when no money terms are in force for the vendor's current month. */
/** The month asked about, where no money terms are in force in it: nothing to project, an answer all the same. */
export interface NoMoneyTerms {
  month: string;
  termsInForce: false;
}

export async function monthExposure(
  db: Db,
  vendorId: number,
  asOf: Date,
): Promise<(MonthExposure & { termsInForce: true }) | NoMoneyTerms> {
  const { reporting_time_zone: timeZone } = await db
    .selectFrom('organisation_settings')
    .select('reporting_time_zone')
    .executeTakeFirstOrThrow();
  const month = localMonth(asOf, timeZone);
  const inputs = await monthInputs(db, vendorId, monthStart(month));
  if (!inputs) return { month, termsInForce: false };
  const weekdays = monthWeekdays(month);
  const elapsed = monthElapsedDays(month, asOf, timeZone);
  const today = dayAfter(monthStart(month), Math.min(Math.floor(elapsed), weekdays.length - 1));
  const firstPatternWeek = addWeeks(weekOf(asOf, timeZone), -PATTERN_WEEKS);
  const [{ parts, figures }, daily, past] = await Promise.all([
    monthFigures(db, vendorId, monthStart(month)),
    readDailyParts(
      db,
      firstPatternWeek < dayAfter(today, -6) ? firstPatternWeek : dayAfter(today, -6),
      today,
      vendorId,
    ),
    history(db, vendorId, month, inputs.terms.defaultRule.windowMonths),
  ]);
  const byDay = new Map<string, Parts>(daily.map((d) => [d.day, d.parts]));
  const amountsOn = (metric: MetricKey | 'volume', day: string): Amounts => {
    const dayParts = byDay.get(day);
    if (!dayParts) return ZERO;
    const value = metricValue(metric, dayParts);
    return { numerator: value.numerator, denominator: value.denominator };
  };
  const pattern = (metric: MetricKey | 'volume') =>
    weekdayMeans(
      Array.from({ length: PATTERN_WEEKS }, (_, w) =>
        Array.from({ length: 7 }, (_, d) => amountsOn(metric, dayAfter(addWeeks(firstPatternWeek, w), d)).denominator),
      ),
    );
  const remaining = (metric: MetricKey | 'volume') => expectedRemaining(pattern(metric), weekdays, elapsed);

  const soFar = new Map<MetricKey, SoFar>();
  for (const level of inputs.levels) {
    const definition = metricDefinition(level.metric);
    if (definition.kind === 'median') {
      const figure = figures.get(level.metric);
      soFar.set(level.metric, { kind: 'median', value: figure?.value ?? null, n: figure?.n ?? 0 });
      continue;
    }
    const value = metricValue(level.metric, parts);
    const trailingDays = Array.from({ length: 7 }, (_, i) => amountsOn(level.metric, dayAfter(today, i - 6)));
    soFar.set(level.metric, {
      kind: 'ratio',
      soFar: { numerator: value.numerator, denominator: value.denominator },
      trailing: addAmounts(...trailingDays),
      trailingDays,
      expectedRemaining: remaining(level.metric),
    });
  }
  const projectedVolume = Math.round(parts.volume + remaining('volume'));
  const exposure = projectExposure({
    month,
    terms: inputs.terms,
    levels: inputs.levels,
    soFar,
    history: past,
    volume: { actual: projectedVolume, forecast: inputs.forecast },
    reliefEvents: inputs.reliefEvents,
  });
  return {
    ...exposure,
    termsInForce: true,
    month,
    asOf: asOf.toISOString(),
    elapsedDays: elapsed,
    daysInMonth: weekdays.length,
    patternWeeks: PATTERN_WEEKS,
    volume: { soFar: parts.volume, projected: projectedVolume, forecast: inputs.forecast },
  };
}
