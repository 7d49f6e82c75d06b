import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiQuery, ApiResponse } from '../../../lib/api-types.ts';

/** A metric column: what is the same for every vendor (label, unit, interval method, tests). */
export type MetricInfo = Scorecard['metrics'][number];

export type MetricCell = NonNullable<VendorScorecard['metrics'][string]>;

/** The contract terms a row was computed under: `scorecard.termSets[vendor.termSet]`. */
export type TermSet = Scorecard['termSets'][number];

export type Interval = NonNullable<MetricCell['interval']>;
export type Significance = NonNullable<MetricCell['changeSignificance']>;

export type RankBy = NonNullable<ApiQuery<'getScorecard'>['rankBy']>;

export type VendorScorecard = Scorecard['vendors'][number];

export type Scorecard = ApiResponse<'getScorecard'>;

export interface ScorecardFilters {
  week?: string | null;
  queue?: string | null;
  channel?: string | null;
  rankBy?: RankBy | null;
}

export function getScorecard(filters: ScorecardFilters, signal?: AbortSignal): Promise<Scorecard> {
  return apiFetch<Scorecard>('/api/scorecards', { query: { ...filters }, signal });
}

export const scorecardQueryOptions = (filters: ScorecardFilters) =>
  queryOptions({
    queryKey: [
      'scorecards',
      filters.week ?? null,
      filters.queue ?? null,
      filters.channel ?? null,
      filters.rankBy ?? 'raw',
    ],
    queryFn: ({ signal }) => getScorecard(filters, signal),
    // Switching week keeps the old table on screen until the new one arrives: no flash of "loading".
    placeholderData: keepPreviousData,
  });

export function useScorecard(filters: ScorecardFilters) {
  return useQuery(scorecardQueryOptions(filters));
}
