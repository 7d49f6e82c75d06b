import { describe, expect, test } from 'vitest';
import type { DateFormat, DurationUnit } from '../document.ts';
import { parseDuration } from './duration.ts';
import { parseBoolean, parseWholeNumber } from './scalar.ts';
import { parseNumber, parseTimeOfDay, parseTimestamp, type ParsedTimestamp } from './timestamp.ts';
import { formatInstant, resolveZone, wallToUtc } from './zone.ts';

function wall(text: string, format: DateFormat, pivotYear = 70): string | null {
  const out: ParsedTimestamp = { wallMs: 0, offsetMs: Number.NaN };
  if (!parseTimestamp(text, format, pivotYear, out)) return null;
  const iso = new Date(out.wallMs).toISOString();
  return Number.isNaN(out.offsetMs) ? iso : `${iso} offset ${out.offsetMs / 60_000}`;
}

describe('parseTimestamp', () => {
  test.each<[string, DateFormat, string | null]>([
    ['2023-04-08 20:52:00', 'iso', '2023-04-08T20:52:00.000Z'],
    ['2023-04-08T20:52', 'iso', '2023-04-08T20:52:00.000Z'],
    ['2023-04-08', 'iso', '2023-04-08T00:00:00.000Z'],
    ['2023/4/8 9:05:07.25', 'iso', '2023-04-08T09:05:07.250Z'],
    ['2026-11-16T08:00:00Z', 'iso', '2026-11-16T08:00:00.000Z offset 0'],
    ['2026-11-16T08:00:00+05:30', 'iso', '2026-11-16T08:00:00.000Z offset 330'],
    ['2026-11-16 08:00:00 -0400', 'iso', '2026-11-16T08:00:00.000Z offset -240'],
    ['2023-02-29 10:00', 'iso', null],
    ['2023-04-08 24:00', 'iso', null],
    ['2023-04-08 10:00 junk', 'iso', null],
    ['26/08/2023 14:05', 'dmy', '2023-08-26T14:05:00.000Z'],
    ['9/8/2023', 'dmy', '2023-08-09T00:00:00.000Z'],
    ['26.08.23 9:12:58', 'dmy', '2023-08-26T09:12:58.000Z'],
    ['26/08/2023 14:05', 'mdy', null],
    ['9/14/2023 10:32 AM', 'mdy', '2023-09-14T10:32:00.000Z'],
    ['9/14/2023 12:15 AM', 'mdy', '2023-09-14T00:15:00.000Z'],
    ['9/14/2023 12:15 PM', 'mdy', '2023-09-14T12:15:00.000Z'],
    ['9/14/2023 1:15pm', 'mdy', '2023-09-14T13:15:00.000Z'],
    ['9/14/2023 13:15 PM', 'mdy', null],
    ['230826', 'ymd', '2023-08-26T00:00:00.000Z'],
    ['20230826', 'ymd', '2023-08-26T00:00:00.000Z'],
    ['690826', 'ymd', '2069-08-26T00:00:00.000Z'],
    ['700826', 'ymd', '1970-08-26T00:00:00.000Z'],
    ['230826 1405', 'ymd', '2023-08-26T14:05:00.000Z'],
    ['20230826 14:05:09', 'ymd', '2023-08-26T14:05:09.000Z'],
    ['2308261', 'ymd', null],
    ['26-Aug-23', 'dd-mon-yy', '2023-08-26T00:00:00.000Z'],
    ['1-sep-2023 7:30', 'dd-mon-yy', '2023-09-01T07:30:00.000Z'],
    ['26 August 2023', 'dd-mon-yy', '2023-08-26T00:00:00.000Z'],
    ['26-Foo-23', 'dd-mon-yy', null],
    ['44197', 'excel', '2021-01-01T00:00:00.000Z'],
    ['44197.384004629629', 'excel', '2021-01-01T09:12:58.000Z'],
    ['61', 'excel', '1900-03-01T00:00:00.000Z'],
    ['abc', 'excel', null],
    ['', 'iso', null],
  ])('%s as %s', (text, format, expected) => {
    expect(wall(text, format)).toBe(expected);
  });

  test('the pivot year decides the century of two-digit years', () => {
    expect(wall('01/02/30', 'dmy', 30)).toBe('1930-02-01T00:00:00.000Z');
    expect(wall('01/02/29', 'dmy', 30)).toBe('2029-02-01T00:00:00.000Z');
    expect(wall('01-Feb-99', 'dd-mon-yy', 50)).toBe('1999-02-01T00:00:00.000Z');
  });
});

describe('parseTimeOfDay', () => {
  test.each<[string, number]>([
    ['9:12:58', (9 * 3600 + 12 * 60 + 58) * 1000],
    ['09:12', (9 * 3600 + 12 * 60) * 1000],
    ['2:05 PM', (14 * 3600 + 5 * 60) * 1000],
    ['0.5', 12 * 3_600_000],
    ['25:00', Number.NaN],
    ['9', Number.NaN],
  ])('%s', (text, expected) => expect(parseTimeOfDay(text)).toBe(expected));
});

describe('parseDuration', () => {
  test.each<[string, DurationUnit, number]>([
    ['45', 's', 45],
    ['4.0', 's', 4],
    ['1500', 'ms', 1.5],
    ['1.5', 'min', 90],
    ['2', 'h', 7200],
    ['0:02:23', 'hms', 143],
    ['00:02:23', 'hms', 143],
    ['9:12:58', 'hms', 33178],
    ['26:00:00', 'hms', 93600],
    ['125:30:00', 'hms', 451800],
    ['02:23', 'hms', 143],
    ['0:02:23.5', 'hms', 143.5],
    ['-0:00:05', 'hms', -5],
    ['-5', 's', -5],
    ['0:2:23', 'hms', Number.NaN],
    ['0:60:00', 'hms', Number.NaN],
    ['1:2', 'hms', Number.NaN],
    ['abc', 's', Number.NaN],
    ['0x10', 's', Number.NaN],
  ])('%s in %s', (text, unit, expected) => expect(parseDuration(text, unit)).toBe(expected));
});

describe('scalars', () => {
  test.each<[string, boolean | null]>([
    ['Y', true],
    ['n', false],
    ['Yes', true],
    ['NO', false],
    ['true', true],
    ['False', false],
    ['1', true],
    ['0', false],
    ['maybe', null],
  ])('boolean %s', (text, expected) => expect(parseBoolean(text)).toBe(expected));
  test.each<[string, number]>([
    ['3', 3],
    ['3.0', 3],
    ['3.5', Number.NaN],
    ['', Number.NaN],
    [' ', Number.NaN],
  ])('whole %s', (text, expected) => expect(parseWholeNumber(text)).toBe(expected));
  test('numbers', () => {
    expect(parseNumber('1.03006E+13')).toBe(10300600000000);
    expect(parseNumber('-3.5')).toBe(-3.5);
    expect(parseNumber('1,5')).toBeNaN();
  });
});

describe('wall time in a source zone', () => {
  const berlin = resolveZone('Europe/Berlin')!;
  const utcOf = (iso: string) => wallToUtc(berlin, Date.parse(`${iso}Z`));
  test.each<[string, string | null]>([
    ['2026-01-15T10:00:00', '2026-01-15T09:00:00.000Z'],
    ['2026-07-15T10:00:00', '2026-07-15T08:00:00.000Z'],
    // Clocks jump 02:00 → 03:00 on 2026-03-29: 02:30 does not exist.
    ['2026-03-29T02:30:00', null],
    ['2026-03-29T01:59:59', '2026-03-29T00:59:59.000Z'],
    ['2026-03-29T03:00:00', '2026-03-29T01:00:00.000Z'],
    // Clocks go back 03:00 → 02:00 on 2026-10-25: 02:30 happens twice; the earlier instant (CEST) wins.
    ['2026-10-25T02:30:00', '2026-10-25T00:30:00.000Z'],
    ['2026-10-25T03:30:00', '2026-10-25T02:30:00.000Z'],
  ])('Europe/Berlin %s', (local, expected) => {
    const instant = utcOf(local);
    expect(Number.isNaN(instant) ? null : new Date(instant).toISOString()).toBe(expected);
  });

  test('half-hour zones and UTC', () => {
    const kolkata = resolveZone('Asia/Kolkata')!;
    expect(new Date(wallToUtc(kolkata, Date.parse('2023-04-08T20:52:00Z'))).toISOString()).toBe(
      '2023-04-08T15:22:00.000Z',
    );
    expect(wallToUtc(resolveZone('UTC')!, 1000)).toBe(1000);
    expect(formatInstant(kolkata, Date.parse('2023-04-08T15:22:00Z'))).toBe('2023-04-08 20:52');
    expect(resolveZone('Mars/Olympus')).toBeNull();
  });
});
