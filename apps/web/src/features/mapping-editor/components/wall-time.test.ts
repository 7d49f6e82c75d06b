import { expect, test } from 'vitest';
import { wallTime } from './wall-time.ts';

test.each([
  ['2026-11-16T07:00:00.000Z', 'Europe/Berlin', '2026-11-16 08:00:00'],
  ['2026-07-16T07:00:00Z', 'Europe/Berlin', '2026-07-16 09:00:00'],
  ['1999-01-01T22:03:00.000Z', 'Etc/GMT-2', '1999-01-02 00:03:00'],
  ['AA0101-33116', 'Europe/Berlin', 'AA0101-33116'],
  ['2026-11-16T07:00:00.000Z', 'Not/AZone', '2026-11-16T07:00:00.000Z'],
])('%s in %s', (value, zone, expected) => {
  expect(wallTime(value, zone)).toBe(expected);
});
