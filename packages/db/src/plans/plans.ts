/**
 * Plans and their metrics. Every read takes the caller's vendor scope and filters by it in SQL: a vendor
 * user sees its own vendor's plans, drafts excepted (a draft is the lead's preparation, docs/plans.md).
 */
import type { ItemStatus, PlanStatus } from '@scorecard/domain/plans/rules';
import type { VendorScope } from '@scorecard/domain/vendors/scope';
import { sql, type Transaction } from 'kysely';
import type { Db, DB } from '../database.ts';
import { diff, recordEvent, type Actor } from './events.ts';

export interface PlanSettings {
  /** Today in the reporting time zone ('YYYY-MM-DD'). */
  today: string;
  timeZone: string;
  achievedAfterWeeks: number;
}

export async function planSettings(db: Db | Transaction<DB>, now: Date = new Date()): Promise<PlanSettings> {
  const { rows } = await sql<{ today: string; time_zone: string; weeks: number }>`
    SELECT (${now}::timestamptz AT TIME ZONE reporting_time_zone)::date::text AS today,
           reporting_time_zone AS time_zone, plan_achieved_after_weeks AS weeks
    FROM organisation_settings`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('organisation_settings has no row');
  return { today: row.today, timeZone: row.time_zone, achievedAfterWeeks: row.weeks };
}

export interface PlanMetricRow {
  metric: string;
  baselineValue: number | null;
  targetValue: number;
}

export interface PlanRow {
  id: number;
  vendorId: number;
  vendorName: string;
  title: string;
  baselineWeek: string;
  dueDate: string;
  ownerUserId: number;
  ownerName: string;
  status: PlanStatus;
  statusChangedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  metrics: PlanMetricRow[];
  items: { total: number; open: number; inProgress: number; done: number; overdue: number };
}

export interface NewPlan {
  vendorId: number;
  title: string;
  baselineWeek: string;
  dueDate: string;
  ownerUserId: number;
  status: 'draft' | 'active';
  metrics: readonly PlanMetricRow[];
}

export async function createPlan(trx: Transaction<DB>, actor: Actor, plan: NewPlan): Promise<number> {
  const { id } = await trx
    .insertInto('plans')
    .values({
      vendor_id: plan.vendorId,
      title: plan.title,
      baseline_week: plan.baselineWeek,
      due_date: plan.dueDate,
      owner_user_id: plan.ownerUserId,
      status: plan.status,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('plan_metrics')
    .values(
      plan.metrics.map((m) => ({
        plan_id: id,
        metric: m.metric,
        baseline_value: m.baselineValue,
        target_value: m.targetValue,
      })),
    )
    .execute();
  const { metrics, ...fields } = plan;
  await recordEvent(trx, actor, {
    planId: id,
    kind: 'plan_created',
    changes: { ...fields, metrics: metrics.map((m) => ({ ...m })) },
  });
  return id;
}

function planQuery(db: Db | Transaction<DB>, scope: VendorScope, today: string) {
  return db
    .selectFrom('plans as p')
    .innerJoin('vendors as v', 'v.id', 'p.vendor_id')
    .innerJoin('users as o', 'o.id', 'p.owner_user_id')
    .select([
      'p.id',
      'p.vendor_id',
      'v.name as vendor_name',
      'p.title',
      'p.baseline_week',
      'p.due_date',
      'p.owner_user_id',
      'o.name as owner_name',
      'p.status',
      'p.status_changed_at',
      'p.created_at',
      'p.updated_at',
    ])
    .select((eb) => [
      eb
        .selectFrom('plan_metrics as m')
        .select(
          sql<PlanMetricRow[]>`coalesce(json_agg(json_build_object('metric', m.metric,
          'baselineValue', m.baseline_value, 'targetValue', m.target_value) ORDER BY m.metric), '[]')`.as('metrics'),
        )
        .whereRef('m.plan_id', '=', 'p.id')
        .as('metrics'),
      eb
        .selectFrom('plan_items as i')
        .select(
          sql<PlanRow['items']>`json_build_object(
          'total', count(*),
          'open', count(*) FILTER (WHERE i.status = 'open'),
          'inProgress', count(*) FILTER (WHERE i.status = 'in_progress'),
          'done', count(*) FILTER (WHERE i.status = 'done'),
          'overdue', count(*) FILTER (WHERE i.status <> 'done' AND i.due_date < ${today}::date))`.as('items'),
        )
        .whereRef('i.plan_id', '=', 'p.id')
        .as('items'),
    ])
    .$if(scope.kind === 'vendor', (qb) =>
      qb.where('p.vendor_id', '=', scope.kind === 'vendor' ? scope.vendorId : -1).where('p.status', '<>', 'draft'),
    );
}

type PlanQueryRow = Awaited<ReturnType<ReturnType<typeof planQuery>['execute']>>[number];

function toPlanRow(r: PlanQueryRow): PlanRow {
  return {
    id: r.id,
    vendorId: r.vendor_id,
    vendorName: r.vendor_name,
    title: r.title,
    baselineWeek: r.baseline_week,
    dueDate: r.due_date,
    ownerUserId: r.owner_user_id,
    ownerName: r.owner_name,
    status: r.status as PlanStatus,
    statusChangedAt: r.status_changed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    metrics: r.metrics ?? [],
    items: r.items ?? { total: 0, open: 0, inProgress: 0, done: 0, overdue: 0 },
  };
}

/** null when the plan does not exist or is outside the scope (the caller answers 404 either way). */
export async function findPlan(
  db: Db | Transaction<DB>,
  scope: VendorScope,
  id: number,
  today: string,
): Promise<PlanRow | null> {
  const row = await planQuery(db, scope, today).where('p.id', '=', id).executeTakeFirst();
  return row ? toPlanRow(row) : null;
}

export async function listPlans(
  db: Db,
  scope: VendorScope,
  today: string,
  filter: { statuses?: readonly PlanStatus[]; vendorId?: number },
): Promise<PlanRow[]> {
  const rows = await planQuery(db, scope, today)
    .$if(!!filter.statuses?.length, (qb) => qb.where('p.status', 'in', filter.statuses!))
    .$if(filter.vendorId !== undefined, (qb) => qb.where('p.vendor_id', '=', filter.vendorId!))
    .orderBy('p.due_date')
    .orderBy('p.id')
    .execute();
  return rows.map(toPlanRow);
}

export interface PlanChanges {
  title?: string;
  dueDate?: string;
  ownerUserId?: number;
  /** Per metric, a new target value. */
  targets?: readonly { metric: string; targetValue: number }[];
}

/** Writes the changed fields and one plan_updated event naming them; a no-op writes nothing. */
export async function updatePlan(
  trx: Transaction<DB>,
  actor: Actor,
  before: PlanRow,
  changes: PlanChanges,
): Promise<void> {
  const fieldChanges = diff(
    { title: before.title, dueDate: before.dueDate, ownerUserId: before.ownerUserId },
    { title: changes.title, dueDate: changes.dueDate, ownerUserId: changes.ownerUserId },
  );
  for (const target of changes.targets ?? []) {
    const current = before.metrics.find((m) => m.metric === target.metric);
    if (current && current.targetValue !== target.targetValue) {
      fieldChanges[`target.${target.metric}`] = { from: current.targetValue, to: target.targetValue };
      await trx
        .updateTable('plan_metrics')
        .set({ target_value: target.targetValue })
        .where('plan_id', '=', before.id)
        .where('metric', '=', target.metric)
        .execute();
    }
  }
  if (Object.keys(fieldChanges).length === 0) return;
  await trx
    .updateTable('plans')
    .set({
      ...(changes.title !== undefined ? { title: changes.title } : {}),
      ...(changes.dueDate !== undefined ? { due_date: changes.dueDate } : {}),
      ...(changes.ownerUserId !== undefined ? { owner_user_id: changes.ownerUserId } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', before.id)
    .execute();
  await recordEvent(trx, actor, { planId: before.id, kind: 'plan_updated', changes: fieldChanges });
}

/**
 * Moves a plan from `from` to `to` only if it is still in `from` (a concurrent change makes it return false),
 * with its history row. Transition rules are the caller's (domain canTransitionPlan).
 */
export async function setPlanStatus(
  trx: Transaction<DB>,
  actor: Actor,
  planId: number,
  from: PlanStatus,
  to: PlanStatus,
  note: string | null,
): Promise<boolean> {
  const updated = await trx
    .updateTable('plans')
    .set({ status: to, status_changed_at: sql`now()`, updated_at: sql`now()` })
    .where('id', '=', planId)
    .where('status', '=', from)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return false;
  await recordEvent(trx, actor, { planId, kind: 'plan_status', changes: { status: { from, to } }, note });
  return true;
}

/** Overdue action items per vendor, counting items of active and missed plans only (docs/plans.md). */
export async function overdueCountsByVendor(db: Db, scope: VendorScope, today: string) {
  return db
    .selectFrom('plan_items as i')
    .innerJoin('plans as p', 'p.id', 'i.plan_id')
    .select(['p.vendor_id', (eb) => eb.fn.countAll<number>().as('overdue')])
    .where('p.status', 'in', ['active', 'missed'])
    .where('i.status', '<>', 'done' satisfies ItemStatus)
    .where('i.due_date', '<', today)
    .$if(scope.kind === 'vendor', (qb) => qb.where('p.vendor_id', '=', scope.kind === 'vendor' ? scope.vendorId : -1))
    .groupBy('p.vendor_id')
    .orderBy('p.vendor_id')
    .execute();
}

/** Users who may own a plan or an item of `vendorId`: staff, and that vendor's own users; never disabled. */
export async function listAssignees(db: Db | Transaction<DB>, vendorId: number, userId?: number) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role', 'vendor_id'])
    .where('disabled_at', 'is', null)
    .where((eb) => eb.or([eb('vendor_id', 'is', null), eb('vendor_id', '=', vendorId)]))
    .$if(userId !== undefined, (qb) => qb.where('id', '=', userId!))
    .orderBy('name')
    .execute();
}
