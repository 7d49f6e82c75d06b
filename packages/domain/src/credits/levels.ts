/**
 * Service levels of a contract: a critical level carries a credit, a key measurement is only reported. A month's
 * figure is judged against the minimum (missed: a default at once) and the expected level (missed: a default only
 * at the Kth miss within a rolling window of months). Months are 'YYYY-MM'.
 */
import type { Direction } from '../metrics/catalogue.ts';

export type LevelKind = 'critical' | 'key';

/** How a month's figure stands against its levels; 'excused' = relief applied, 'no_figure' = no cases to judge. */
export type LevelOutcome = 'met' | 'expected_missed' | 'minimum_missed' | 'excused' | 'no_figure';

export type Month = string;

/** Rule for expected-level misses: a default at the `misses`th miss within `windowMonths` months (this one included). */
export interface DefaultRule {
  misses: number;
  windowMonths: number;
}

/** Whether `value` reaches `level` in the metric's good direction (equal counts as reaching it). */
export function reaches(direction: Direction, value: number, level: number): boolean {
  return direction === 'lower' ? value <= level : value >= level;
}

export function levelOutcome(
  direction: Direction,
  value: number | null,
  levels: { expected: number; minimum: number },
): Exclude<LevelOutcome, 'excused'> {
  if (value === null) return 'no_figure';
  if (!reaches(direction, value, levels.minimum)) return 'minimum_missed';
  return reaches(direction, value, levels.expected) ? 'met' : 'expected_missed';
}

/** '2026-03' + 2 → '2026-05'; negative counts go back. */
export function addMonths(month: Month, count: number): Month {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (mon - 1) + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A minimum miss is a miss of the expected level too: both count towards K. */
export function isMiss(outcome: LevelOutcome): boolean {
  return outcome === 'expected_missed' || outcome === 'minimum_missed';
}

export interface DefaultVerdict {
  isDefault: boolean;
  /** Misses within the window ending at `month`, this month included. */
  missesInWindow: number;
  reason: string;
}

/**
 * Whether this month's outcome is a default. `history` holds the level's earlier outcomes by month (months absent
 * count as no miss); months outside the window are ignored.
 */
export function defaultVerdict(
  month: Month,
  outcome: LevelOutcome,
  history: ReadonlyMap<Month, LevelOutcome>,
  rule: DefaultRule,
): DefaultVerdict {
  const first = addMonths(month, -(rule.windowMonths - 1));
  let missesInWindow = isMiss(outcome) ? 1 : 0;
  for (const [past, pastOutcome] of history)
    if (past >= first && past < month && isMiss(pastOutcome)) missesInWindow += 1;
  const window = `${missesInWindow} miss${missesInWindow === 1 ? '' : 'es'} in the ${rule.windowMonths} months to ${month}`;
  if (outcome === 'minimum_missed')
    return { isDefault: true, missesInWindow, reason: 'minimum level missed: a default at once' };
  if (outcome !== 'expected_missed') return { isDefault: false, missesInWindow, reason: 'no miss this month' };
  return missesInWindow >= rule.misses
    ? { isDefault: true, missesInWindow, reason: `expected level missed, ${window} (default from ${rule.misses})` }
    : { isDefault: false, missesInWindow, reason: `expected level missed, ${window}: a default from ${rule.misses}` };
}
