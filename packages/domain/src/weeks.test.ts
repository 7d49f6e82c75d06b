import { describe, expect, it } from 'vitest';
import {
  addWeeks,
  currentWeekClock,
  defaultWeek,
  lastCompleteWeek,
  parseWeekLabel,
  weekLabel,
  weekOf,
  weekRange,
  weekStartInstant,
} from './weeks.ts';

describe('ISO week labels', () => {
  it.each([
    ['2026-W47', '2026-11-16'],
    ['2026-W01', '2025-12-29'],
    ['2020-W53', '2020-12-28'],
    ['2021-W01', '2021-01-04'],
    ['2023-W13', '2023-03-27'],
  ])('%s starts on %s', (label, monday) => {
    expect(parseWeekLabel(label)).toBe(monday);
    expect(weekLabel(monday)).toBe(label);
  });

  it.each(['2026-W54', '2026-W00', '2021-W53', '2026-47', 'W47', '2026-W4', ''])('rejects %j', (label) => {
    expect(parseWeekLabel(label)).toBeNull();
  });

  it('labels any day of the week with its week', () => {
    expect(weekLabel('2021-01-03')).toBe('2020-W53');
    expect(weekLabel('2026-11-22')).toBe('2026-W47');
  });
});

describe('weekOf', () => {
  it('puts Sunday 23:30 in Manila in the week that ends, though it is Sunday 15:30 UTC', () => {
    const instant = new Date('2026-11-22T15:30:00Z');
    expect(weekOf(instant, 'Asia/Manila')).toBe('2026-11-16');
    expect(weekOf(new Date('2026-11-22T16:30:00Z'), 'Asia/Manila')).toBe('2026-11-23');
  });

  it('puts Sunday 23:30 in New York into the next UTC week but keeps it in its local week', () => {
    const instant = new Date('2026-11-23T04:30:00Z');
    expect(weekOf(instant, 'UTC')).toBe('2026-11-23');
    expect(weekOf(instant, 'America/New_York')).toBe('2026-11-16');
  });

  it('handles the week of a daylight-saving change', () => {
    // Europe/Berlin leaves summer time on Sunday 2026-10-25 at 03:00 local.
    expect(weekOf(new Date('2026-10-25T22:59:00Z'), 'Europe/Berlin')).toBe('2026-10-19');
    expect(weekOf(new Date('2026-10-25T23:00:00Z'), 'Europe/Berlin')).toBe('2026-10-26');
  });
});

describe('currentWeekClock', () => {
  const clock = currentWeekClock();
  it.each([
    // [instant, zone, week]: each asked in turn of one clock, so each row also checks what the last one kept.
    ['2026-11-22T15:59:59Z', 'Asia/Manila', '2026-11-16'],
    ['2026-11-22T16:00:00Z', 'Asia/Manila', '2026-11-23'],
    ['2026-11-22T16:00:00Z', 'UTC', '2026-11-16'],
    ['2026-11-23T00:00:00Z', 'UTC', '2026-11-23'],
    ['2026-11-22T23:59:59Z', 'UTC', '2026-11-16'],
    ['2026-10-25T22:59:00Z', 'Europe/Berlin', '2026-10-19'],
    ['2026-10-25T23:00:00Z', 'Europe/Berlin', '2026-10-26'],
    ['2026-10-25T22:59:00Z', 'Europe/Berlin', '2026-10-19'],
    ['2026-11-29T15:59:59Z', 'Asia/Manila', '2026-11-23'],
    ['2026-11-29T16:00:00Z', 'Asia/Manila', '2026-11-30'],
  ])('at %s in %s: %s, as weekOf says', (instant, zone, week) => {
    expect(clock(new Date(instant), zone)).toBe(week);
    expect(weekOf(new Date(instant), zone)).toBe(week);
  });
});

describe('week arithmetic', () => {
  it('adds weeks across a year boundary', () => {
    expect(addWeeks('2026-12-28', 1)).toBe('2027-01-04');
    expect(addWeeks('2026-01-05', -2)).toBe('2025-12-22');
  });

  it('lists a range inclusively', () => {
    expect(weekRange('2026-11-02', '2026-11-16')).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
  });

  it('gives the local Monday midnight instant', () => {
    expect(weekStartInstant('2026-11-16', 'Asia/Manila').toISOString()).toBe('2026-11-15T16:00:00.000Z');
    expect(weekStartInstant('2026-10-26', 'Europe/Berlin').toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });
});

describe('lastCompleteWeek', () => {
  it.each([
    // Monday 00:30 in Berlin is still Sunday in UTC: the week that just ended is W47 in Berlin, W46 in UTC.
    ['2026-11-22T23:30:00Z', 'Europe/Berlin', '2026-11-16'],
    ['2026-11-22T23:30:00Z', 'UTC', '2026-11-09'],
    ['2026-11-25T12:00:00Z', 'UTC', '2026-11-16'],
    ['2026-01-01T12:00:00Z', 'UTC', '2025-12-22'],
  ])('at %s in %s is the week of %s', (instant, zone, monday) => {
    expect(lastCompleteWeek(new Date(instant), zone)).toBe(monday);
  });
});

describe('defaultWeek', () => {
  it.each([
    [['2026-11-23', '2026-11-16', '2026-11-09'], '2026-11-16', '2026-11-16'],
    [['2026-11-30', '2026-11-23', '2026-11-09'], '2026-11-16', '2026-11-09'],
    [['2026-11-02'], '2026-11-16', '2026-11-02'],
    [['2026-11-23'], '2026-11-16', '2026-11-16'],
    [[], '2026-11-16', '2026-11-16'],
  ])('with data in %j and last complete week %s opens on %s', (weeks, lastComplete, expected) => {
    expect(defaultWeek(weeks, lastComplete)).toBe(expected);
  });
});
