import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export interface Calendar {
  id: number;
  name: string;
  timeZone: string;
  hours: { weekday: number; start: string; end: string }[];
  holidays: string[];
  description: string;
}

export function listCalendars(signal?: AbortSignal) {
  return apiFetch<{ items: Calendar[] }>('/api/calendars', { signal });
}

export const calendarsQueryOptions = () =>
  queryOptions({ queryKey: ['calendars'], queryFn: ({ signal }) => listCalendars(signal) });

export function useCalendars() {
  return useQuery(calendarsQueryOptions());
}
