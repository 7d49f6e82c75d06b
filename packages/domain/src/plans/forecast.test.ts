import { describe, expect, it } from 'vitest';
import { addWeeks } from '../weeks.ts';
import { forecastPlan, type ForecastInput, type ForecastMetric } from './forecast.ts';

const current = '2026-11-23';
/** Weeks before the current one, oldest first, met (m) or missed (x), with a value each. */
function metric(pattern: string, currentWeekMet: boolean | null = null, values?: number[]): ForecastMetric {
  const weeks = [...pattern].map((c, i) => ({
    week: addWeeks(current, i - pattern.length),
    status: c === 'm' ? ('met' as const) : ('missed' as const),
    value: values?.[i] ?? (c === 'm' ? 80 : 60),
  }));
  return { metric: 'service_level', target: 75, weeks, currentWeekMet };
}

const input = (over: Partial<ForecastInput>): ForecastInput => ({
  baselineWeek: addWeeks(current, -5),
  dueDate: '2026-12-16', // a Wednesday of the week 2026-12-14: weeks left 11-23, 11-30, 12-07, 12-14
  currentWeek: current,
  requiredWeeks: 3,
  metrics: [metric('xxxx')],
  ...over,
});

describe('plan forecast', () => {
  // [name, input, achievable, earliest week, streak, weeks left]
  const cases: [string, ForecastInput, boolean, string | null, number][] = [
    ['no streak, 4 weeks left, 3 needed', input({}), true, '2026-12-07', 0],
    ['a streak of 2 carries into the current week', input({ metrics: [metric('xxmm')] }), true, '2026-11-23', 2],
    [
      'the current week projected to miss resets it',
      input({ metrics: [metric('xxmm', false)] }),
      true,
      '2026-12-14',
      2,
    ],
    ['not enough weeks left', input({ dueDate: '2026-12-02' }), false, '2026-12-07', 0],
    [
      'missing now makes it unreachable',
      input({ dueDate: '2026-12-09', metrics: [metric('xxxx', false)] }),
      false,
      '2026-12-14',
      0,
    ],
    ['already on target long enough', input({ metrics: [metric('xmmm')] }), true, '2026-11-16', 3],
    [
      'every metric must be met in the same week',
      input({ metrics: [metric('xxmm'), metric('xmxm')] }),
      true,
      '2026-11-30',
      1,
    ],
  ];
  for (const [name, given, achievable, earliest, streak] of cases) {
    it(name, () => {
      const result = forecastPlan(given);
      expect(result.achievable).toBe(achievable);
      expect(result.earliestWeek).toBe(earliest);
      expect(result.currentStreak).toBe(streak);
    });
  }

  it('the due week is the Monday of the due date', () => expect(forecastPlan(input({})).dueWeek).toBe('2026-12-14'));

  it('counts the weeks left, the current one included', () => expect(forecastPlan(input({})).weeksLeft).toBe(4));

  it('projects each metric to the due week along its least-squares line', () => {
    // 4 complete weeks rising 2 points a week: 60, 62, 64, 66 → due week is 4 weeks after the last (66 + 4 × 2).
    const result = forecastPlan(input({ metrics: [metric('xxxx', null, [60, 62, 64, 66])] }));
    const xs = [0, 1, 2, 3];
    const ys = [60, 62, 64, 66];
    const mx = xs.reduce((s, x) => s + x, 0) / 4;
    const my = ys.reduce((s, y) => s + y, 0) / 4;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < 4; i += 1) {
      sxy += (xs[i]! - mx) * (ys[i]! - my);
      sxx += (xs[i]! - mx) ** 2;
    }
    expect(result.trends[0]!.projectedAtDue).toBeCloseTo(my + (sxy / sxx) * (7 - mx), 9);
    expect(result.trends[0]!.weeksUsed).toBe(4);
  });

  it('a plan without metrics is not achievable', () => {
    expect(forecastPlan(input({ metrics: [] })).achievable).toBe(false);
  });
});
