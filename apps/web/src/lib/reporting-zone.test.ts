import { describe, expect, it } from 'vitest';
import { formatDateTime } from './format.ts';
import { currentWeekLabel, instantToZonedInput, zonedInputToIso } from './reporting-zone.ts';

// Sunday 22 November 2026, 23:30 UTC: already Monday 23 November (ISO week 48) in Berlin, still week 47 in
// UTC and in New York (18:30 on Sunday).
const SUNDAY_LATE_UTC = new Date('2026-11-22T23:30:00Z');

describe('the dashboard follows the reporting zone, not the browser', () => {
  it.each([
    ['UTC', '2026-W47'],
    ['Europe/Berlin', '2026-W48'],
    ['America/New_York', '2026-W47'],
  ])('current week in %s is %s', (zone, label) => {
    expect(currentWeekLabel(zone, SUNDAY_LATE_UTC)).toBe(label);
  });

  it('shows a case time as the wall clock of the given zone', () => {
    expect(formatDateTime(SUNDAY_LATE_UTC.toISOString(), 'Europe/Berlin')).toBe('23 Nov 2026, 00:30');
    expect(formatDateTime(SUNDAY_LATE_UTC.toISOString(), 'UTC')).toBe('22 Nov 2026, 23:30');
  });

  it.each([
    ['UTC', '2026-11-22T23:30'],
    ['Europe/Berlin', '2026-11-23T00:30'],
    ['America/New_York', '2026-11-22T18:30'],
  ])('fills a date/time field with the wall clock in %s (%s) and reads it back as the same instant', (zone, value) => {
    expect(instantToZonedInput(SUNDAY_LATE_UTC, zone)).toBe(value);
    expect(zonedInputToIso(value, zone)).toBe(SUNDAY_LATE_UTC.toISOString());
  });
});
