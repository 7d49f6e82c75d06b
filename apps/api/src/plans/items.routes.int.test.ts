import { addWeeks, weekLabel, weekOf } from '@scorecard/domain/weeks';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { bearerCaller, callerAs, type SignedInCaller } from '../../../../test/http.ts';
import { buildApp } from '../app.ts';

const today = new Date().toISOString().slice(0, 10);
const plusDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const baselineWeek = weekLabel(addWeeks(weekOf(new Date(), 'UTC'), -2));

let database: TestDatabase;
let app: FastifyInstance;
let acme: number;
let globex: number;
let ops: SignedInCaller;
let viewer: SignedInCaller;
let acmeUser: SignedInCaller;
let globexUser: SignedInCaller;

interface ItemJson {
  id: number;
  status: string;
  overdue: boolean;
  dueDate: string;
  description: string;
  ownerUserId: number;
  meetingId: number | null;
}
interface EventJson {
  kind: string;
  actorUserId: number | null;
  changes: Record<string, unknown>;
  itemId: number | null;
  meetingId: number | null;
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  const vendors = await database.db
    .insertInto('vendors')
    .values([{ name: 'Acme' }, { name: 'Globex' }])
    .returning('id')
    .execute();
  [acme, globex] = vendors.map((v) => v.id) as [number, number];
  [ops, viewer, acmeUser, globexUser] = await Promise.all([
    callerAs(app, 'ops'),
    callerAs(app, 'viewer'),
    callerAs(app, 'vendor', { vendorId: acme }),
    callerAs(app, 'vendor', { vendorId: globex }),
  ]);
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

async function planWithMeeting(vendorId = acme) {
  const created = await ops.post('/api/plans', {
    vendorId,
    baselineWeek,
    dueDate: plusDays(today, 60),
    ownerUserId: ops.userId,
    metrics: [{ metric: 'csat', targetValue: 80, baselineValue: 70 }],
  });
  expect(created.statusCode, created.body).toBe(201);
  const planId = created.json<{ plan: { id: number } }>().plan.id;
  const meeting = await ops.post(`/api/plans/${planId}/meetings`, {
    heldOn: plusDays(today, -7),
    attendees: ['Pat Lead', 'Sam Vendor'],
    notes: 'Reviewed the CSAT drop: weekend staffing.',
    items: [
      {
        description: 'Retrain weekend shift',
        ownerUserId: vendorId === acme ? acmeUser.userId : globexUser.userId,
        dueDate: plusDays(today, -1),
      },
      { description: 'Add two agents on Saturdays', ownerUserId: ops.userId, dueDate: plusDays(today, 14) },
    ],
  });
  expect(meeting.statusCode, meeting.body).toBe(201);
  const body = meeting.json<{ meeting: { id: number; attendees: string[] }; items: ItemJson[] }>();
  return { planId, meetingId: body.meeting.id, items: body.items, meeting: body.meeting };
}

describe('review meetings and action items', () => {
  it('creates the meeting and its items together, with history rows for each', async () => {
    const { planId, meetingId, items, meeting } = await planWithMeeting();
    expect(meeting.attendees).toEqual(['Pat Lead', 'Sam Vendor']);
    expect(items).toHaveLength(2);
    expect(items.every((i) => i.meetingId === meetingId && i.status === 'open')).toBe(true);
    const detail = (await ops.get(`/api/plans/${planId}`)).json<{ meetings: unknown[]; history: EventJson[] }>();
    expect(detail.meetings).toHaveLength(1);
    expect(detail.history.map((e) => e.kind)).toEqual([
      'plan_created',
      'meeting_added',
      'item_created',
      'item_created',
    ]);
  });

  it('flags an item overdue once its due date has passed, on the item, the plan and the vendor counts', async () => {
    const { planId, items } = await planWithMeeting();
    const late = items.find((i) => i.dueDate < today)!;
    const onTime = items.find((i) => i.dueDate > today)!;
    expect(late.overdue).toBe(true);
    expect(onTime.overdue).toBe(false);
    const plan = (await ops.get(`/api/plans/${planId}`)).json<{
      plan: { items: { overdue: number; total: number } };
    }>();
    expect(plan.plan.items).toMatchObject({ total: 2, overdue: 1 });

    const before = (await ops.get('/api/plans/overdue-counts')).json<{
      items: { vendorId: number; overdueItems: number }[];
    }>();
    const acmeBefore = before.items.find((c) => c.vendorId === acme)!.overdueItems;
    expect((await acmeUser.patch(`/api/plan-items/${late.id}`, { status: 'done' })).statusCode).toBe(200);
    const after = (await ops.get('/api/plans/overdue-counts')).json<typeof before>();
    expect(after.items.find((c) => c.vendorId === acme)?.overdueItems ?? 0).toBe(acmeBefore - 1);
    const done = (await ops.get(`/api/plan-items/${late.id}`)).json<{ item: ItemJson }>();
    expect(done.item).toMatchObject({ status: 'done', overdue: false });
  });

  it('a vendor user sees only its own vendor’s overdue counts', async () => {
    await planWithMeeting(globex);
    const acmeCounts = (await acmeUser.get('/api/plans/overdue-counts')).json<{ items: { vendorId: number }[] }>();
    expect(acmeCounts.items.every((c) => c.vendorId === acme)).toBe(true);
    const all = (await viewer.get('/api/plans/overdue-counts')).json<{ items: { vendorId: number }[] }>();
    expect(all.items.map((c) => c.vendorId)).toContain(globex);
  });
});

describe('who may change an action item', () => {
  it('a vendor user changes the status (open → in progress → done → open), each recorded with its actor', async () => {
    const { items } = await planWithMeeting();
    const item = items[0]!;
    for (const status of ['in_progress', 'done', 'open']) {
      const response = await acmeUser.patch(`/api/plan-items/${item.id}`, { status });
      expect(response.statusCode, response.body).toBe(200);
    }
    const detail = (await acmeUser.get(`/api/plan-items/${item.id}`)).json<{
      item: ItemJson;
      history: EventJson[];
    }>();
    const statusEvents = detail.history.filter((e) => e.kind === 'item_status');
    expect(statusEvents.map((e) => e.changes)).toEqual([
      { status: { from: 'open', to: 'in_progress' } },
      { status: { from: 'in_progress', to: 'done' } },
      { status: { from: 'done', to: 'open' } },
    ]);
    expect(statusEvents.every((e) => e.actorUserId === acmeUser.userId && e.itemId === item.id)).toBe(true);
  });

  it('refuses a vendor user editing the due date, description or owner (403) and changes nothing', async () => {
    const { items } = await planWithMeeting();
    const item = items[0]!;
    for (const change of [
      { dueDate: plusDays(today, 30) },
      { description: 'Something easier' },
      { ownerUserId: ops.userId },
      { status: 'done', dueDate: plusDays(today, 30) },
    ]) {
      const response = await acmeUser.patch(`/api/plan-items/${item.id}`, change);
      expect(response.statusCode, JSON.stringify(change)).toBe(403);
      expect(response.json()).toMatchObject({ status: 403 });
    }
    const after = (await ops.get(`/api/plan-items/${item.id}`)).json<{ item: ItemJson; history: EventJson[] }>();
    expect(after.item).toMatchObject({ status: 'open', dueDate: item.dueDate, description: item.description });
    expect(after.history.map((e) => e.kind)).toEqual(['item_created']);
  });

  it('refuses a vendor user changing the status of its vendor’s item assigned to an ops user (403)', async () => {
    const { items } = await planWithMeeting();
    const opsItem = items[1]!;
    expect(opsItem.ownerUserId).toBe(ops.userId);
    const response = await acmeUser.patch(`/api/plan-items/${opsItem.id}`, { status: 'done' });
    expect(response.statusCode).toBe(403);
    expect(response.json<{ detail: string }>().detail).toContain('assigned to them');
    const after = (await ops.get(`/api/plan-items/${opsItem.id}`)).json<{ item: ItemJson }>();
    expect(after.item.status).toBe('open');
    // Reading it stays allowed: the plan is the vendor's.
    expect((await acmeUser.get(`/api/plan-items/${opsItem.id}`)).statusCode).toBe(200);
  });

  it('another vendor’s item is 404 for reading, changing and commenting', async () => {
    const { items } = await planWithMeeting();
    const item = items[0]!;
    expect((await globexUser.get(`/api/plan-items/${item.id}`)).statusCode).toBe(404);
    expect((await globexUser.patch(`/api/plan-items/${item.id}`, { status: 'done' })).statusCode).toBe(404);
    expect((await globexUser.post(`/api/plan-items/${item.id}/comments`, { body: 'hi' })).statusCode).toBe(404);
  });

  it('viewers read but neither change nor comment (403); ops edit every field, recorded field by field', async () => {
    const { items } = await planWithMeeting();
    const item = items[1]!;
    expect((await viewer.get(`/api/plan-items/${item.id}`)).statusCode).toBe(200);
    expect((await viewer.patch(`/api/plan-items/${item.id}`, { status: 'done' })).statusCode).toBe(403);
    expect((await viewer.post(`/api/plan-items/${item.id}/comments`, { body: 'hi' })).statusCode).toBe(403);
    expect((await ops.patch(`/api/plan-items/${item.id}`, { ownerUserId: globexUser.userId })).statusCode).toBe(400);

    const newDue = plusDays(today, 21);
    const response = await ops.patch(`/api/plan-items/${item.id}`, {
      dueDate: newDue,
      ownerUserId: acmeUser.userId,
      status: 'in_progress',
    });
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json<{ item: ItemJson; history: EventJson[] }>();
    expect(detail.item).toMatchObject({ dueDate: newDue, ownerUserId: acmeUser.userId, status: 'in_progress' });
    expect(detail.history.slice(1)).toEqual([
      expect.objectContaining({
        kind: 'item_updated',
        actorUserId: ops.userId,
        changes: {
          ownerUserId: { from: ops.userId, to: acmeUser.userId },
          dueDate: { from: item.dueDate, to: newDue },
        },
      }),
      expect.objectContaining({ kind: 'item_status', changes: { status: { from: 'open', to: 'in_progress' } } }),
    ]);
  });

  it('comments from the vendor and ops are listed in order and recorded in the history', async () => {
    const { items } = await planWithMeeting();
    const item = items[0]!;
    expect(
      (await acmeUser.post(`/api/plan-items/${item.id}/comments`, { body: 'Training booked for Friday.' })).statusCode,
    ).toBe(201);
    expect(
      (await ops.post(`/api/plan-items/${item.id}/comments`, { body: 'Thanks, please share attendance.' })).statusCode,
    ).toBe(201);
    expect((await ops.post(`/api/plan-items/${item.id}/comments`, { body: '   ' })).statusCode).toBe(400);
    const detail = (await acmeUser.get(`/api/plan-items/${item.id}`)).json<{
      item: { comments: number };
      comments: { authorUserId: number; body: string }[];
      history: EventJson[];
    }>();
    expect(detail.item.comments).toBe(2);
    expect(detail.comments.map((c) => [c.authorUserId, c.body])).toEqual([
      [acmeUser.userId, 'Training booked for Friday.'],
      [ops.userId, 'Thanks, please share attendance.'],
    ]);
    expect(detail.history.filter((e) => e.kind === 'item_comment')).toHaveLength(2);
  });

  it('ops add an item by hand (no meeting); vendor users may not (403)', async () => {
    const { planId } = await planWithMeeting();
    const item = { description: 'Weekly QA calibration', ownerUserId: acmeUser.userId, dueDate: plusDays(today, 7) };
    expect((await acmeUser.post(`/api/plans/${planId}/items`, item)).statusCode).toBe(403);
    const response = await ops.post(`/api/plans/${planId}/items`, item);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ ...item, meetingId: null, status: 'open', overdue: false });
  });

  it('automation tokens follow the same rules; their changes are recorded as made by a token', async () => {
    const { items } = await planWithMeeting();
    const item = items[1]!;
    const admin = await callerAs(app, 'admin');
    const token = async (role: string, vendorId: number | null) => {
      const response = await admin.post('/api/tokens', { name: `${role} bot`, role, vendorId });
      expect(response.statusCode, response.body).toBe(201);
      return response.json<{ secret: string }>().secret;
    };
    const opsBot = bearerCaller(app, await token('ops', null), 'ops');
    const acmeBot = bearerCaller(app, await token('vendor', acme), 'vendor', acme);
    const globexBot = bearerCaller(app, await token('vendor', globex), 'vendor', globex);

    expect((await globexBot.get(`/api/plan-items/${item.id}`)).statusCode).toBe(404);
    expect((await acmeBot.patch(`/api/plan-items/${item.id}`, { dueDate: plusDays(today, 3) })).statusCode).toBe(403);
    const response = await opsBot.patch(`/api/plan-items/${item.id}`, { status: 'in_progress' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<{ history: EventJson[] }>().history.at(-1)).toMatchObject({
      kind: 'item_status',
      actorUserId: null,
      actorKind: 'token',
    });
  });
});
