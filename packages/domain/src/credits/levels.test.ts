import { describe, expect, it } from 'vitest';
import { addMonths, defaultVerdict, levelOutcome, type LevelOutcome } from './levels.ts';

describe('levelOutcome', () => {
  it.each([
    ['higher', 92, 'met'],
    ['higher', 90, 'met'],
    ['higher', 87, 'expected_missed'],
    ['higher', 85, 'expected_missed'],
    ['higher', 84.9, 'minimum_missed'],
    ['lower', 300, 'met'],
    ['lower', 360, 'expected_missed'],
    ['lower', 401, 'minimum_missed'],
    ['higher', null, 'no_figure'],
  ] as const)('%s is better, figure %s → %s', (direction, value, outcome) => {
    const levels = direction === 'higher' ? { expected: 90, minimum: 85 } : { expected: 300, minimum: 400 };
    expect(levelOutcome(direction, value, levels)).toBe(outcome);
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-03', 2, '2026-05'],
    ['2026-11', 3, '2027-02'],
    ['2026-01', -1, '2025-12'],
    ['2026-12', -11, '2026-01'],
  ])('%s + %d = %s', (month, count, expected) => expect(addMonths(month, count)).toBe(expected));
});

describe('defaultVerdict: 4 expected-level misses in 12 months', () => {
  const rule = { misses: 4, windowMonths: 12 };
  const history = (months: string[], outcome: LevelOutcome = 'expected_missed') =>
    new Map(months.map((m) => [m, outcome] as const));
  it.each([
    ['the 1st miss is no default', [], 'expected_missed', false, 1],
    ['the 3rd miss is no default', ['2026-02', '2026-05'], 'expected_missed', false, 3],
    ['the 4th miss in the window is a default', ['2026-01', '2026-02', '2026-05'], 'expected_missed', true, 4],
    ['a miss 12 months back falls out of the window', ['2025-09', '2026-02', '2026-05'], 'expected_missed', false, 3],
    ['the oldest month in the window still counts', ['2025-10', '2026-02', '2026-05'], 'expected_missed', true, 4],
    ['a minimum miss is a default at once', [], 'minimum_missed', true, 1],
    ['a met month is never a default', ['2026-01', '2026-02', '2026-05', '2026-06'], 'met', false, 4],
    ['an excused month is not a miss', ['2026-01', '2026-02', '2026-05'], 'excused', false, 3],
  ] as const)('%s', (_, past, outcome, isDefault, misses) => {
    const verdict = defaultVerdict('2026-09', outcome, history([...past]), rule);
    expect(verdict).toMatchObject({ isDefault, missesInWindow: misses });
  });
  it('counts earlier minimum misses towards K', () => {
    const past = new Map<string, LevelOutcome>([
      ['2026-01', 'minimum_missed'],
      ['2026-02', 'expected_missed'],
      ['2026-03', 'excused'],
      ['2026-04', 'expected_missed'],
    ]);
    expect(defaultVerdict('2026-05', 'expected_missed', past, rule).isDefault).toBe(true);
  });
});
