import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/QueryState.tsx';
import { useCan } from '../../../lib/session.ts';
import { useCalendars } from '../api/list-calendars.ts';
import { useCreateCalendar } from '../api/save-calendar.ts';
import { TimeZoneInput } from '../../../components/TimeZoneInput.tsx';

/** Business-hours calendars; ops create one from weekday hours and a pasted holiday list. */
export function CalendarsSection() {
  const calendars = useCalendars();
  const create = useCreateCalendar();
  const canEdit = useCan('ops');
  const [done, setDone] = useState<string | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (key: string) => {
      const value = form.get(key);
      return typeof value === 'string' ? value.trim() : '';
    };
    const days = form.getAll('weekday').map(Number);
    create.mutate(
      {
        name: text('name'),
        timeZone: text('timeZone'),
        hours: days.map((weekday) => ({ weekday, start: text('start'), end: text('end') })),
        holidayList: text('holidays'),
      },
      { onSuccess: (calendar) => setDone(`Created ${calendar.name}: ${calendar.description}`) },
    );
  };
  return (
    <section className="card" aria-labelledby="calendars-title">
      <h2 id="calendars-title">Business-hours calendars</h2>
      <ul>
        {(calendars.data?.items ?? []).map((c) => (
          <li key={c.id}>
            <strong>{c.name}</strong>: {c.description}
          </li>
        ))}
      </ul>
      {canEdit ? (
        <form onSubmit={onSubmit} className="calendar-form">
          <label>
            Name <input name="name" required />
          </label>
          <label>
            Time zone <TimeZoneInput id="calendar-time-zone" name="timeZone" required />
          </label>
          <fieldset>
            <legend>Open on</legend>
            {['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map((day, i) => (
              <label key={day} className="check">
                <input type="checkbox" name="weekday" value={i + 1} defaultChecked={i < 5} /> {day}
              </label>
            ))}
          </fieldset>
          <label>
            From <input name="start" type="time" defaultValue="08:00" required />
          </label>
          <label>
            To <input name="end" type="time" defaultValue="20:00" required />
            <span className="hint">At or before the start: overnight; 00:00–00:00: all day.</span>
          </label>
          <label>
            Holidays, one date per line (YYYY-MM-DD, a name may follow)
            <textarea name="holidays" rows={4} />
          </label>
          <button type="submit" className="button" disabled={create.isPending}>
            Create calendar
          </button>
          {create.isError ? <ErrorMessage error={create.error} /> : null}
          {done ? <p role="status">{done}</p> : null}
        </form>
      ) : null}
    </section>
  );
}
