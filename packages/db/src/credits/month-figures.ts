/**
 * A vendor's figures for one calendar month, from the month's cases in SQL (never averaged from weeks): the
 * additive parts of case_facts summed by each part's attribution (arrival, completion, survey) falling in the
 * month in the organisation's reporting time zone, and the medians from the month's cases. The ratio rules
 * come from the metric catalogue (packages/domain/src/metrics/catalogue.ts metricValue).
 */
import { sql } from 'kysely';
import type { MonthFigure } from '@scorecard/domain/credits/statement';
import { metricDefinition, metricValue, type MetricKey } from '@scorecard/domain/metrics/catalogue';
import { emptyParts, PART_KEYS, type Parts } from '@scorecard/domain/metrics/parts';
import { wilsonInterval } from '@scorecard/domain/stats/intervals';
import type { Db } from '../database.ts';

/** Parts in PART_KEYS order: (part key, case_facts expression under the alias `f`, attribution). */
export const PART_SQL: Record<(typeof PART_KEYS)[number], [string, 'a' | 'c' | 's']> = {
  volume: ['f.volume', 'a'],
  escalated: ['f.escalated', 'a'],
  liveOffered: ['f.live_offered', 'a'],
  liveAnsweredWithin: ['f.live_answered_within', 'a'],
  liveAbandoned: ['f.live_abandoned', 'a'],
  asyncDue: ['f.async_due', 'a'],
  asyncMet: ['f.async_met', 'a'],
  frtCount: ['(f.frt_seconds IS NOT NULL)::int', 'a'],
  frtSecondsSum: ['coalesce(f.frt_seconds, 0)', 'a'],
  solved: ['f.solved', 'c'],
  handleCount: ['(f.handle_seconds IS NOT NULL)::int', 'c'],
  handleSecondsSum: ['coalesce(f.handle_seconds, 0)', 'c'],
  fcrResolved: ['f.fcr_resolved', 'c'],
  reopened: ['f.reopened', 'c'],
  resolutionCount: ['f.solved', 'c'],
  resolutionSecondsSum: ['coalesce(f.resolution_seconds, 0)', 'c'],
  csatResponses: ['f.csat_responded', 's'],
  csatSatisfied: ['f.csat_satisfied', 's'],
};

export interface MonthFigures {
  parts: Parts;
  figures: Map<MetricKey, MonthFigure>;
}

/** `month` is the first day, 'YYYY-MM-01'. */
export async function monthFigures(db: Db, vendorId: number, month: string): Promise<MonthFigures> {
  const sums = PART_KEYS.map((key) => {
    const [expression, attribution] = PART_SQL[key];
    return sql`coalesce(sum(${sql.raw(expression)}) FILTER (WHERE ${sql.raw(`in_${attribution}`)}), 0)::double precision AS ${sql.ref(key)}`;
  });
  // Index-backed window: a case counts in the month when it was created, solved or surveyed in it.
  const result = await sql<Record<string, number | null>>`
    WITH bounds AS (
      SELECT (${month}::date::timestamp AT TIME ZONE reporting_time_zone) AS from_ts,
             ((${month}::date + interval '1 month')::timestamp AT TIME ZONE reporting_time_zone) AS to_ts
      FROM organisation_settings
    ), facts AS (
      SELECT f.*,
        f.created_at >= b.from_ts AND f.created_at < b.to_ts AS in_a,
        f.solved_at >= b.from_ts AND f.solved_at < b.to_ts AS in_c,
        f.csat_responded = 1 AND coalesce(f.csat_at, f.solved_at) >= b.from_ts
          AND coalesce(f.csat_at, f.solved_at) < b.to_ts AS in_s
      FROM bounds b
      JOIN case_facts f ON f.vendor_id = ${vendorId}
        AND ((f.created_at >= b.from_ts AND f.created_at < b.to_ts) OR (f.solved_at >= b.from_ts AND f.solved_at < b.to_ts)
          OR (f.csat_at >= b.from_ts AND f.csat_at < b.to_ts))
    ), medians AS (
      -- The median's 95 % interval as in the recompute: n as a window count, so the fraction is per group.
      SELECT s.metric, s.n, percentile_cont(0.5) WITHIN GROUP (ORDER BY s.seconds) AS median,
        percentile_disc((median_ci_rank(s.n) - 0.5) / s.n) WITHIN GROUP (ORDER BY s.seconds) AS low,
        percentile_disc((s.n - median_ci_rank(s.n) + 0.5) / s.n) WITHIN GROUP (ORDER BY s.seconds) AS high
      FROM (
        SELECT d.metric, d.seconds, count(*) OVER (PARTITION BY d.metric) AS n
        FROM facts f
        CROSS JOIN LATERAL (VALUES ('frt', f.frt_seconds, f.in_a), ('resolution_time', f.resolution_seconds, f.in_c))
          d(metric, seconds, counted)
        WHERE d.seconds IS NOT NULL AND d.counted
      ) s
      GROUP BY s.metric, s.n
    )
    SELECT ${sql.join(sums)},
      (SELECT median FROM medians WHERE metric = 'frt') AS frt_median,
      (SELECT low FROM medians WHERE metric = 'frt') AS frt_low,
      (SELECT high FROM medians WHERE metric = 'frt') AS frt_high,
      (SELECT median FROM medians WHERE metric = 'resolution_time') AS resolution_time_median,
      (SELECT low FROM medians WHERE metric = 'resolution_time') AS resolution_time_low,
      (SELECT high FROM medians WHERE metric = 'resolution_time') AS resolution_time_high
    FROM facts f`.execute(db);
  const row = result.rows[0] ?? {};
  // Only the cases' parts: credits are computed for the case metrics (the quality parts stay 0).
  const parts: Parts = emptyParts();
  for (const key of PART_KEYS) parts[key] = Number(row[key] ?? 0);
  const figures = new Map<MetricKey, MonthFigure>();
  for (const key of [
    'csat',
    'service_level',
    'aht',
    'frt',
    'fcr',
    'resolution_time',
    'reopen_rate',
    'escalation_rate',
    'abandon_rate',
  ] as const) {
    const definition = metricDefinition(key);
    if (definition.kind === 'median') {
      const median = row[`${key}_median`] ?? null;
      const value = metricValue(key, parts, { n: 0, median, p90: null, mean: null });
      figures.set(key, {
        value: value.value,
        n: value.sample,
        low: row[`${key}_low`] ?? null,
        high: row[`${key}_high`] ?? null,
      });
    } else {
      const value = metricValue(key, parts);
      const interval = definition.unit === '%' ? wilsonInterval(value.numerator, value.denominator) : null;
      figures.set(key, {
        value: value.value,
        n: value.sample,
        low: interval ? interval.low * 100 : null,
        high: interval ? interval.high * 100 : null,
      });
    }
  }
  return { parts, figures };
}
