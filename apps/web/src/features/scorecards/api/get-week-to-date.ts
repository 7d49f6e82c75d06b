import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export interface Projection {
  method: 'trailing_rate' | 'observed_so_far';
  value: number | null;
  status: string;
  interval?: { low: number; high: number } | null;
  intervalMethod?: string;
  requiredRate?: number | null;
  requiredState?: string;
  formula?: string;
  note?: string;
  inputs: {
    target: number | null;
    nSoFar: number;
    goodSoFar?: number;
    expectedRemaining?: number;
    trailingRate?: number | null;
    trailingN?: number;
  };
}

export interface WeekToDate {
  week: string;
  weekStart: string;
  partial: boolean;
  daysCovered: number;
  elapsedDays: number;
  asOf: string;
  patternWeeks: number;
  rows: {
    vendorId: number;
    vendorName: string;
    metrics: {
      metric: string;
      value: number | null;
      target: number | null;
      status: string;
      sample: number;
      projection: Projection;
    }[];
  }[];
}

export const weekToDateQueryOptions = () =>
  queryOptions({
    queryKey: ['scorecards', 'week-to-date'],
    queryFn: ({ signal }) => apiFetch<WeekToDate>('/api/scorecards/week-to-date', { signal }),
  });

export function useWeekToDate() {
  return useQuery(weekToDateQueryOptions());
}
