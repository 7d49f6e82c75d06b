/**
 * Archiving, restoring and deleting vendors through the API (docs/definitions.md "Archived vendors"): past
 * weeks keep their scorecards and ranks, current weeks, pickers, report schedules and alert rules drop the
 * vendor, its users and tokens are refused, an import's rows of it are counted and named, and delete is only
 * for a vendor with no data.
 */
import { recompute } from '@scorecard/db/metrics/recompute';
import { reportSchedulerId } from '@scorecard/jobs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { anonymous, callerAs, signIn, type Caller, type SignedInCaller } from '../../../../test/http.ts';
import { upload, waitForImport } from '../../../../test/imports.ts';
import { startWorkers, type WorkerRuntime } from '../../../worker/src/runtime.ts';
import { buildApp } from '../app.ts';

let database: TestDatabase;
let app: FastifyInstance;
let worker: WorkerRuntime;
let ops: Caller;
let viewer: Caller;

const DAY = 86_400_000;
const now = Date.now();
/** Monday 00:00 UTC of the week holding `ms` (the reporting zone is UTC by default). */
function mondayOf(ms: number): number {
  const day = new Date(ms);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) - sinceMonday * DAY;
}
/** ISO 8601: a week belongs to the year of its Thursday; week 1 holds 4 January. */
function labelOf(ms: number): string {
  const monday = mondayOf(ms);
  const year = new Date(monday + 3 * DAY).getUTCFullYear();
  const week = 1 + Math.round((monday - mondayOf(Date.UTC(year, 0, 4))) / (7 * DAY));
  return `${year}-W${String(week).padStart(2, '0')}`;
}
const currentMonday = mondayOf(now);
const pastMonday = currentMonday - 14 * DAY;
const PAST = labelOf(pastMonday);
const CURRENT = labelOf(currentMonday);
// A current-week instant that has already happened: shortly before now, never before Monday 00:00.
const currentAt = (minutes: number) => new Date(Math.max(currentMonday + 60_000, now - minutes * 60_000)).toISOString();
const pastAt = (hours: number) => new Date(pastMonday + DAY + hours * 3_600_000).toISOString();

const HEADER = 'external_id,vendor,created_at,solved_at,channel,queue,customer_id,csat_score,csat_at';
/** Per vendor, past-week email cases with a score each, and a current-week case. */
function exportFile(prefix: string, vendors: Record<string, number[]>, withPast = true): string {
  const lines = [HEADER];
  for (const [vendor, scores] of Object.entries(vendors)) {
    scores.forEach((score, i) => {
      if (withPast)
        lines.push(
          `${prefix}-${vendor}-p${i},${vendor},${pastAt(i)},${pastAt(i + 2)},email,Buyer,c-${vendor}-${i},${score},${pastAt(i + 3)}`,
        );
      lines.push(
        `${prefix}-${vendor}-c${i},${vendor},${currentAt(30 + i)},${currentAt(10)},email,Buyer,d-${vendor}-${i},${score},${currentAt(5)}`,
      );
    });
  }
  return `${lines.join('\n')}\n`;
}

type ScorecardBody = { week: string; vendors: { vendorId: number; vendorName: string; rank: number | null }[] };
async function scorecard(week: string): Promise<ScorecardBody> {
  const response = await ops.get(`/api/scorecards?week=${week}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as ScorecardBody;
}

async function importAndRecompute(name: string, content: string) {
  const accepted = await upload(ops, { name, content });
  expect(accepted.statusCode, accepted.body).toBe(202);
  const view = await waitForImport(ops, (accepted.json() as { id: number }).id);
  expect(view.status, view.error ?? '').toBe('succeeded');
  await recompute(database.db, { kind: 'all' });
  return view;
}

const ids: Record<string, number> = {};
// Satisfaction per vendor: Beta best, Gamma worst, in both weeks.
const SCORES = { Alpha: [5, 5, 2], Beta: [5, 5, 5], Gamma: [2, 3, 1] };

/** Competition ranks by the share of satisfied scores (4 or 5) of the vendors named, computed here. */
function expectedRanks(vendors: (keyof typeof SCORES)[]): Record<string, number> {
  const shares = vendors.map((vendor) => {
    let satisfied = 0;
    for (const score of SCORES[vendor]) if (score >= 4) satisfied += 1;
    return { vendor, share: satisfied / SCORES[vendor].length };
  });
  const ranks: Record<string, number> = {};
  for (const { vendor, share } of shares) ranks[vendor] = 1 + shares.filter((other) => other.share > share).length;
  return ranks;
}
const ranksOf = (body: ScorecardBody) => Object.fromEntries(body.vendors.map((v) => [v.vendorName, v.rank]));

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig(database.url);
  app = await buildApp(config);
  worker = startWorkers(config);
  ops = await callerAs(app, 'ops');
  viewer = await callerAs(app, 'viewer');
  // A CSAT target and a minimum sample the small file reaches, so that every vendor-week is ranked.
  const admin = await callerAs(app, 'admin');
  expect((await admin.put('/api/settings/metrics', { minSample: 1 })).statusCode).toBe(200);
  const target = await admin.post('/api/targets', {
    metric: 'csat',
    value: 100,
    effectiveFrom: labelOf(pastMonday - 7 * DAY),
  });
  expect(target.statusCode, target.body).toBe(201);
  for (const name of ['Alpha', 'Beta', 'Gamma']) {
    const created = await ops.post('/api/vendors', { name });
    expect(created.statusCode, created.body).toBe(201);
    ids[name] = (created.json() as { id: number }).id;
  }
  await importAndRecompute('first.csv', exportFile('a', SCORES));
}, 120_000);
afterAll(async () => {
  await worker?.close();
  await app?.close();
  await database?.drop();
});

describe('archiving a vendor', () => {
  let pastBefore: ScorecardBody;
  let betaUser: SignedInCaller;
  let betaToken: string;

  it('starts with every vendor on the past and the current week', async () => {
    pastBefore = await scorecard(PAST);
    // Ranked, so that "unchanged" below covers the ranks too.
    expect(ranksOf(pastBefore)).toEqual(expectedRanks(['Alpha', 'Beta', 'Gamma']));
    expect(ranksOf(await scorecard(CURRENT))).toEqual(expectedRanks(['Alpha', 'Beta', 'Gamma']));
    betaUser = await callerAs(app, 'vendor', { vendorId: ids.Beta! });
    const admin = await callerAs(app, 'admin');
    const token = await admin.post('/api/tokens', { name: 'Beta feed', role: 'vendor', vendorId: ids.Beta });
    expect(token.statusCode, token.body).toBe(201);
    betaToken = (token.json() as { secret: string }).secret;
    expect((await bearer(betaToken)).statusCode).toBe(200);
    expect(await app.queues.reports.getJobScheduler(reportSchedulerId(ids.Beta!))).toBeTruthy();
  });

  it('is for admin and ops only', async () => {
    expect((await viewer.post(`/api/vendors/${ids.Beta}/archive`)).statusCode).toBe(403);
    expect((await betaUser.post(`/api/vendors/${ids.Beta}/archive`)).statusCode).toBe(403);
    expect((await viewer.delete(`/api/vendors/${ids.Beta}`)).statusCode).toBe(403);
    expect((await ops.post('/api/vendors/999999/archive')).statusCode).toBe(404);
  });

  it('keeps past weeks as they were and drops the vendor from the current week', async () => {
    const archived = await ops.post(`/api/vendors/${ids.Beta}/archive`);
    expect(archived.statusCode, archived.body).toBe(200);
    const body = archived.json() as { archivedAt: string; unlistedFromWeek: string };
    expect(Date.parse(body.archivedAt)).toBeGreaterThanOrEqual(now - 60_000);
    expect(body.unlistedFromWeek).toBe(CURRENT);
    // Archiving twice keeps the first time.
    expect((await ops.post(`/api/vendors/${ids.Beta}/archive`)).json()).toMatchObject({ archivedAt: body.archivedAt });

    expect(await scorecard(PAST)).toEqual(pastBefore);
    // The current week is ranked among the vendors still listed.
    expect(ranksOf(await scorecard(CURRENT))).toEqual(expectedRanks(['Alpha', 'Gamma']));
    // The vendor's own history stays readable.
    expect((await ops.get(`/api/vendors/${ids.Beta}/trends?endWeek=${PAST}`)).statusCode).toBe(200);
  });

  it('leaves the pickers, with an archived list beside them', async () => {
    const names = async (query: string) =>
      ((await ops.get(`/api/vendors${query}`)).json() as { items: { name: string }[] }).items.map((v) => v.name);
    expect(await names('')).toEqual(['Alpha', 'Gamma']);
    expect(await names('?status=active')).toEqual(['Alpha', 'Gamma']);
    expect(await names('?status=archived')).toEqual(['Beta']);
    expect(await names('?status=all')).toEqual(['Alpha', 'Beta', 'Gamma']);
  });

  it("refuses the vendor's sessions, tokens and sign-ins", async () => {
    expect((await betaUser.get('/api/auth/me')).statusCode).toBe(401);
    expect((await betaUser.get('/api/scorecards')).statusCode).toBe(401);
    expect((await bearer(betaToken)).statusCode).toBe(401);
    const refused = await anonymous(app).post('/api/auth/sign-in', {
      email: betaUser.email,
      password: betaUser.password,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json().detail).toContain('Beta is archived');
    // A wrong password still gets the answer everyone gets.
    const wrong = await anonymous(app).post('/api/auth/sign-in', { email: betaUser.email, password: 'not it' });
    expect(wrong.statusCode).toBe(401);
  });

  it('stops its weekly report and refuses new schedules and alert rules', async () => {
    expect(await app.queues.reports.getJobScheduler(reportSchedulerId(ids.Beta!))).toBeFalsy();
    const schedules = (await ops.get('/api/reports/schedules')).json() as { items: { vendorId: number }[] };
    expect(schedules.items.map((s) => s.vendorId).sort()).toEqual([ids.Alpha, ids.Gamma].sort());
    const put = await ops.put(`/api/vendors/${ids.Beta}/report-schedule`, { cron: '0 9 * * 1', enabled: true });
    expect(put.statusCode).toBe(409);
    const rule = await ops.post('/api/alerts/rules', {
      name: 'Beta status',
      vendorId: ids.Beta,
      metric: null,
      condition: 'status',
      threshold: null,
      minSample: null,
      emailTo: ['lead@example.com'],
      webhookUrl: null,
      enabled: true,
    });
    expect(rule.statusCode, rule.body).toBe(409);
    const mapping = await ops.post('/api/vendor-mappings', {
      source: 'generic',
      field: 'vendor',
      value: 'Beta Manila',
      vendorId: ids.Beta,
    });
    expect(mapping.statusCode).toBe(409);
  });

  it("loads an import's rows of the archived vendor, counts them and names them on the import", async () => {
    const vendors = { Alpha: [5], Beta: [5, 5] };
    const view = await importAndRecompute('second.csv', exportFile('b', vendors, false));
    let betaRows = 0;
    let allRows = 0;
    for (const [vendor, scores] of Object.entries(vendors)) {
      allRows += scores.length;
      if (vendor === 'Beta') betaRows += scores.length;
    }
    expect(view.rowsRead).toBe(allRows);
    expect(view.rowsLoaded).toBe(allRows);
    expect(view.archivedVendors).toEqual([{ vendorId: ids.Beta, vendorName: 'Beta', caseCount: betaRows }]);
    const loaded = await database.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('vendor_id', '=', ids.Beta!)
      .where('external_id', 'like', 'b-Beta-%')
      .executeTakeFirstOrThrow();
    expect(Number(loaded.n)).toBe(betaRows);
    expect((await scorecard(CURRENT)).vendors.map((v) => v.vendorName).sort()).toEqual(['Alpha', 'Gamma']);
    expect(await scorecard(PAST)).toEqual(pastBefore);
  });

  it('deletes only a vendor without data; otherwise 409 says to archive', async () => {
    const refused = await ops.delete(`/api/vendors/${ids.Beta}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json().detail).toContain('archive it instead');
    expect(refused.json().heldBy).toEqual(expect.arrayContaining(['cases']));

    const empty = (await ops.post('/api/vendors', { name: 'Typo Vendr' })).json() as { id: number };
    const mapped = await ops.post('/api/vendor-mappings', {
      source: 'generic',
      field: 'vendor',
      value: 'Typo',
      vendorId: empty.id,
    });
    expect(mapped.statusCode, mapped.body).toBe(201);
    const deleted = await ops.delete(`/api/vendors/${empty.id}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    const all = (await ops.get('/api/vendors?status=all')).json() as { items: { id: number }[] };
    expect(all.items.map((v) => v.id)).not.toContain(empty.id);
    expect((await ops.get('/api/vendor-mappings')).json().items).toEqual([]);
    expect((await ops.delete(`/api/vendors/${empty.id}`)).statusCode).toBe(404);
  });

  it('restores the vendor: listed, reported and signed in again', async () => {
    const restored = await ops.post(`/api/vendors/${ids.Beta}/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ archivedAt: null, unlistedFromWeek: null });
    expect((await scorecard(CURRENT)).vendors.map((v) => v.vendorName).sort()).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(await app.queues.reports.getJobScheduler(reportSchedulerId(ids.Beta!))).toBeTruthy();
    expect((await bearer(betaToken)).statusCode).toBe(200);
    await signIn(app, betaUser.email, betaUser.password);
  });
});

function bearer(secret: string) {
  return app.inject({ method: 'GET', url: '/api/vendors', headers: { authorization: `Bearer ${secret}` } });
}
