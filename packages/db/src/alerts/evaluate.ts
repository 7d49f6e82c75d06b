/**
 * The alert evaluation, run by the worker after every recompute and hourly. For each enabled rule
 * and each of its subjects (vendor × metric, or plan) the week-to-date figures give a severity; the guards
 * (domain/alerts/guards.ts) advance the subject's state under a row lock, so concurrent evaluations queue
 * behind each other; a firing is one ledger row (unique per rule × subject × episode × severity) and its
 * deliveries are rows created in the same transaction, sent afterwards by the `deliver-alert` job.
 */
import { metricSeverity, planSeverity, type ConditionKind } from '@scorecard/domain/alerts/conditions';
import { nextAlertState, type AlertState, type Severity } from '@scorecard/domain/alerts/guards';
import type { MetricKey } from '@scorecard/domain/metrics/catalogue';
import { weekLabel } from '@scorecard/domain/weeks';
import { sql, type Transaction } from 'kysely';
import type { Db, DB } from '../database.ts';
import { listPlans, planSettings } from '../plans/plans.ts';
import { termsResolver } from '../terms/formulas.ts';
import { loadPlanForecast } from './plan-forecast.ts';
import { loadWeekToDate, type WeekToDate } from './week-to-date.ts';
import { listedVendorsOf } from '../vendors/archive.ts';

export interface EvaluationOptions {
  vendorIds?: readonly number[];
  now?: Date;
  /** The dashboard's origin, for the drill-down link of each firing. */
  publicUrl: string;
}

export interface EvaluationResult {
  evaluated: number;
  fired: number[];
  resolved: number;
  /** Deliveries created by this evaluation, to enqueue. */
  deliveries: QueuedDelivery[];
}

export interface QueuedDelivery {
  id: number;
  createdAt: Date;
  attempts: number;
}

interface RuleRow {
  id: number;
  vendorId: number | null;
  metric: MetricKey | null;
  condition: ConditionKind;
  threshold: number | null;
  minSample: number | null;
}

/** One thing a rule looks at, with what the guards need and what the ledger records. */
interface Subject {
  key: string;
  vendorId: number;
  metric: MetricKey | null;
  planId: number | null;
  severity: Severity;
  sample: number;
  minSample: number;
  figures: Record<string, unknown>;
  link: string;
}

export async function evaluateAlerts(db: Db, options: EvaluationOptions): Promise<EvaluationResult> {
  const now = options.now ?? new Date();
  const rules = (await db
    .selectFrom('alert_rules')
    .select(['id', 'vendor_id as vendorId', 'metric', 'condition', 'threshold', 'min_sample as minSample'])
    .where('enabled', '=', true)
    .orderBy('id')
    .execute()) as RuleRow[];
  const result: EvaluationResult = { evaluated: 0, fired: [], resolved: 0, deliveries: [] };
  if (rules.length === 0) return result;
  const weekToDate = await loadWeekToDate(db, now);
  const inScope = (vendorId: number) => !options.vendorIds || options.vendorIds.includes(vendorId);
  for (const rule of rules) {
    const subjects =
      rule.condition === 'plan_unachievable'
        ? await planSubjects(db, rule, weekToDate, now, options.publicUrl)
        : metricSubjects(rule, weekToDate, options.publicUrl);
    for (const subject of subjects.filter((s) => inScope(s.vendorId))) {
      const step = await db.transaction().execute((trx) => advance(trx, rule.id, subject, weekToDate.week));
      result.evaluated += 1;
      if (step.firingId !== null) result.fired.push(step.firingId);
      if (step.resolved) result.resolved += 1;
      result.deliveries.push(...step.deliveries);
    }
  }
  return result;
}

function metricSubjects(rule: RuleRow, weekToDate: WeekToDate, publicUrl: string): Subject[] {
  const kind = rule.condition as Exclude<ConditionKind, 'plan_unachievable'>;
  const label = weekLabel(weekToDate.week);
  return weekToDate.rows
    .filter((row) => rule.vendorId === null || row.vendorId === rule.vendorId)
    .flatMap((row) =>
      row.metrics
        // every contract metric: those with a target in force for the vendor this week
        .filter((m) => (rule.metric === null ? m.target !== null : m.metric === rule.metric))
        .map((m) => ({
          key: `vendor:${row.vendorId}:${m.metric}`,
          vendorId: row.vendorId,
          metric: m.metric,
          planId: null,
          severity: metricSeverity(kind, m, rule.threshold),
          sample: m.sample,
          minSample: rule.minSample ?? row.minSample,
          figures: { ...m, week: label, marking: weekToDate.marking, patternWeeks: weekToDate.patternWeeks },
          link: `${publicUrl}/cases?${new URLSearchParams({ vendorId: String(row.vendorId), week: label, metric: m.metric }).toString()}`,
        })),
    );
}

async function planSubjects(
  db: Db,
  rule: RuleRow,
  weekToDate: WeekToDate,
  now: Date,
  publicUrl: string,
): Promise<Subject[]> {
  const [settings, resolve, listed] = await Promise.all([
    planSettings(db, now),
    termsResolver(db),
    listedVendorsOf(db, weekToDate.week),
  ]);
  // An archived vendor's plans are not evaluated, as its metrics are not (they leave the week-to-date rows).
  const plans = (await listPlans(db, { kind: 'all' }, settings.today, { statuses: ['active'] })).filter(
    (plan) => (rule.vendorId === null || plan.vendorId === rule.vendorId) && listed(plan.vendorId),
  );
  return Promise.all(
    plans.map(async (plan) => {
      const forecast = await loadPlanForecast(db, plan, weekToDate, settings.achievedAfterWeeks, resolve);
      return {
        key: `plan:${plan.id}`,
        vendorId: plan.vendorId,
        metric: null,
        planId: plan.id,
        severity: planSeverity(forecast),
        sample: forecast.sample,
        minSample: rule.minSample ?? resolve(plan.vendorId, weekToDate.week).minSample,
        figures: { planId: plan.id, title: plan.title, dueDate: plan.dueDate, forecast },
        link: `${publicUrl}/plans/${plan.id}`,
      };
    }),
  );
}

interface Advanced {
  firingId: number | null;
  resolved: boolean;
  deliveries: QueuedDelivery[];
}

async function advance(trx: Transaction<DB>, ruleId: number, subject: Subject, week: string): Promise<Advanced> {
  await trx
    .insertInto('alert_states')
    .values({ rule_id: ruleId, subject: subject.key })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const row = await trx
    .selectFrom('alert_states')
    .selectAll()
    .where('rule_id', '=', ruleId)
    .where('subject', '=', subject.key)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const previous: AlertState = {
    phase: row.phase as AlertState['phase'],
    severity: row.severity as Severity,
    streak: row.streak,
  };
  const step = nextAlertState(previous, { severity: subject.severity, sample: subject.sample }, subject.minSample);
  const episode = step.decision === 'fire' ? row.episode + 1 : row.episode;
  await trx
    .updateTable('alert_states')
    .set({ ...step.state, episode, evaluated_at: sql`now()` })
    .where('rule_id', '=', ruleId)
    .where('subject', '=', subject.key)
    .execute();
  if (step.decision === 'resolve') {
    await trx
      .updateTable('alert_firings')
      .set({ resolved_at: sql`now()` })
      .where('rule_id', '=', ruleId)
      .where('subject', '=', subject.key)
      .where('episode', '=', row.episode)
      .where('resolved_at', 'is', null)
      .execute();
    return { firingId: null, resolved: true, deliveries: [] };
  }
  if (step.decision !== 'fire' && step.decision !== 'refire')
    return { firingId: null, resolved: false, deliveries: [] };
  const firing = await trx
    .insertInto('alert_firings')
    .values({
      rule_id: ruleId,
      subject: subject.key,
      episode,
      severity: step.state.severity,
      vendor_id: subject.vendorId,
      metric: subject.metric,
      plan_id: subject.planId,
      week,
      figures: JSON.stringify(subject.figures),
      reason: step.reason,
      link: subject.link,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!firing) return { firingId: null, resolved: false, deliveries: [] };
  return {
    firingId: firing.id,
    resolved: false,
    deliveries: await createDeliveries(trx, ruleId, firing.id, subject.vendorId),
  };
}

/**
 * One delivery per recipient: the rule's addresses, its subscribers (a vendor user only for their own vendor;
 * a disabled user never), and its webhook.
 */
async function createDeliveries(
  trx: Transaction<DB>,
  ruleId: number,
  firingId: number,
  vendorId: number,
): Promise<QueuedDelivery[]> {
  const { rows } = await sql<{ id: number; created_at: Date }>`
    INSERT INTO alert_deliveries (firing_id, channel, recipient)
    SELECT ${firingId}, r.channel, r.recipient FROM (
      SELECT 'email' AS channel, unnest(email_to) AS recipient FROM alert_rules WHERE id = ${ruleId}
      UNION
      SELECT 'email', u.email FROM alert_subscriptions s JOIN users u ON u.id = s.user_id
      WHERE s.rule_id = ${ruleId} AND u.disabled_at IS NULL AND (u.vendor_id IS NULL OR u.vendor_id = ${vendorId})
      UNION
      SELECT 'webhook', webhook_url FROM alert_rules WHERE id = ${ruleId} AND webhook_url IS NOT NULL
    ) r
    ON CONFLICT DO NOTHING
    RETURNING id, created_at`.execute(trx);
  return rows.map((r) => ({ id: Number(r.id), createdAt: new Date(r.created_at), attempts: 0 }));
}
