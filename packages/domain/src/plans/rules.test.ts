import { describe, expect, it } from 'vitest';
import {
  canTransitionItem,
  canTransitionPlan,
  compareRisk,
  daysUntil,
  decidePlanOutcome,
  distanceToTarget,
  forbiddenItemFields,
  isOverdue,
  mondayOf,
  PLAN_STATUSES,
  type OutcomeInput,
  type PlanStatus,
  type PlanWeek,
  type RiskFacts,
} from './rules.ts';

describe('plan transitions', () => {
  const allowed: [PlanStatus, PlanStatus[]][] = [
    ['draft', ['active', 'cancelled']],
    ['active', ['achieved', 'missed', 'cancelled']],
    ['missed', ['active', 'cancelled']],
    ['achieved', []],
    ['cancelled', []],
  ];
  for (const [from, targets] of allowed) {
    for (const to of PLAN_STATUSES) {
      const expected = targets.includes(to);
      it(`${from} → ${to} is ${expected ? 'allowed' : 'refused'}`, () => {
        expect(canTransitionPlan(from, to)).toBe(expected);
      });
    }
  }
});

describe('item transitions and field permissions', () => {
  it.each([
    ['open', 'in_progress', true],
    ['open', 'done', true],
    ['in_progress', 'done', true],
    ['done', 'open', true],
    ['done', 'in_progress', true],
    ['open', 'open', false],
    ['done', 'done', false],
  ] as const)('%s → %s: %s', (from, to, expected) => {
    expect(canTransitionItem(from, to)).toBe(expected);
  });

  it.each([
    ['admin', ['description', 'dueDate', 'ownerUserId', 'status'], []],
    ['ops', ['dueDate'], []],
    ['vendor', ['status'], []],
    ['vendor', ['status', 'dueDate'], ['dueDate']],
    ['vendor', ['description', 'ownerUserId'], ['description', 'ownerUserId']],
    ['viewer', ['status'], ['status']],
  ] as const)('%s changing %j is refused for %j', (role, fields, refused) => {
    expect(forbiddenItemFields(role, fields)).toEqual(refused);
  });
});

describe('overdue and days', () => {
  it.each([
    ['open', '2026-11-17', '2026-11-18', true],
    ['in_progress', '2026-11-17', '2026-11-18', true],
    ['done', '2026-11-17', '2026-11-18', false],
    // due today is not overdue yet
    ['open', '2026-11-18', '2026-11-18', false],
    ['open', '2026-11-19', '2026-11-18', false],
  ] as const)('%s item due %s on %s overdue: %s', (status, dueDate, today, expected) => {
    expect(isOverdue({ status, dueDate }, today)).toBe(expected);
  });

  it.each([
    ['2026-11-20', '2026-11-18', 2],
    ['2026-11-18', '2026-11-18', 0],
    ['2026-11-10', '2026-11-18', -8],
    // across the October DST change: whole days still
    ['2026-10-27', '2026-10-24', 3],
  ])('days from %s to %s', (day, today, expected) => {
    expect(daysUntil(day, today)).toBe(expected);
  });

  it.each([
    ['2026-11-16', '2026-11-16'],
    ['2026-11-22', '2026-11-16'],
    ['2026-11-18', '2026-11-16'],
    ['2027-01-01', '2026-12-28'],
  ])('the Monday of %s is %s', (day, monday) => {
    expect(mondayOf(day)).toBe(monday);
  });
});

describe('distance to target', () => {
  it.each([
    ['higher', 72, 80, 0.1],
    ['higher', 85, 80, 0],
    ['higher', 80, 80, 0],
    ['lower', 330, 300, 0.1],
    ['lower', 250, 300, 0],
    ['lower', 5, 0, 1],
    ['higher', null, 80, null],
  ] as const)('%s value %s target %s → %s', (direction, value, target, expected) => {
    const distance = distanceToTarget(direction, value, target);
    if (expected === null) expect(distance).toBeNull();
    else expect(distance).toBeCloseTo(expected, 12);
  });
});

describe('automatic outcome', () => {
  // Baseline W45 (2026-11-02); weeks W46 2026-11-09, W47 11-16, W48 11-23, W49 11-30, W50 12-07.
  const weeks = (statuses: Record<string, PlanWeek['status']>): PlanWeek[] =>
    Object.entries(statuses).map(([week, status]) => ({ week, status }));
  const base = (overrides: Partial<OutcomeInput>): OutcomeInput => ({
    status: 'active',
    baselineWeek: '2026-11-02',
    dueDate: '2026-12-06',
    currentWeek: '2026-11-30',
    requiredWeeks: 2,
    metrics: [],
    ...overrides,
  });

  const cases: [string, Partial<OutcomeInput>, ReturnType<typeof decidePlanOutcome>['outcome']][] = [
    [
      'two met weeks in a row → achieved',
      { metrics: [{ metric: 'csat', weeks: weeks({ '2026-11-09': 'met', '2026-11-16': 'met' }) }] },
      'achieved',
    ],
    [
      'met, missed, met → not yet',
      {
        metrics: [
          { metric: 'csat', weeks: weeks({ '2026-11-09': 'met', '2026-11-16': 'missed', '2026-11-23': 'met' }) },
        ],
      },
      null,
    ],
    [
      'a low-sample week breaks the streak',
      {
        metrics: [
          { metric: 'csat', weeks: weeks({ '2026-11-09': 'met', '2026-11-16': 'low_sample', '2026-11-23': 'met' }) },
        ],
      },
      null,
    ],
    [
      'a week without data breaks the streak',
      { metrics: [{ metric: 'csat', weeks: weeks({ '2026-11-09': 'met', '2026-11-23': 'met' }) }] },
      null,
    ],
    [
      'at risk is not met',
      { metrics: [{ metric: 'csat', weeks: weeks({ '2026-11-16': 'at_risk', '2026-11-23': 'met' }) }] },
      null,
    ],
    [
      'the baseline week itself does not count',
      { metrics: [{ metric: 'csat', weeks: weeks({ '2026-11-02': 'met', '2026-11-09': 'met' }) }] },
      null,
    ],
    [
      'the current (incomplete) week does not count',
      { metrics: [{ metric: 'csat', weeks: weeks({ '2026-11-23': 'met', '2026-11-30': 'met' }) }] },
      null,
    ],
    [
      'every metric must be met in the same weeks',
      {
        metrics: [
          { metric: 'csat', weeks: weeks({ '2026-11-09': 'met', '2026-11-16': 'met' }) },
          { metric: 'aht', weeks: weeks({ '2026-11-09': 'missed', '2026-11-16': 'met' }) },
        ],
      },
      null,
    ],
    [
      'both metrics met twice → achieved',
      {
        metrics: [
          { metric: 'csat', weeks: weeks({ '2026-11-16': 'met', '2026-11-23': 'met' }) },
          { metric: 'aht', weeks: weeks({ '2026-11-16': 'met', '2026-11-23': 'met' }) },
        ],
      },
      'achieved',
    ],
    [
      'N = 3 needs three weeks',
      { requiredWeeks: 3, metrics: [{ metric: 'csat', weeks: weeks({ '2026-11-09': 'met', '2026-11-16': 'met' }) }] },
      null,
    ],
    [
      'N = 1 needs one week',
      { requiredWeeks: 1, metrics: [{ metric: 'csat', weeks: weeks({ '2026-11-16': 'met' }) }] },
      'achieved',
    ],
    [
      'due week not complete yet → undecided',
      {
        dueDate: '2026-11-25',
        currentWeek: '2026-11-23',
        metrics: [{ metric: 'csat', weeks: weeks({ '2026-11-16': 'missed' }) }],
      },
      null,
    ],
    [
      'due week complete without a streak → missed',
      {
        dueDate: '2026-11-25',
        currentWeek: '2026-11-30',
        metrics: [{ metric: 'csat', weeks: weeks({ '2026-11-23': 'met' }) }],
      },
      'missed',
    ],
    [
      'weeks after the due date do not count',
      {
        dueDate: '2026-11-15',
        currentWeek: '2026-12-07',
        metrics: [{ metric: 'csat', weeks: weeks({ '2026-11-09': 'met', '2026-11-16': 'met', '2026-11-23': 'met' }) }],
      },
      'missed',
    ],
    [
      'the streak may end in the week of the due date',
      {
        dueDate: '2026-11-16',
        currentWeek: '2026-12-07',
        metrics: [{ metric: 'csat', weeks: weeks({ '2026-11-09': 'met', '2026-11-16': 'met' }) }],
      },
      'achieved',
    ],
    [
      'a draft plan is never decided',
      { status: 'draft', metrics: [{ metric: 'csat', weeks: weeks({ '2026-11-09': 'met', '2026-11-16': 'met' }) }] },
      null,
    ],
    [
      'a missed plan is not re-decided',
      { status: 'missed', metrics: [{ metric: 'csat', weeks: weeks({ '2026-11-09': 'met', '2026-11-16': 'met' }) }] },
      null,
    ],
  ];
  for (const [name, overrides, expected] of cases) {
    it(name, () => {
      expect(decidePlanOutcome(base(overrides)).outcome).toBe(expected);
    });
  }

  it('names the weeks that achieved the plan', () => {
    const outcome = decidePlanOutcome(
      base({
        metrics: [
          { metric: 'fcr', weeks: weeks({ '2026-11-09': 'missed', '2026-11-16': 'met', '2026-11-23': 'met' }) },
        ],
      }),
    );
    expect(outcome).toEqual({ outcome: 'achieved', weeks: ['2026-11-16', '2026-11-23'] });
  });
});

describe('risk ordering', () => {
  const plan = (name: string, facts: RiskFacts) => ({ name, ...facts });
  it('orders by overdue items, then distance (no data first), then due date', () => {
    const plans = [
      plan('near-target', { overdueItems: 0, distance: 0.02, daysToDue: 5 }),
      plan('far-late', { overdueItems: 0, distance: 0.3, daysToDue: 40 }),
      plan('far-soon', { overdueItems: 0, distance: 0.3, daysToDue: 3 }),
      plan('no-data', { overdueItems: 0, distance: null, daysToDue: 60 }),
      plan('overdue-1', { overdueItems: 1, distance: 0, daysToDue: 90 }),
      plan('overdue-3', { overdueItems: 3, distance: 0.01, daysToDue: 90 }),
    ];
    expect([...plans].sort(compareRisk).map((p) => p.name)).toEqual([
      'overdue-3',
      'overdue-1',
      'no-data',
      'far-soon',
      'far-late',
      'near-target',
    ]);
  });
});
