import { addWeeks, weekLabel, weekOf } from '@scorecard/domain/weeks';
import { recompute } from '@scorecard/db/metrics/recompute';
import { evaluatePlans } from '@scorecard/db/plans/evaluate';
import { insertCsatWeek } from '@scorecard/db/plans/fixtures.testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type SignedInCaller } from '../../../../test/http.ts';
import { buildApp } from '../app.ts';

// Reporting zone UTC (default). Weeks relative to today: w(-1) is the last complete week.
const currentWeek = weekOf(new Date(), 'UTC');
const w = (offset: number) => addWeeks(currentWeek, offset);
const day = (weekStart: string, plusDays: number) =>
  new Date(Date.parse(`${weekStart}T00:00:00Z`) + plusDays * 86_400_000).toISOString().slice(0, 10);
const today = new Date().toISOString().slice(0, 10);
const yesterday = day(today, -1);
const inAMonth = day(today, 30);

let database: TestDatabase;
let app: FastifyInstance;
let acme: number;
let globex: number;
let admin: SignedInCaller;
let ops: SignedInCaller;
let viewer: SignedInCaller;
let acmeUser: SignedInCaller;
let globexUser: SignedInCaller;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  const vendors = await database.db
    .insertInto('vendors')
    .values([{ name: 'Acme' }, { name: 'Globex' }])
    .returning('id')
    .execute();
  [acme, globex] = vendors.map((v) => v.id) as [number, number];
  [admin, ops, viewer, acmeUser, globexUser] = await Promise.all([
    callerAs(app, 'admin'),
    callerAs(app, 'ops'),
    callerAs(app, 'viewer'),
    callerAs(app, 'vendor', { vendorId: acme }),
    callerAs(app, 'vendor', { vendorId: globex }),
  ]);
  // Acme CSAT: 50 % in the baseline week w-4, then 90 % in w-3 and w-2, 85 % in w-1 (40 responses each).
  await insertCsatWeek(database.db, acme, w(-4), 40, 20);
  await insertCsatWeek(database.db, acme, w(-3), 40, 36);
  await insertCsatWeek(database.db, acme, w(-2), 40, 36);
  await insertCsatWeek(database.db, acme, w(-1), 40, 34);
  // Globex CSAT: 60 % every week.
  for (const offset of [-4, -3, -2, -1]) await insertCsatWeek(database.db, globex, w(offset), 40, 24);
  await recompute(database.db, { kind: 'all' });
  await database.db
    .insertInto('targets')
    .values({ metric: 'csat', value: 80, effective_from: w(-10) })
    .execute();
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

interface PlanBody {
  plan: {
    id: number;
    status: string;
    vendorId: number;
    metrics: { metric: string; baselineValue: number | null; targetValue: number }[];
    items: { overdue: number };
    allowedTransitions: string[];
  };
  items: { id: number; status: string; overdue: boolean; ownerUserId: number; dueDate: string; description: string }[];
  history: {
    kind: string;
    actorUserId: number | null;
    actorKind: string;
    changes: Record<string, unknown>;
    itemId: number | null;
    note: string | null;
  }[];
}

async function createPlan(caller: SignedInCaller, overrides: Record<string, unknown> = {}): Promise<PlanBody> {
  const response = await caller.post('/api/plans', {
    vendorId: acme,
    baselineWeek: weekLabel(w(-4)),
    dueDate: inAMonth,
    ownerUserId: ops.userId,
    metrics: [{ metric: 'csat', targetValue: 80 }],
    ...overrides,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('creating a plan from a missed scorecard cell', () => {
  it('pre-fills the baseline value and the scorecard target', async () => {
    const response = await ops.get(`/api/plans/prefill?vendorId=${acme}&metric=csat&week=${weekLabel(w(-4))}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      vendorName: 'Acme',
      metric: 'csat',
      baselineValue: 50,
      targetValue: 80,
      unit: '%',
    });
  });

  it('fills the baseline from the scorecard and records the creation', async () => {
    const body = await createPlan(ops);
    expect(body.plan).toMatchObject({
      status: 'active',
      vendorId: acme,
      metrics: [{ metric: 'csat', baselineValue: 50, targetValue: 80 }],
    });
    expect(body.history).toEqual([
      expect.objectContaining({ kind: 'plan_created', actorUserId: ops.userId, actorKind: 'user' }),
    ]);
  });

  it('refuses viewers and vendor users (403), bad input (400), an owner of another vendor (400)', async () => {
    const plan = {
      vendorId: acme,
      baselineWeek: weekLabel(w(-4)),
      dueDate: inAMonth,
      ownerUserId: ops.userId,
      metrics: [{ metric: 'csat', targetValue: 80 }],
    };
    expect((await viewer.post('/api/plans', plan)).statusCode).toBe(403);
    expect((await acmeUser.post('/api/plans', plan)).statusCode).toBe(403);
    expect((await ops.post('/api/plans', { ...plan, metrics: [] })).statusCode).toBe(400);
    expect(
      (await ops.post('/api/plans', { ...plan, metrics: [{ metric: 'volume', targetValue: 1 }] })).statusCode,
    ).toBe(400);
    expect((await ops.post('/api/plans', { ...plan, dueDate: day(w(-5), 0) })).statusCode).toBe(400);
    expect((await ops.post('/api/plans', { ...plan, ownerUserId: globexUser.userId })).statusCode).toBe(400);
    expect((await ops.post('/api/plans', { ...plan, vendorId: 999_999 })).statusCode).toBe(404);
    const invalid = await ops.post('/api/plans', { ...plan, dueDate: '2026-02-30' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['content-type']).toContain('application/problem+json');
    expect((await ops.post('/api/plans', { ...plan, baselineWeek: '2026-W60' })).statusCode).toBe(400);
    expect((await ops.post('/api/plans', { ...plan, extra: true })).statusCode).toBe(400);
  });
});

describe('plan status transitions', () => {
  it('follows the allowed transitions and records each with its actor', async () => {
    const { plan } = await createPlan(ops, { status: 'draft' });
    expect(plan.allowedTransitions).toEqual(['active', 'cancelled']);
    const to = (caller: SignedInCaller, status: string) =>
      caller.post(`/api/plans/${plan.id}/status`, { status, note: `to ${status}` });

    expect((await to(admin, 'achieved')).statusCode).toBe(409);
    expect((await to(admin, 'active')).statusCode).toBe(200);
    expect((await to(ops, 'draft')).statusCode).toBe(409);
    expect((await to(acmeUser, 'cancelled')).statusCode).toBe(403);
    expect((await to(viewer, 'cancelled')).statusCode).toBe(403);
    expect((await to(ops, 'missed')).statusCode).toBe(200);
    expect((await to(ops, 'active')).statusCode).toBe(200);
    const cancelled = await to(ops, 'cancelled');
    expect(cancelled.statusCode).toBe(200);
    const body = cancelled.json<PlanBody>();
    expect(body.plan).toMatchObject({ status: 'cancelled', allowedTransitions: [] });
    expect((await to(admin, 'active')).statusCode).toBe(409);

    const statusEvents = body.history.filter((e) => e.kind === 'plan_status');
    expect(statusEvents.map((e) => e.changes)).toEqual([
      { status: { from: 'draft', to: 'active' } },
      { status: { from: 'active', to: 'missed' } },
      { status: { from: 'missed', to: 'active' } },
      { status: { from: 'active', to: 'cancelled' } },
    ]);
    expect(statusEvents.map((e) => e.actorUserId)).toEqual([admin.userId, ops.userId, ops.userId, ops.userId]);
    expect(statusEvents[0]?.note).toBe('to active');
  });

  it('edits record every changed field; vendor users and viewers may not edit a plan', async () => {
    const { plan } = await createPlan(ops);
    expect((await acmeUser.patch(`/api/plans/${plan.id}`, { dueDate: day(inAMonth, 7) })).statusCode).toBe(403);
    expect((await viewer.patch(`/api/plans/${plan.id}`, { title: 'x' })).statusCode).toBe(403);
    expect((await ops.patch(`/api/plans/${plan.id}`, {})).statusCode).toBe(400);
    expect(
      (await ops.patch(`/api/plans/${plan.id}`, { targets: [{ metric: 'aht', targetValue: 300 }] })).statusCode,
    ).toBe(400);
    expect((await ops.patch('/api/plans/999999', { title: 'x' })).statusCode).toBe(404);
    const response = await ops.patch(`/api/plans/${plan.id}`, {
      dueDate: day(inAMonth, 7),
      targets: [{ metric: 'csat', targetValue: 85 }],
    });
    expect(response.statusCode, response.body).toBe(200);
    const updated = response.json<PlanBody>().history.filter((e) => e.kind === 'plan_updated');
    expect(updated).toEqual([
      expect.objectContaining({
        changes: { dueDate: { from: inAMonth, to: day(inAMonth, 7) }, 'target.csat': { from: 80, to: 85 } },
      }),
    ]);
  });
});

describe('vendor isolation', () => {
  it('a vendor user sees its own active plans, never drafts or another vendor’s (404)', async () => {
    const { plan: active } = await createPlan(ops);
    const { plan: draft } = await createPlan(ops, { status: 'draft' });
    expect((await acmeUser.get(`/api/plans/${active.id}`)).statusCode).toBe(200);
    expect((await acmeUser.get(`/api/plans/${draft.id}`)).statusCode).toBe(404);
    expect((await globexUser.get(`/api/plans/${active.id}`)).statusCode).toBe(404);
    expect((await globexUser.get(`/api/plans/${active.id}/tracking`)).statusCode).toBe(404);
    expect((await viewer.get(`/api/plans/${draft.id}`)).statusCode).toBe(200);
    const globexList = (await globexUser.get('/api/plans?status=all')).json<{ items: { id: number }[] }>();
    expect(globexList.items).toEqual([]);
    const acmeList = (await acmeUser.get('/api/plans?status=all')).json<{
      items: { id: number; vendorId: number }[];
    }>();
    expect(acmeList.items.map((p) => p.id)).toContain(active.id);
    expect(acmeList.items.map((p) => p.id)).not.toContain(draft.id);
    expect(acmeList.items.every((p) => p.vendorId === acme)).toBe(true);
  });
});

describe('tracking and risk', () => {
  it('tracks the weekly values since the baseline against the plan target', async () => {
    const { plan } = await createPlan(ops);
    const response = await acmeUser.get(`/api/plans/${plan.id}/tracking`);
    expect(response.statusCode, response.body).toBe(200);
    const [csat] = response.json<{
      metrics: { metric: string; targetValue: number; series: { week: string; value: number; status: string }[] }[];
    }>().metrics;
    expect(csat).toMatchObject({ metric: 'csat', targetValue: 80 });
    expect(csat!.series.map((p) => [p.week, p.value, p.status])).toEqual([
      [weekLabel(w(-4)), 50, 'missed'],
      [weekLabel(w(-3)), 90, 'met'],
      [weekLabel(w(-2)), 90, 'met'],
      [weekLabel(w(-1)), 85, 'met'],
    ]);
  });

  it('lists active plans riskiest first: overdue items, then distance to target, then due date', async () => {
    const plan = (targetValue: number, dueDate = inAMonth) =>
      createPlan(ops, { vendorId: globex, dueDate, metrics: [{ metric: 'csat', targetValue }] }).then((b) => b.plan.id);
    const near = await plan(62);
    const far = await plan(90);
    const nearSoon = await plan(62, day(today, 10));
    const overdue = await plan(61);
    expect(
      (
        await ops.post(`/api/plans/${overdue}/items`, {
          description: 'Late',
          ownerUserId: ops.userId,
          dueDate: yesterday,
        })
      ).statusCode,
    ).toBe(201);

    const response = await viewer.get(`/api/plans?vendorId=${globex}`);
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json<{
      items: { id: number; distance: number; latest: { week: string; value: number }[] }[];
    }>().items;
    expect(items.map((p) => p.id)).toEqual([overdue, far, nearSoon, near]);
    expect(items[1]?.distance).toBeCloseTo(30 / 90, 9);
    expect(items[1]?.latest).toEqual([{ metric: 'csat', week: weekLabel(w(-1)), value: 60 }]);
  });
});

describe('automatic decision after a recompute', () => {
  it('marks plans achieved after two weeks on target and missed after a due week without, by the system', async () => {
    const { plan: onTrack } = await createPlan(ops);
    const { plan: late } = await createPlan(ops, { dueDate: day(w(-3), 2) });
    const { plan: draft } = await createPlan(ops, { status: 'draft' });
    // The metrics engine's recompute rebuilds the weeks; the worker then runs the same evaluation.
    await recompute(database.db, { kind: 'vendor-weeks', vendorWeeks: [{ vendorId: acme, week: w(-2) }] });
    const decisions = await evaluatePlans(database.db, { vendorIds: [acme] });
    expect(decisions.find((d) => d.planId === onTrack.id)?.to).toBe('achieved');
    expect(decisions.find((d) => d.planId === late.id)?.to).toBe('missed');
    expect(decisions.some((d) => d.planId === draft.id)).toBe(false);

    const achieved = (await acmeUser.get(`/api/plans/${onTrack.id}`)).json<PlanBody>();
    expect(achieved.plan.status).toBe('achieved');
    expect(achieved.history.at(-1)).toMatchObject({
      kind: 'plan_status',
      actorKind: 'system',
      actorUserId: null,
      changes: { status: { from: 'active', to: 'achieved' } },
    });
    const missed = (await ops.get(`/api/plans/${late.id}`)).json<PlanBody>();
    expect(missed.plan).toMatchObject({ status: 'missed', allowedTransitions: ['active', 'cancelled'] });
    expect(missed.history.at(-1)).toMatchObject({
      kind: 'plan_status',
      actorKind: 'system',
      changes: { status: { from: 'active', to: 'missed' } },
    });
    // Nothing changes on a second run.
    expect((await evaluatePlans(database.db, { vendorIds: [acme] })).map((d) => d.planId)).not.toContain(onTrack.id);
  });
});

describe("the vendor's contract terms decide the minimum sample", () => {
  // CSAT 50 % in the baseline week w-4, then 90 %, 90 %, 85 %, each of 40 responses: on target from w-3 under
  // the organisation's minimum sample of 30, a low sample under terms that ask for 50.
  it.each([
    {
      name: 'terms from w-3: every week after the baseline is a low sample, nothing is decided',
      termsFrom: -3,
      statuses: ['missed', 'low_sample', 'low_sample', 'low_sample'],
      decision: undefined,
    },
    {
      name: 'terms from w-1: w-3 and w-2 were on target under the defaults, achieved',
      termsFrom: -1,
      statuses: ['missed', 'met', 'met', 'low_sample'],
      decision: 'achieved',
    },
  ])('$name', async ({ termsFrom, statuses, decision }) => {
    const [vendor] = await database.db
      .insertInto('vendors')
      .values({ name: `Initech ${termsFrom}` })
      .returning('id')
      .execute();
    const vendorId = vendor!.id;
    for (const [offset, satisfied] of [
      [-4, 20],
      [-3, 36],
      [-2, 36],
      [-1, 34],
    ] as const)
      await insertCsatWeek(database.db, vendorId, w(offset), 40, satisfied);
    await recompute(database.db, {
      kind: 'vendor-weeks',
      vendorWeeks: [-4, -3, -2, -1].map((offset) => ({ vendorId, week: w(offset) })),
    });
    const terms = await ops.post('/api/terms', { vendorId, effectiveFrom: weekLabel(w(termsFrom)), minSample: 50 });
    expect(terms.statusCode, terms.body).toBe(201);
    const { plan } = await createPlan(ops, { vendorId });

    const tracking = (await ops.get(`/api/plans/${plan.id}/tracking`)).json<{
      metrics: { series: { week: string; status: string }[] }[];
    }>();
    expect(tracking.metrics[0]!.series.map((p) => p.status)).toEqual(statuses);
    const decisions = await evaluatePlans(database.db, { vendorIds: [vendorId] });
    expect(decisions.find((d) => d.planId === plan.id)?.to).toBe(decision);
    expect((await ops.get(`/api/plans/${plan.id}`)).json<PlanBody>().plan.status).toBe(decision ?? 'active');
  });
});
