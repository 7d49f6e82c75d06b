/**
 * Plans, meetings and items: the checks between a route and the query functions. Visibility is the SQL
 * scope (404 outside it); what a role may change is decided here with the domain rules (403), and a
 * transition the rules refuse is a 409.
 */
import { metricDefinition, type MetricKey } from '@scorecard/domain/metrics/catalogue';
import {
  allowedPlanTransitions,
  canTransitionPlan,
  compareRisk,
  daysUntil,
  distanceToTarget,
  forbiddenItemFields,
  mayComment,
  type ItemField,
  type PlanStatus,
} from '@scorecard/domain/plans/rules';
import { lastCompleteWeek, parseWeekLabel, weekLabel } from '@scorecard/domain/weeks';
import type { Db } from '@scorecard/db/database';
import { findUserById } from '@scorecard/db/auth/users';
import { findVendorName } from '@scorecard/db/vendors/vendors';
import type { Actor } from '@scorecard/db/plans/events';
import {
  addComment,
  addMeeting,
  createItem,
  findItem,
  updateItem,
  type ItemChanges,
  type NewItem,
  type NewMeeting,
} from '@scorecard/db/plans/items';
import { vendorMetricWeeks } from '@scorecard/db/plans/metric-weeks';
import {
  createPlan,
  findPlan,
  listAssignees,
  listPlans,
  planSettings,
  setPlanStatus,
  updatePlan,
  type PlanChanges,
  type PlanRow,
} from '@scorecard/db/plans/plans';
import type { VendorScope } from '@scorecard/domain/vendors/scope';
import type { Principal } from '../auth/access.ts';
import { Problem } from '../http/problems.ts';

export function actorOf(principal: Principal | null): Actor {
  if (principal?.userId != null) return { userId: principal.userId, kind: 'user' };
  return { userId: null, kind: 'token' };
}

export function isStaff(principal: Principal | null): boolean {
  return principal?.role === 'admin' || principal?.role === 'ops';
}

export function toWeekStart(label: string): string {
  const start = parseWeekLabel(label);
  if (!start) throw new Problem('bad-request', `${label} is not an ISO week.`);
  return start;
}

export async function planOr404(db: Db, scope: VendorScope, id: number, today: string): Promise<PlanRow> {
  const plan = await findPlan(db, scope, id, today);
  if (!plan) throw new Problem('not-found', `No plan ${id}.`);
  return plan;
}

/** An owner must be an active user who may see the vendor's plans: staff, or that vendor's own users. */
async function assertAssignable(db: Db, vendorId: number, userIds: readonly (number | undefined)[]): Promise<void> {
  for (const userId of new Set(userIds)) {
    if (userId === undefined) continue;
    const [user] = await listAssignees(db, vendorId, userId);
    if (!user)
      throw new Problem(
        'bad-request',
        `User ${userId} cannot own work for this vendor (unknown, disabled or of another vendor).`,
      );
  }
}

export async function baselineValue(
  db: Db,
  vendorId: number,
  metric: MetricKey,
  weekStart: string,
): Promise<number | null> {
  const [week] = await vendorMetricWeeks(db, vendorId, metric, weekStart, weekStart);
  return week?.value ?? null;
}

export interface CreatePlanInput {
  vendorId: number;
  title?: string;
  baselineWeek: string;
  dueDate: string;
  ownerUserId: number;
  status?: 'draft' | 'active';
  metrics: { metric: MetricKey; targetValue: number; baselineValue?: number | null }[];
}

export async function createPlanFor(db: Db, principal: Principal | null, input: CreatePlanInput): Promise<number> {
  const vendor = await findVendorName(db, input.vendorId);
  if (!vendor) throw new Problem('not-found', `No vendor ${input.vendorId}.`);
  const baselineWeek = toWeekStart(input.baselineWeek);
  if (input.dueDate < baselineWeek)
    throw new Problem('bad-request', `The due date ${input.dueDate} is before the baseline week.`);
  if (new Set(input.metrics.map((m) => m.metric)).size !== input.metrics.length) {
    throw new Problem('bad-request', 'Each metric may appear once in a plan.');
  }
  await assertAssignable(db, vendor.id, [input.ownerUserId]);
  // The baseline comes from the scorecard unless the lead typed one in.
  const metrics = await Promise.all(
    input.metrics.map(async (m) => ({
      metric: m.metric,
      targetValue: m.targetValue,
      baselineValue:
        m.baselineValue !== undefined ? m.baselineValue : await baselineValue(db, vendor.id, m.metric, baselineWeek),
    })),
  );
  const title = input.title ?? `${metrics.map((m) => metricDefinition(m.metric).label).join(', ')}: ${vendor.name}`;
  return db.transaction().execute((trx) =>
    createPlan(trx, actorOf(principal), {
      vendorId: vendor.id,
      title,
      baselineWeek,
      dueDate: input.dueDate,
      ownerUserId: input.ownerUserId,
      status: input.status ?? 'active',
      metrics,
    }),
  );
}

export async function changePlan(db: Db, principal: Principal | null, id: number, changes: PlanChanges): Promise<void> {
  const { today } = await planSettings(db);
  const plan = await planOr404(db, { kind: 'all' }, id, today);
  if (changes.dueDate !== undefined && changes.dueDate < plan.baselineWeek) {
    throw new Problem('bad-request', `The due date ${changes.dueDate} is before the baseline week.`);
  }
  for (const target of changes.targets ?? []) {
    if (!plan.metrics.some((m) => m.metric === target.metric)) {
      throw new Problem('bad-request', `The plan does not track ${target.metric}.`);
    }
  }
  await assertAssignable(db, plan.vendorId, [changes.ownerUserId]);
  await db.transaction().execute((trx) => updatePlan(trx, actorOf(principal), plan, changes));
}

export async function transitionPlan(
  db: Db,
  principal: Principal | null,
  id: number,
  to: PlanStatus,
  note: string | null,
) {
  const { today } = await planSettings(db);
  const plan = await planOr404(db, { kind: 'all' }, id, today);
  if (!canTransitionPlan(plan.status, to)) {
    const allowed = allowedPlanTransitions(plan.status);
    throw new Problem(
      'conflict',
      `A ${plan.status} plan cannot become ${to}; allowed: ${allowed.length ? allowed.join(', ') : 'none'}.`,
    );
  }
  const changed = await db
    .transaction()
    .execute((trx) => setPlanStatus(trx, actorOf(principal), id, plan.status, to, note));
  if (!changed) throw new Problem('conflict', 'The plan changed meanwhile; reload it and try again.');
}

export async function addMeetingTo(db: Db, principal: Principal | null, planId: number, meeting: NewMeeting) {
  const { today } = await planSettings(db);
  const plan = await planOr404(db, { kind: 'all' }, planId, today);
  await assertAssignable(
    db,
    plan.vendorId,
    meeting.items.map((i) => i.ownerUserId),
  );
  return db.transaction().execute((trx) => addMeeting(trx, actorOf(principal), planId, meeting));
}

export async function addItemTo(db: Db, principal: Principal | null, planId: number, item: NewItem): Promise<number> {
  const { today } = await planSettings(db);
  const plan = await planOr404(db, { kind: 'all' }, planId, today);
  await assertAssignable(db, plan.vendorId, [item.ownerUserId]);
  return db.transaction().execute((trx) => createItem(trx, actorOf(principal), planId, item));
}

/**
 * 404 outside the scope; 403 for a vendor user's change of an item not assigned to that user, and naming
 * the fields the role may not change (vendor users: status only).
 */
export async function changeItem(
  db: Db,
  principal: Principal,
  scope: VendorScope,
  itemId: number,
  changes: ItemChanges & { note?: string },
): Promise<void> {
  const { today } = await planSettings(db);
  const item = await findItem(db, scope, itemId, today);
  if (!item) throw new Problem('not-found', `No action item ${itemId}.`);
  if (scope.kind === 'vendor' && !(await assignedToVendorCaller(db, principal, scope.vendorId, item.ownerUserId))) {
    throw new Problem('forbidden', 'Vendor users change only the action items assigned to them.');
  }
  const { note, ...fields } = changes;
  const touched = (Object.keys(fields) as ItemField[]).filter((field) => fields[field] !== undefined);
  const refused = forbiddenItemFields(principal.role, touched);
  if (refused.length)
    throw new Problem('forbidden', `Your role may not change ${refused.join(', ')} of an action item.`);
  await assertAssignable(db, item.vendorId, [fields.ownerUserId]);
  await db.transaction().execute((trx) => updateItem(trx, actorOf(principal), item, fields, note ?? null));
}

/**
 * SPEC: a vendor user updates the status of the action items assigned to it, not its vendor's items that
 * an ops user owns. A vendor automation token (no user) acts for the vendor: items owned by its users.
 */
async function assignedToVendorCaller(
  db: Db,
  principal: Principal,
  vendorId: number,
  ownerUserId: number,
): Promise<boolean> {
  if (principal.userId !== null) return ownerUserId === principal.userId;
  const owner = await findUserById(db, ownerUserId);
  return owner?.vendorId === vendorId;
}

export async function commentOn(
  db: Db,
  principal: Principal,
  scope: VendorScope,
  itemId: number,
  body: string,
): Promise<number> {
  const { today } = await planSettings(db);
  const item = await findItem(db, scope, itemId, today);
  if (!item) throw new Problem('not-found', `No action item ${itemId}.`);
  if (!mayComment(principal.role)) throw new Problem('forbidden', 'Viewers read action items; they do not comment.');
  return db.transaction().execute((trx) => addComment(trx, actorOf(principal), item, body));
}

/** Plans with their risk facts, riskiest first (domain compareRisk). */
export async function plansByRisk(db: Db, scope: VendorScope, filter: { statuses?: PlanStatus[]; vendorId?: number }) {
  const settings = await planSettings(db);
  const lastComplete = lastCompleteWeek(new Date(), settings.timeZone);
  const plans = await listPlans(db, scope, settings.today, filter);
  const withRisk = await Promise.all(
    plans.map(async (plan) => {
      const latest = await Promise.all(
        plan.metrics.map(async (m) => {
          const weeks = await vendorMetricWeeks(
            db,
            plan.vendorId,
            m.metric as MetricKey,
            plan.baselineWeek,
            lastComplete,
          );
          const last = weeks.filter((w) => w.value !== null).at(-1) ?? null;
          const direction = metricDefinition(m.metric as MetricKey).direction === 'higher' ? 'higher' : 'lower';
          return {
            metric: m.metric,
            week: last?.week ?? null,
            value: last?.value ?? null,
            distance: distanceToTarget(direction, last?.value ?? null, m.targetValue),
          };
        }),
      );
      const distances = latest.map((l) => l.distance);
      const distance = distances.some((d) => d === null) ? null : Math.max(...(distances as number[]));
      return {
        plan,
        overdueItems: plan.items.overdue,
        distance,
        daysToDue: daysUntil(plan.dueDate, settings.today),
        latest: latest.map((l) => ({
          metric: l.metric,
          week: l.week === null ? null : weekLabel(l.week),
          value: l.value,
        })),
      };
    }),
  );
  return withRisk.sort(compareRisk);
}

export function planJson(plan: PlanRow, principal: Principal | null) {
  return {
    ...plan,
    baselineWeek: weekLabel(plan.baselineWeek),
    baselineWeekStart: plan.baselineWeek,
    statusChangedAt: plan.statusChangedAt.toISOString(),
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
    allowedTransitions: isStaff(principal) ? [...allowedPlanTransitions(plan.status)] : [],
  };
}
