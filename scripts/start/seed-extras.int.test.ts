/**
 * The demo's money, plans and sampling seed runs through the real API after the quality seed, and the pages a
 * new user opens are filled: statements (one final, one shared) with figures that have n, this month's exposure,
 * plans, a sampling plan, and escalation figures and a calibration gap in the last complete week.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertCases, metricCase } from '../../packages/db/src/metrics/case-fixtures.testing.ts';
import type { MetricCase } from '../../packages/domain/src/metrics/case-facts.ts';
import { recompute } from '../../packages/db/src/metrics/recompute.ts';
import { addWeeks, weekLabel, weekOf } from '../../packages/domain/src/weeks.ts';
import { createUser } from '../../apps/api/src/auth/users.service.ts';
import { buildApp } from '../../apps/api/src/app.ts';
import { createTestDatabase, testConfig, type TestDatabase } from '../../test/harness.ts';
import { ApiClient } from './api-client.ts';
import { DEMO_TARGETS } from './seed.ts';
import { lastCompleteMonth, seedCredits, seedPlans, seedSampling } from './seed-extras.ts';
import { seedQuality } from './seed-quality.ts';

const HOUR_MS = 3_600_000;
const now = new Date();
const endWeek = addWeeks(weekOf(now, 'UTC'), -1);
const firstWeek = addWeeks(endWeek, -9);
let database: TestDatabase;
let app: FastifyInstance;
let api: ApiClient;
let vendorIds: number[];
const cases: MetricCase[] = [];
const lines: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const vendors = await database.db
    .insertInto('vendors')
    .values([{ name: 'Acme' }, { name: 'Globex' }])
    .returning('id')
    .execute();
  vendorIds = vendors.map((v) => v.id);
  // Ten weeks of answered calls every three hours up to now (the last complete month inside), waits 0–59 s
  // (Globex 30 s slower), CSAT 1–5, every tenth escalated.
  for (const [v, vendorId] of vendorIds.entries()) {
    for (
      let at = Date.parse(`${firstWeek}T00:30:00Z`), i = 0;
      at < now.getTime() - HOUR_MS;
      at += 3 * HOUR_MS, i += 1
    ) {
      const createdAt = new Date(at);
      const solvedAt = new Date(at + HOUR_MS);
      const waitSeconds = ((i * 7) % 60) + v * 30;
      cases.push(
        metricCase(vendorId, createdAt, {
          channel: 'voice',
          waitSeconds,
          answered: true,
          abandoned: false,
          firstResponseAt: new Date(at + waitSeconds * 1000),
          solvedAt,
          csatScore: (i % 5) + 1,
          csatScale: 5,
          csatAt: solvedAt,
          escalated: i % 10 === 0,
          firstContactResolved: i % 3 !== 0,
        }),
      );
    }
  }
  await insertCases(database.db, cases);
  await recompute(database.db, { kind: 'all' });
  const password = randomBytes(12).toString('hex');
  await createUser(app.db, { email: 'demo@test.example', name: 'Admin', role: 'admin', vendorId: null, password });
  api = new ApiClient(baseUrl);
  await api.signIn('demo@test.example', password);
  for (const target of DEMO_TARGETS) {
    expect((await api.post('/api/targets', { ...target, effectiveFrom: weekLabel(firstWeek) })).status).toBe(201);
  }
  const log = (line: string) => lines.push(line);
  const formId = await seedQuality(api, baseUrl, endWeek, log);
  await seedCredits(api, now, log);
  const me = (await api.get('/api/auth/me')).body as { user: { id: number } };
  await seedPlans(api, endWeek, me.user.id, log);
  await seedSampling(api, endWeek, formId, me.user.id, log);
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

it('prints progress lines while loading the quality reviews', () => {
  expect(lines.filter((line) => /^quality: \d+ of about \d+ internal reviews$/.test(line)).length).toBeGreaterThan(0);
  expect(lines.filter((line) => /^quality: (Acme|Globex): \d+ reviews/.test(line))).toHaveLength(2);
});

it('computes the last complete month statements, one final and one shared, with figures that have n', async () => {
  const month = lastCompleteMonth(now);
  const { items } = (await api.get('/api/credits/statements')).body as {
    items: {
      vendorId: number;
      month: string;
      status: string;
      lines: { metric: string; figure: { value: number | null; n: number } }[];
    }[];
  };
  expect(items.map((s) => [s.vendorId, s.month, s.status]).sort()).toEqual(
    [
      [vendorIds[0], month, 'final'],
      [vendorIds[1], month, 'shared'],
    ].sort(),
  );
  // The service level straight from the cases: answered calls of the month (UTC), within 20 s.
  const from = Date.parse(`${month}-01T00:00:00Z`);
  const to = Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 1);
  for (const statement of items) {
    let offered = 0;
    let within = 0;
    for (const c of cases) {
      if (c.vendorId !== statement.vendorId || c.createdAt.getTime() < from || c.createdAt.getTime() >= to) continue;
      offered += 1;
      if (c.waitSeconds! <= 20) within += 1;
    }
    const line = statement.lines.find((l) => l.metric === 'service_level')!;
    expect(line.figure.n).toBe(offered);
    expect(line.figure.value).toBeCloseTo((within / offered) * 100, 9);
  }
  const exposure = await api.get(`/api/credits/exposure?vendorId=${vendorIds[0]}`);
  expect(exposure.status, JSON.stringify(exposure.body)).toBe(200);
});

it('opens improvement plans on missed cells and a sampling plan', async () => {
  const plans = (await api.get('/api/plans')).body as { items: { vendorId: number }[] };
  expect(plans.items.length).toBeGreaterThan(0);
  const sampling = (await api.get('/api/quality/sampling-plans')).body as { sampleSize: number }[];
  expect(sampling).toHaveLength(1);
  expect(sampling[0]!.sampleSize).toBeGreaterThan(0);
});

it('dates escalation reviews in their case week, so the last complete week has escalation figures', async () => {
  const weekly = (await api.get(`/api/quality/weekly?week=${weekLabel(endWeek)}`)).body as {
    vendors: {
      vendorId: number;
      avoidableEscalationRate: { value: number | null; numerator: number; denominator: number };
      calibrationGap: { value: number | null; pairs: number };
    }[];
  };
  const from = Date.parse(`${endWeek}T00:00:00Z`);
  for (const vendorId of vendorIds) {
    let escalated = 0;
    for (const c of cases) {
      const t = c.createdAt.getTime();
      if (c.vendorId === vendorId && c.escalated && t >= from && t < from + 7 * 24 * HOUR_MS) escalated += 1;
    }
    const row = weekly.vendors.find((v) => v.vendorId === vendorId)!;
    // The seed reviews at most eight escalations a week and vendor.
    expect(row.avoidableEscalationRate.denominator).toBe(Math.min(8, escalated));
    expect(row.calibrationGap.pairs).toBeGreaterThan(0);
    expect(row.calibrationGap.value).not.toBeNull();
  }
});

it('refuses an escalation review dated ahead', async () => {
  const [escalated] = (await api.get(`/api/quality/escalations?week=${weekLabel(endWeek)}&vendorId=${vendorIds[0]}`))
    .body as { caseId: number }[];
  const ahead = await api.request('PUT', `/api/quality/escalations/${escalated!.caseId}`, {
    verdict: 'valid',
    rootCause: 'policy',
    reviewedAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
  expect(ahead.status).toBe(400);
});
