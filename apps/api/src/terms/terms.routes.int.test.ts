/**
 * Two vendors under different terms in the same week: each scorecard equals a direct computation under its own
 * terms (business-time FRT/SL/resolution for one, organisation defaults for the other); changing one vendor's
 * terms recomputes only that vendor's weeks from the effective week on. Through the API and a real worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueEvents } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { insertCases } from '@scorecard/db/metrics/case-fixtures.testing';
import { recompute } from '@scorecard/db/metrics/recompute';
import { businessSeconds, type BusinessCalendar } from '@scorecard/domain/calendars/business-time';
import { liveOutcome, DEFAULT_TERMS, type MetricCase, type MetricTerms } from '@scorecard/domain/metrics/case-facts';
import { redisConnection } from '@scorecard/jobs';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { startWorkers, type WorkerRuntime } from '../../../worker/src/runtime.ts';
import { buildApp } from '../app.ts';

const JOB_WAIT_MS = 30_000;
let database: TestDatabase;
let app: FastifyInstance;
let runtime: WorkerRuntime;
let events: QueueEvents;
let ops: Caller;
let alpha: number;
let beta: number;

const manila: BusinessCalendar = {
  timeZone: 'Asia/Manila',
  hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 8 * 60, endMinute: 20 * 60 })),
  holidays: [],
};
const alphaTerms: MetricTerms = {
  ...DEFAULT_TERMS,
  slThresholdVoiceSeconds: 10,
  shortAbandonSeconds: 8,
  asyncSlaSeconds: 3600,
};

let nextId = 1;
const at = (iso: string) => new Date(iso);
function makeCase(
  vendorId: number,
  o: Partial<MetricCase> & { createdAt: Date; channel: MetricCase['channel'] },
): MetricCase {
  return {
    id: nextId++,
    vendorId,
    queue: 'Buyer',
    tier: 1,
    site: null,
    customerId: null,
    firstResponseAt: null,
    solvedAt: null,
    reopenCount: 0,
    handleSeconds: null,
    waitSeconds: null,
    answered: null,
    abandoned: null,
    csatScore: null,
    csatScale: null,
    csatAt: null,
    escalated: false,
    firstContactResolved: null,
    ...o,
  };
}
/** The same contacts for each vendor: calls around both sets of thresholds, emails around opening hours. */
function contacts(vendorId: number, weekOffsetDays = 0): MetricCase[] {
  const shift = (iso: string) => new Date(at(iso).getTime() + weekOffsetDays * 86_400_000);
  const call = (wait: number, abandoned: boolean) =>
    makeCase(vendorId, {
      channel: 'voice',
      createdAt: shift('2026-11-17T10:00:00+08:00'),
      waitSeconds: wait,
      answered: !abandoned,
      abandoned,
    });
  const email = (created: string, first: string | null, solved: string | null) =>
    makeCase(vendorId, {
      channel: 'email',
      createdAt: shift(created),
      firstResponseAt: first ? shift(first) : null,
      solvedAt: solved ? shift(solved) : null,
    });
  return [
    call(4, false),
    call(10, false),
    call(11, false),
    call(15, false),
    call(20, false),
    call(21, false),
    call(3, true),
    call(6, true),
    call(8, true),
    call(12, true),
    // Friday 19:59 → Monday 08:01: 2 business minutes, 60 calendar hours.
    email('2026-11-20T19:59:00+08:00', '2026-11-23T08:01:00+08:00', '2026-11-23T09:00:00+08:00'),
    email('2026-11-18T21:00:00+08:00', '2026-11-19T08:30:00+08:00', '2026-11-19T12:00:00+08:00'),
    email('2026-11-17T09:00:00+08:00', '2026-11-17T11:00:00+08:00', '2026-11-18T09:00:00+08:00'),
    // Created Tuesday 07:00 Manila (Monday 23:00 UTC, week 47), before opening, never answered.
    email('2026-11-17T07:00:00+08:00', null, null),
  ];
}

/** Beta also has the week before: its solves reach into week 47. */
const betaCases = () => [...contacts(beta), ...contacts(beta, -7)];

function percentileCont(values: number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const low = Math.floor(position);
  return sorted[low]! + (sorted[Math.ceil(position)]! - sorted[low]!) * (position - low);
}

const W47_FROM = Date.parse('2026-11-16T00:00:00Z');
const inW47 = (d: Date | null) => d !== null && d.getTime() >= W47_FROM && d.getTime() < W47_FROM + 7 * 86_400_000;

/** Direct computation of W47's service level, abandon rate, FRT and resolution medians under one set of terms. */
function expected(all: MetricCase[], terms: MetricTerms, calendar: BusinessCalendar | null, now: Date) {
  const cases = all.filter((c) => inW47(c.createdAt));
  const clock = (from: Date, to: Date) =>
    calendar ? businessSeconds(from, to, calendar) : (to.getTime() - from.getTime()) / 1000;
  let within = 0,
    offered = 0,
    abandoned = 0;
  for (const c of cases) {
    const live = liveOutcome(c, terms);
    offered += live.offered;
    abandoned += live.abandoned;
    within += live.answeredWithin;
    if (c.channel === 'email') {
      if (c.firstResponseAt) {
        offered += 1;
        within += clock(c.createdAt, c.firstResponseAt) <= terms.asyncSlaSeconds ? 1 : 0;
      } else if (clock(c.createdAt, now) > terms.asyncSlaSeconds) offered += 1;
    }
  }
  const liveOffered = cases.reduce((n, c) => n + liveOutcome(c, terms).offered, 0);
  const frt = cases.filter((c) => c.firstResponseAt).map((c) => clock(c.createdAt, c.firstResponseAt!));
  const resolution = all.filter((c) => inW47(c.solvedAt)).map((c) => clock(c.createdAt, c.solvedAt!));
  return {
    service_level: (within / offered) * 100,
    abandon_rate: (abandoned / liveOffered) * 100,
    frt: percentileCont(frt, 0.5),
    resolution_time: percentileCont(resolution, 0.5),
  };
}

type Cell = { value?: number };
type ScorecardBody = { vendors: { vendorId: number; metrics: Record<string, Cell> }[] };
async function scorecardValues(vendorId: number) {
  const body = (await ops.get('/api/scorecards?week=2026-W47')).json<ScorecardBody>();
  const row = body.vendors.find((v) => v.vendorId === vendorId)!;
  return Object.fromEntries(
    ['service_level', 'abandon_rate', 'frt', 'resolution_time'].map((k) => [k, row.metrics[k]!.value]),
  );
}

async function partRows() {
  return database.db
    .selectFrom('weekly_parts')
    .select(['vendor_id', 'week', 'channel', 'computed_at'])
    .orderBy('vendor_id')
    .orderBy('week')
    .orderBy('channel')
    .execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig(database.url);
  app = await buildApp(config);
  runtime = startWorkers(config);
  events = new QueueEvents('metrics', {
    connection: redisConnection(config.redis.url, 'worker'),
    prefix: config.redis.queuePrefix,
  });
  await events.waitUntilReady();
  [alpha, beta] = (
    await database.db
      .insertInto('vendors')
      .values([{ name: 'Alpha' }, { name: 'Beta' }])
      .returning('id')
      .execute()
  ).map((v) => v.id) as [number, number];
  await insertCases(database.db, [...contacts(alpha), ...betaCases()]);
  ops = await callerAs(app, 'ops');
  const calendar = await ops.post('/api/calendars', {
    name: 'Manila weekdays',
    timeZone: 'Asia/Manila',
    hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '20:00' })),
  });
  expect(calendar.statusCode).toBe(201);
  const saved = await ops.post('/api/terms', {
    vendorId: alpha,
    effectiveFrom: '2026-W40',
    calendarId: calendar.json<{ id: number }>().id,
    frtBasis: 'business',
    asyncSlBasis: 'business',
    resolutionBasis: 'business',
    slThresholdVoiceSeconds: 10,
    shortAbandonSeconds: 8,
    asyncSlaSeconds: 3600,
  });
  expect(saved.statusCode).toBe(201);
  await recompute(database.db, { kind: 'all' });
});
afterAll(async () => {
  await events?.close();
  await runtime?.close();
  await app?.close();
  await database?.drop();
});

describe('contract terms', () => {
  it('each vendor is computed under its own terms in the same week', async () => {
    const now = new Date();
    const ours = { alpha: await scorecardValues(alpha), beta: await scorecardValues(beta) };
    const direct = {
      alpha: expected(contacts(alpha), alphaTerms, manila, now),
      beta: expected(betaCases(), DEFAULT_TERMS, null, now),
    };
    for (const vendor of ['alpha', 'beta'] as const) {
      for (const [key, value] of Object.entries(direct[vendor]))
        expect(ours[vendor][key], `${vendor} ${key}`).toBeCloseTo(value!, 6);
    }
    // The terms make a difference here, so the test would see the wrong terms applied.
    expect(ours.alpha.frt).not.toBeCloseTo(ours.beta.frt!, 0);
    expect(ours.alpha.service_level).not.toBeCloseTo(ours.beta.service_level!, 0);
  });

  it('states the terms in words, and vendors read only their own', async () => {
    const body = (await ops.get(`/api/vendors/${alpha}/terms?week=2026-W47`)).json<{
      formulas: Record<string, string>;
    }>();
    expect(body.formulas.frt).toBe(
      'First response time: median of first response − created, business hours Mon–Fri 08:00–20:00 Asia/Manila',
    );
    expect(body.formulas.service_level).toContain('answered ≤ 10 s (voice)');
    expect(body.formulas.service_level).toContain('abandons < 8 s left out');
    const vendorUser = await callerAs(app, 'vendor', { vendorId: beta });
    expect((await vendorUser.get(`/api/vendors/${alpha}/terms`)).statusCode).toBe(404);
    expect((await vendorUser.get(`/api/terms?vendorId=${alpha}`)).statusCode).toBe(404);
    expect((await vendorUser.get('/api/terms')).json<{ items: unknown[] }>().items).toEqual([]);
    expect(
      (await vendorUser.post('/api/terms', { vendorId: beta, effectiveFrom: '2026-W47', shortAbandonSeconds: 1 }))
        .statusCode,
    ).toBe(403);
  });

  it('prints the formula beside the scorecard and both clocks in the drill-down', async () => {
    const scorecard = (await ops.get('/api/scorecards?week=2026-W47')).json<{
      termSets: { formulas: Record<string, string> }[];
      vendors: { vendorId: number; termSet: number }[];
    }>();
    const formulas = (id: number) =>
      scorecard.termSets[scorecard.vendors.find((v) => v.vendorId === id)!.termSet]!.formulas;
    expect(formulas(alpha).frt).toContain('business hours Mon–Fri 08:00–20:00 Asia/Manila');
    expect(formulas(beta).frt).toBe('First response time: median of first response − created, calendar time');
    const cases = (await ops.get(`/api/cases?vendorId=${alpha}&week=2026-W47&metric=frt&channel=email`)).json<{
      formula: string;
      items: {
        createdAt: string;
        frtSeconds: number | null;
        frtCalendarSeconds: number | null;
        frtBusinessSeconds: number | null;
        frtBasis: string;
      }[];
    }>();
    expect(cases.formula).toBe(formulas(alpha).frt);
    const friday = cases.items.find((i) => i.createdAt === '2026-11-20T11:59:00.000Z')!;
    expect(friday).toMatchObject({
      frtSeconds: 120,
      frtBusinessSeconds: 120,
      frtCalendarSeconds: 60 * 3600 + 120,
      frtBasis: 'business',
    });
    const report = (await ops.get(`/api/reports/preview?vendorId=${alpha}&week=2026-W47`)).json<{
      html: string;
      text: string;
    }>();
    expect(report.text).toContain(formulas(alpha).frt);
    expect(report.html).toContain('business hours Mon–Fri 08:00–20:00 Asia/Manila');
  });

  it('a terms change recomputes only that vendor, from the effective week on', async () => {
    const before = await partRows();
    const response = await ops.post('/api/terms', {
      vendorId: beta,
      effectiveFrom: '2026-W47',
      slThresholdVoiceSeconds: 12,
    });
    expect(response.statusCode).toBe(201);
    const { recompute: queued } = response.json<{ recompute: { jobId: string; vendorWeeks: number } }>();
    // Cases created from week 47 on: arrival week 47, completion weeks 47 and 48.
    expect(queued.vendorWeeks).toBe(2);
    const job = await runtime.queues.metrics.getJob(queued.jobId);
    await job!.waitUntilFinished(events, JOB_WAIT_MS);
    const after = await partRows();
    const changed = after.filter((row, i) => row.computed_at.getTime() !== before[i]!.computed_at.getTime());
    expect(after.map((r) => [r.vendor_id, r.week, r.channel])).toEqual(
      before.map((r) => [r.vendor_id, r.week, r.channel]),
    );
    expect(changed.map((r) => [r.vendor_id, r.week])).toEqual([
      [beta, '2026-11-16'],
      [beta, '2026-11-16'],
      [beta, '2026-11-23'],
    ]);
    expect((await scorecardValues(beta)).service_level).toBeCloseTo(
      expected(betaCases(), { ...DEFAULT_TERMS, slThresholdVoiceSeconds: 12 }, null, new Date()).service_level,
      6,
    );
  });
});
