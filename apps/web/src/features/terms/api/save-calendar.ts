import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiBody } from '../../../lib/api-types.ts';
import type { Calendar } from './list-calendars.ts';

/** holidayList: one date per line (YYYY-MM-DD, a name may follow). */
export type CalendarInput = ApiBody<'createCalendar'>;

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
