import { describe, expect, it } from 'vitest';
import {
  businessSeconds,
  describeCalendar,
  localToInstant,
  type BusinessCalendar,
  type OpeningHours,
} from './business-time.ts';

const weekdays = (startMinute: number, endMinute: number, days = [1, 2, 3, 4, 5]): OpeningHours[] =>
  days.map((weekday) => ({ weekday, startMinute, endMinute }));

const manila: BusinessCalendar = { timeZone: 'Asia/Manila', hours: weekdays(8 * 60, 20 * 60), holidays: [] };
const overnight: BusinessCalendar = { timeZone: 'UTC', hours: weekdays(22 * 60, 6 * 60), holidays: [] };
const split: BusinessCalendar = {
  timeZone: 'UTC',
  hours: [...weekdays(9 * 60, 12 * 60), ...weekdays(13 * 60, 17 * 60)],
  holidays: [],
};
const berlin247: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  hours: weekdays(0, 1440, [1, 2, 3, 4, 5, 6, 7]),
  holidays: [],
};
const berlinNights: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  hours: weekdays(22 * 60, 6 * 60, [1, 2, 3, 4, 5, 6, 7]),
  holidays: [],
};
const manilaHoliday: BusinessCalendar = { ...manila, holidays: ['2026-11-30'] };

// 2026-11-20 is a Friday; Manila is UTC+8 all year.
const cases: { name: string; calendar: BusinessCalendar; from: string; to: string; seconds: number }[] = [
  {
    name: 'Friday 19:59 to Monday 08:01 Manila',
    calendar: manila,
    from: '2026-11-20T19:59:00+08:00',
    to: '2026-11-23T08:01:00+08:00',
    seconds: 120,
  },
  {
    name: 'created Saturday, answered Monday 08:30',
    calendar: manila,
    from: '2026-11-21T10:00:00+08:00',
    to: '2026-11-23T08:30:00+08:00',
    seconds: 1800,
  },
  {
    name: 'created before opening, answered 09:00',
    calendar: manila,
    from: '2026-11-23T06:00:00+08:00',
    to: '2026-11-23T09:00:00+08:00',
    seconds: 3600,
  },
  {
    name: 'created and answered while closed',
    calendar: manila,
    from: '2026-11-23T21:00:00+08:00',
    to: '2026-11-24T07:00:00+08:00',
    seconds: 0,
  },
  {
    name: 'inside one day',
    calendar: manila,
    from: '2026-11-23T10:00:00+08:00',
    to: '2026-11-23T10:00:20+08:00',
    seconds: 20,
  },
  {
    name: 'a full week',
    calendar: manila,
    from: '2026-11-23T00:00:00+08:00',
    to: '2026-11-30T00:00:00+08:00',
    seconds: 5 * 12 * 3600,
  },
  {
    name: 'holiday Monday skipped',
    calendar: manilaHoliday,
    from: '2026-11-27T19:00:00+08:00',
    to: '2026-12-01T09:00:00+08:00',
    seconds: 2 * 3600,
  },
  {
    name: 'overnight shift across midnight',
    calendar: overnight,
    from: '2026-11-23T23:00:00Z',
    to: '2026-11-24T05:00:00Z',
    seconds: 6 * 3600,
  },
  {
    name: 'overnight Friday shift ends Saturday 06:00',
    calendar: overnight,
    from: '2026-11-27T21:00:00Z',
    to: '2026-11-28T12:00:00Z',
    seconds: 8 * 3600,
  },
  {
    name: 'Sunday night: no shift starts Sunday',
    calendar: overnight,
    from: '2026-11-29T22:00:00Z',
    to: '2026-11-30T06:00:00Z',
    seconds: 0,
  },
  {
    name: 'lunch break left out',
    calendar: split,
    from: '2026-11-23T11:00:00Z',
    to: '2026-11-23T14:00:00Z',
    seconds: 2 * 3600,
  },
  {
    name: 'reversed instants',
    calendar: manila,
    from: '2026-11-23T12:00:00+08:00',
    to: '2026-11-23T11:00:00+08:00',
    seconds: 0,
  },
  // Berlin springs forward 2026-03-29 02:00 → 03:00 and falls back 2026-10-25 03:00 → 02:00.
  {
    name: '24/7 across spring DST day is 23 h',
    calendar: berlin247,
    from: '2026-03-28T23:00:00Z',
    to: '2026-03-29T22:00:00Z',
    seconds: 23 * 3600,
  },
  {
    name: 'night shift on the spring DST night is 7 h',
    calendar: berlinNights,
    from: '2026-03-28T12:00:00Z',
    to: '2026-03-29T12:00:00Z',
    seconds: 7 * 3600,
  },
  {
    name: 'night shift on the autumn DST night is 9 h',
    calendar: berlinNights,
    from: '2026-10-24T12:00:00Z',
    to: '2026-10-25T12:00:00Z',
    seconds: 9 * 3600,
  },
];

describe('businessSeconds', () => {
  it.each(cases)('$name', ({ calendar, from, to, seconds }) => {
    expect(businessSeconds(new Date(from), new Date(to), calendar)).toBe(seconds);
  });

  it('a holiday cuts an overnight shift at local midnight', () => {
    const calendar: BusinessCalendar = { ...overnight, holidays: ['2026-11-24'] };
    expect(businessSeconds(new Date('2026-11-23T00:00:00Z'), new Date('2026-11-25T12:00:00Z'), calendar)).toBe(
      2 * 3600 + 6 * 3600,
    );
  });
});

describe('localToInstant (as PostgreSQL AT TIME ZONE)', () => {
  it.each([
    [
      'a missing spring time takes the offset before',
      '2026-03-29T02:30:00Z',
      'Europe/Berlin',
      '2026-03-29T01:30:00.000Z',
    ],
    [
      'a repeated autumn time takes the offset after',
      '2026-10-25T02:30:00Z',
      'Europe/Berlin',
      '2026-10-25T01:30:00.000Z',
    ],
    ['New York spring gap', '2026-03-08T02:30:00Z', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    ['New York autumn overlap', '2026-11-01T01:30:00Z', 'America/New_York', '2026-11-01T06:30:00.000Z'],
  ])('%s', (_name, wall, zone, instant) => {
    expect(new Date(localToInstant(Date.parse(wall), zone)).toISOString()).toBe(instant);
  });
});

describe('describeCalendar', () => {
  it('groups days with the same hours', () => {
    expect(describeCalendar(manila)).toBe('Mon–Fri 08:00–20:00 Asia/Manila');
    expect(describeCalendar(berlin247)).toBe('24/7 Europe/Berlin');
    expect(describeCalendar(manilaHoliday)).toBe('Mon–Fri 08:00–20:00 Asia/Manila, 1 holiday(s) closed');
  });
});
