import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type WeekToDate = ApiResponse<'getWeekToDateScorecard'>;

export type Projection = WeekToDate['rows'][number]['metrics'][number]['projection'];

export const weekToDateQueryOptions = () =>
  queryOptions({
    queryKey: ['scorecards', 'week-to-date'],
    queryFn: ({ signal }) => apiFetch<WeekToDate>('/api/scorecards/week-to-date', { signal }),
  });

export function useWeekToDate() {
  return useQuery(weekToDateQueryOptions());
}
