import { describe, expect, it } from 'vitest';
import { reconcileCase, type ReconcileInput } from './reconcile.ts';

const base: ReconcileInput = {
  oursCalendarSeconds: 36_000,
  oursBusinessSeconds: 7200,
  theirsCalendarMinutes: 600,
  theirsBusinessMinutes: 120,
  basis: 'business',
  calendarName: 'Manila',
};

describe('reconcileCase', () => {
  it.each<[string, Partial<ReconcileInput>, boolean, string]>([
    ['equal business minutes', {}, true, 'equal within 1 min'],
    ['a minute of rounding', { theirsBusinessMinutes: 121 }, true, 'equal within 1 min'],
    ['their figure is calendar time', { theirsBusinessMinutes: 600 }, false, 'counted every hour'],
    ['a time-zone offset', { theirsBusinessMinutes: 300 }, false, 'exactly 3 h'],
    ['a large schedule difference', { oursBusinessSeconds: 7200 + 48 * 3600 }, false, 'we count 2880 min more'],
    [
      'their schedule was closed',
      { theirsBusinessMinutes: 0, oursCalendarSeconds: 36_000 },
      false,
      'counted none of it',
    ],
    ['no first-reply timestamp', { oursCalendarSeconds: null, oursBusinessSeconds: null }, false, 'no timestamp'],
    ['no calendar in our terms', { oursBusinessSeconds: null }, false, 'name no business-hours calendar'],
  ])('%s', (_name, change, matches, rule) => {
    const result = reconcileCase({ ...base, ...change }, 1)!;
    expect(result.matches).toBe(matches);
    expect(result.rule).toContain(rule);
  });

  it('compares calendar minutes when our terms count calendar time', () => {
    expect(reconcileCase({ ...base, basis: 'calendar', theirsCalendarMinutes: 590 }, 1)).toMatchObject({
      clock: 'calendar',
      differenceMinutes: 10,
      matches: false,
    });
  });
  it('has nothing to compare without a reported figure', () => {
    expect(reconcileCase({ ...base, theirsBusinessMinutes: null, theirsCalendarMinutes: null }, 1)).toBeNull();
  });
});
