import { describe, expect, it } from 'vitest';
import { listedInWeek } from './archive.ts';

describe('an archived vendor is listed in the weeks before the week it was archived in', () => {
  // Archived on Wednesday 2026-11-18 10:00 UTC: week 2026-11-16 (W47) holds that instant.
  const archivedAt = new Date('2026-11-18T10:00:00Z');
  it.each([
    ['2026-11-09', 'UTC', true],
    ['2026-11-02', 'UTC', true],
    ['2026-11-16', 'UTC', false],
    ['2026-11-23', 'UTC', false],
  ])('week %s in %s: %s', (week, zone, listed) => {
    expect(listedInWeek(archivedAt, week, zone)).toBe(listed);
  });

  it('decides the week in the reporting time zone', () => {
    // Monday 2026-11-16 03:00 UTC is still Sunday 2026-11-15 in New York: the week of 2026-11-09 there.
    const mondayUtc = new Date('2026-11-16T03:00:00Z');
    expect(listedInWeek(mondayUtc, '2026-11-09', 'UTC')).toBe(true);
    expect(listedInWeek(mondayUtc, '2026-11-09', 'America/New_York')).toBe(false);
    expect(listedInWeek(mondayUtc, '2026-11-02', 'America/New_York')).toBe(true);
  });

  it('lists a vendor that is not archived in every week', () => {
    expect(listedInWeek(null, '2999-12-30', 'UTC')).toBe(true);
  });
});
