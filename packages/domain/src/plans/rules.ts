/**
 * Improvement-plan rules (docs/definitions.md "Improvement plans"; decisions in docs/plans.md), pure: allowed transitions,
 * who may change which item field, overdue, the automatic achieved/missed decision and the risk ordering.
 * Days are 'YYYY-MM-DD' strings in the organisation's reporting time zone; weeks are Mondays (weeks.ts).
 */
import { addWeeks, type WeekStart } from '../weeks.ts';

export const PLAN_STATUSES = ['draft', 'active', 'achieved', 'missed', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const ITEM_STATUSES = ['open', 'in_progress', 'done'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/**
 * Manual transitions (admin/ops). Achieved and cancelled are final; a missed plan may be re-activated
 * (usually with a new due date). The evaluator only ever moves active → achieved | missed.
 */
const PLAN_TRANSITIONS: Record<PlanStatus, readonly PlanStatus[]> = {
  draft: ['active', 'cancelled'],
  active: ['achieved', 'missed', 'cancelled'],
  missed: ['active', 'cancelled'],
  achieved: [],
  cancelled: [],
};

export function allowedPlanTransitions(from: PlanStatus): readonly PlanStatus[] {
  return PLAN_TRANSITIONS[from];
}

export function canTransitionPlan(from: PlanStatus, to: PlanStatus): boolean {
  return PLAN_TRANSITIONS[from].includes(to);
}

/** Items move freely between the three statuses (a done item can be reopened); only a no-op is refused. */
export function canTransitionItem(from: ItemStatus, to: ItemStatus): boolean {
  return from !== to;
}

export type ItemField = 'description' | 'ownerUserId' | 'dueDate' | 'status';
export type Role = 'admin' | 'ops' | 'viewer' | 'vendor' | 'finance';

/**
 * Which item fields a role may change. Vendor users update the status only (comments are separate);
 * viewers change nothing. Returns the fields the role may NOT change, empty when the edit is allowed.
 */
export function forbiddenItemFields(role: Role, fields: readonly ItemField[]): ItemField[] {
  if (role === 'admin' || role === 'ops') return [];
  if (role === 'vendor') return fields.filter((field) => field !== 'status');
  return [...fields];
}

/** Who may comment on an item: everyone who may see it except viewers (who read only). */
export function mayComment(role: Role): boolean {
  return role !== 'viewer';
}

/** Overdue: the due date has passed (strictly before today) and the item is not done. */
export function isOverdue(item: { status: ItemStatus; dueDate: string }, today: string): boolean {
  return item.status !== 'done' && item.dueDate < today;
}

/** Whole days from `today` to `day` (negative when `day` is in the past). */
export function daysUntil(day: string, today: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** The Monday of the week that holds `day` (a plain calendar day, no time zone involved). */
export function mondayOf(day: string): WeekStart {
  const date = new Date(`${day}T00:00:00Z`);
  const back = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

export type Direction = 'higher' | 'lower';

/**
 * How far a value is from its target, relative to the target: 0 when met, 0.1 = 10 % short. null when there
 * is no value. A zero target with a worse value counts as fully off (1).
 */
export function distanceToTarget(direction: Direction, value: number | null, target: number): number | null {
  if (value === null) return null;
  const shortfall = direction === 'higher' ? target - value : value - target;
  if (shortfall <= 0) return 0;
  return target === 0 ? 1 : shortfall / target;
}

/** One complete week of one plan metric, with its status against the PLAN's target (not the scorecard's). */
export interface PlanWeek {
  week: WeekStart;
  /** 'met' only counts when the sample is large enough; any other status breaks a streak. */
  status: 'met' | 'at_risk' | 'missed' | 'low_sample' | 'no_data';
}

export interface OutcomeInput {
  status: PlanStatus;
  baselineWeek: WeekStart;
  dueDate: string;
  /** The week that holds today (reporting zone): it is incomplete, so it never counts. */
  currentWeek: WeekStart;
  requiredWeeks: number;
  /** Per plan metric, its weekly statuses (any order; weeks without a row count as no data). */
  metrics: readonly { metric: string; weeks: readonly PlanWeek[] }[];
}

export type Outcome =
  | { outcome: 'achieved'; weeks: WeekStart[] }
  | { outcome: 'missed'; reason: string }
  | { outcome: null; reason: string };

/**
 * docs/definitions.md: achieved when the plan's metrics meet target for N consecutive weeks; missed when the due date
 * passes without that. Counted weeks: after the baseline week, complete (before the current week), and
 * starting on or before the due date. Every metric must be met in the same week. Missed is decided only
 * once the week holding the due date is complete, so its figures can still achieve the plan.
 */
export function decidePlanOutcome(input: OutcomeInput): Outcome {
  if (input.status !== 'active') return { outcome: null, reason: `plan is ${input.status}` };
  if (input.metrics.length === 0) return { outcome: null, reason: 'plan tracks no metric' };
  const dueWeek = mondayOf(input.dueDate);
  const lastCounted = [addWeeks(input.currentWeek, -1), dueWeek].sort()[0]!;
  const metWeeks = input.metrics.map((m) => new Set(m.weeks.filter((w) => w.status === 'met').map((w) => w.week)));
  let streak: WeekStart[] = [];
  for (let week = addWeeks(input.baselineWeek, 1); week <= lastCounted; week = addWeeks(week, 1)) {
    if (metWeeks.every((met) => met.has(week))) {
      streak.push(week);
      if (streak.length >= input.requiredWeeks) return { outcome: 'achieved', weeks: streak };
    } else {
      streak = [];
    }
  }
  if (input.currentWeek > dueWeek) {
    return {
      outcome: 'missed',
      reason: `due ${input.dueDate} passed without ${input.requiredWeeks} consecutive weeks on target`,
    };
  }
  return { outcome: null, reason: 'not yet on target long enough' };
}

export interface RiskFacts {
  overdueItems: number;
  /** The largest distanceToTarget over the plan's metrics at their latest week; null when no data. */
  distance: number | null;
  daysToDue: number;
}

/**
 * Riskiest first: more overdue items; then further from target (no data counts as further than any
 * measured distance: nobody can tell it is recovering); then the nearer due date.
 */
export function compareRisk(a: RiskFacts, b: RiskFacts): number {
  if (a.overdueItems !== b.overdueItems) return b.overdueItems - a.overdueItems;
  const da = a.distance ?? Number.POSITIVE_INFINITY;
  const db = b.distance ?? Number.POSITIVE_INFINITY;
  if (da !== db) return db > da ? 1 : -1;
  return a.daysToDue - b.daysToDue;
}
