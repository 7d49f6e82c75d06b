import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { Unit } from '../../../lib/format.ts';
import type { Status } from '../../../components/StatusBadge.tsx';

export interface MetricInfo {
  key: string;
  label: string;
  unit: Unit;
  direction: 'higher' | 'lower' | 'none';
}

export interface MetricCell {
  value: number | null;
  reason?: string | null;
  numerator?: number | null;
  denominator?: number | null;
  sample?: number | null;
  target: number | null;
  status: Status;
  previous: number | null;
  change: number | null;
  trend: (number | null)[];
  detail?: Record<string, number | null>;
  /** 95 % interval of the value: Wilson for rates, order statistics for medians; null otherwise. */
  interval?: Interval | null;
  significance?: { change: Significance | null; target: Significance | null };
}

export interface Interval {
  low: number;
  high: number;
  level: number;
  method: string;
}
export interface Significance {
  significant: boolean;
  pValue: number;
  method: string;
}

export type RankBy = 'raw' | 'adjusted';

export interface VendorScorecard {
  vendorId: number;
  vendorName: string;
  rank: number | null;
  composite: number | null;
  adjustedComposite?: number | null;
  metrics: Record<string, MetricCell | undefined>;
  /** The contract terms the row was computed under: each metric's formula, the status rule and the composite's. */
  terms?: {
    calendarName: string | null;
    formulas: Record<string, string>;
    minSample?: number;
    compositeWeights?: Record<string, number>;
    statusRule?: string;
    compositeFormula?: string;
  };
}

export interface Scorecard {
  week: string;
  rankBy?: RankBy;
  weekStart: string;
  availableWeeks: string[];
  metrics: MetricInfo[];
  vendors: VendorScorecard[];
}

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
