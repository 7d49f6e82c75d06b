/**
 * The automatic plan decision (docs/definitions.md: achieved after N consecutive weeks on target, missed when the due date
 * passes without it), run by the worker after every recompute and daily. Idempotent: only active plans are
 * looked at, and the status change is conditional on the plan still being active. A week's status needs the
 * minimum sample of the vendor's contract terms in force that week (docs/terms.md), as on the scorecard.
 */
import type { MetricKey } from '@scorecard/domain/metrics/catalogue';
import { addWeeks, weekOf } from '@scorecard/domain/weeks';
import { decidePlanOutcome, mondayOf, type PlanStatus } from '@scorecard/domain/plans/rules';
import type { Db } from '../database.ts';
import { termsResolver } from '../terms/formulas.ts';
import { SYSTEM_ACTOR } from './events.ts';
import { planWeekStatus, vendorMetricWeeks } from './metric-weeks.ts';
import { listPlans, planSettings, setPlanStatus } from './plans.ts';

export interface PlanDecision {
  planId: number;
  vendorId: number;
  to: Extract<PlanStatus, 'achieved' | 'missed'>;
  note: string;
}

/** Decides every active plan (of `vendorIds`, or all); returns the plans whose status it changed. */
export async function evaluatePlans(
  db: Db,
  options: { vendorIds?: readonly number[]; now?: Date } = {},
): Promise<PlanDecision[]> {
  const now = options.now ?? new Date();
  const [settings, resolve] = await Promise.all([planSettings(db, now), termsResolver(db)]);
  const currentWeek = weekOf(now, settings.timeZone);
  const plans = (await listPlans(db, { kind: 'all' }, settings.today, { statuses: ['active'] })).filter(
    (plan) => !options.vendorIds || options.vendorIds.includes(plan.vendorId),
  );
  const decisions: PlanDecision[] = [];
  for (const plan of plans) {
    const lastWeek = [addWeeks(currentWeek, -1), mondayOf(plan.dueDate)].sort()[0]!;
    const metrics = await Promise.all(
      plan.metrics.map(async (m) => {
        const weeks = await vendorMetricWeeks(
          db,
          plan.vendorId,
          m.metric as MetricKey,
          addWeeks(plan.baselineWeek, 1),
          lastWeek,
        );
        return {
          metric: m.metric,
          weeks: weeks.map((w) => ({
            week: w.week,
            status: planWeekStatus(m.metric as MetricKey, w, m.targetValue, resolve(plan.vendorId, w.week).minSample),
          })),
        };
      }),
    );
    const outcome = decidePlanOutcome({
      status: plan.status,
      baselineWeek: plan.baselineWeek,
      dueDate: plan.dueDate,
      currentWeek,
      requiredWeeks: settings.achievedAfterWeeks,
      metrics,
    });
    if (outcome.outcome === null) continue;
    const note =
      outcome.outcome === 'achieved'
        ? `on target in ${outcome.weeks.length} consecutive weeks from ${outcome.weeks[0]} (automatic)`
        : `${outcome.reason} (automatic)`;
    const changed = await db
      .transaction()
      .execute((trx) => setPlanStatus(trx, SYSTEM_ACTOR, plan.id, 'active', outcome.outcome, note));
    if (changed) decisions.push({ planId: plan.id, vendorId: plan.vendorId, to: outcome.outcome, note });
  }
  return decisions;
}
