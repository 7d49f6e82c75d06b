import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type Calendar = ApiResponse<'listCalendars'>['items'][number];

export function listCalendars(signal?: AbortSignal) {
  return apiFetch<ApiResponse<'listCalendars'>>('/api/calendars', { signal });
}

export const calendarsQueryOptions = () =>
  queryOptions({ queryKey: ['calendars'], queryFn: ({ signal }) => listCalendars(signal) });

export function useCalendars() {
  return useQuery(calendarsQueryOptions());
}
