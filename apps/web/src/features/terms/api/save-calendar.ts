import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { Calendar } from './list-calendars.ts';

export interface CalendarInput {
  name: string;
  timeZone: string;
  hours: { weekday: number; start: string; end: string }[];
  /** One date per line (YYYY-MM-DD, a name may follow). */
  holidayList: string;
}

export function createCalendar(input: CalendarInput) {
  return apiFetch<Calendar>('/api/calendars', { method: 'POST', body: input });
}

export function useCreateCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCalendar,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['calendars'] }),
  });
}
