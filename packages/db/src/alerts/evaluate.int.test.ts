/**
 * evaluateAlerts on a real database: an organisation-wide rule on every contract metric, who gets
 * which delivery (a subscribed vendor user only their own vendor's), the minimum sample, and the plan rule.
 * The CSAT written per vendor decides the expected outcome, worked out here.
 */
import type { MetricCase } from '@scorecard/domain/metrics/case-facts';
import { addWeeks, weekLabel, weekOf } from '@scorecard/domain/weeks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/harness.ts';
import { insertUser } from '../auth/users.ts';
import { insertCases } from '../metrics/case-fixtures.testing.ts';
import { recompute } from '../metrics/recompute.ts';
import { evaluateAlerts } from './evaluate.ts';

let database: TestDatabase;
let good: number;
let bad: number;
let tiny: number;
let badUser: number;
let goodUser: number;
let staff: number;
let nextId = 1;
const now = new Date();
const week = weekOf(now, 'UTC');

/** `satisfied` of `total` CSAT answers on email cases created so far this week. */
function csat(vendorId: number, satisfied: number, total: number): MetricCase[] {
  const start = Date.parse(`${week}T00:00:00Z`);
  return Array.from({ length: total }, (_, i) => {
    const at = new Date(start + ((now.getTime() - 1000 - start) * (i + 1)) / (total + 1));
    return {
      id: nextId++,
      vendorId,
      queue: null,
      channel: 'email' as const,
      tier: null,
      site: null,
      customerId: null,
      createdAt: at,
      firstResponseAt: at,
      solvedAt: at,
      reopenCount: 0,
      handleSeconds: 60,
      waitSeconds: null,
      answered: null,
      abandoned: null,
      csatScore: i < satisfied ? 5 : 1,
      csatScale: 5 as const,
      csatAt: at,
      escalated: false,
      firstContactResolved: true,
    };
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  await db.updateTable('organisation_settings').set({ reporting_time_zone: 'UTC' }).execute();
  [good, bad, tiny] = (
    await db
      .insertInto('vendors')
      .values([{ name: 'Good' }, { name: 'Bad' }, { name: 'Tiny' }])
      .returning('id')
      .execute()
  ).map((v) => v.id) as [number, number, number];
  await db.insertInto('targets').values({ metric: 'csat', value: 80, effective_from: '2020-01-06' }).execute();
  // Good 90 % (met), Bad 50 % (missed), Tiny 0 % on 3 answers (under the minimum sample of 10).
  await insertCases(db, [...csat(good, 45, 50), ...csat(bad, 25, 50), ...csat(tiny, 0, 3)]);
  await recompute(db, { kind: 'all' });
  const user = (email: string, role: 'vendor' | 'ops', vendorId: number | null) =>
    insertUser(db, { email, name: email, role, vendorId, passwordHash: 'x', mustChangePassword: false });
  badUser = await user('lead@bad.example', 'vendor', bad);
  goodUser = await user('lead@good.example', 'vendor', good);
  staff = await user('ops@org.example', 'ops', null);
});
afterAll(async () => database?.drop());

describe('evaluateAlerts', () => {
  it('fires on every contract metric of every vendor, and each subscriber hears only what they may see', async () => {
    const db = database.db;
    const { id: ruleId } = await db
      .insertInto('alert_rules')
      .values({ name: 'org', condition: 'status', min_sample: 10, email_to: ['team@org.example'] })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('alert_subscriptions')
      .values([badUser, goodUser, staff].map((user_id) => ({ rule_id: ruleId, user_id })))
      .execute();
    const options = { publicUrl: 'https://scorecard.test', now };
    const first = await evaluateAlerts(db, options);
    expect(first.fired).toEqual([]);
    const second = await evaluateAlerts(db, options);
    expect(second.fired).toHaveLength(1);
    const firings = await db.selectFrom('alert_firings').selectAll().where('rule_id', '=', ruleId).execute();
    expect(firings.map((f) => [f.vendor_id, f.metric, f.severity])).toEqual([[bad, 'csat', 'missed']]);
    expect(firings[0]!.link).toBe(`https://scorecard.test/cases?vendorId=${bad}&week=${weekLabel(week)}&metric=csat`);
    const recipients = await db
      .selectFrom('alert_deliveries')
      .select(['channel', 'recipient'])
      .where('firing_id', '=', firings[0]!.id)
      .orderBy('recipient')
      .execute();
    expect(recipients.map((r) => r.recipient)).toEqual(['lead@bad.example', 'ops@org.example', 'team@org.example']);
    expect(second.deliveries).toHaveLength(3);
    // Tiny stays quiet: 3 answers are under the rule's minimum sample.
    const tinyState = await db
      .selectFrom('alert_states')
      .selectAll()
      .where('subject', '=', `vendor:${tiny}:csat`)
      .executeTakeFirstOrThrow();
    expect(tinyState.phase).toBe('ok');
  });

  it('a plan rule fires when a plan can no longer be achieved by its due date', async () => {
    const db = database.db;
    const { id: ruleId } = await db
      .insertInto('alert_rules')
      .values({ name: 'plans', condition: 'plan_unachievable', vendor_id: bad, min_sample: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Due this week, 2 met weeks needed (the default), none met so far: the earliest week is next week.
    const { id: planId } = await db
      .insertInto('plans')
      .values({
        vendor_id: bad,
        title: 'CSAT',
        baseline_week: addWeeks(week, -3),
        due_date: week,
        owner_user_id: staff,
        status: 'active',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('plan_metrics').values({ plan_id: planId, metric: 'csat', target_value: 80 }).execute();
    const options = { publicUrl: 'https://scorecard.test', now, vendorIds: [bad] };
    await evaluateAlerts(db, options);
    await evaluateAlerts(db, options);
    const firings = await db.selectFrom('alert_firings').selectAll().where('rule_id', '=', ruleId).execute();
    expect(firings.map((f) => [f.plan_id, f.severity, f.link])).toEqual([
      [planId, 'missed', `https://scorecard.test/plans/${planId}`],
    ]);
    expect((firings[0]!.figures as { forecast: { achievable: boolean } }).forecast.achievable).toBe(false);
  });
});
