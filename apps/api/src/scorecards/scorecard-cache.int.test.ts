/**
 * The scorecard cache (docs/metrics.md, "Serving"): a write that changes what the scorecard shows is visible
 * on the very next request, whoever made it (the API, the worker's recompute, plain SQL), and a vendor user
 * served from the shared entry still sees only its own row, with its rank among all vendors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Static } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { emailCase, insertCases } from '@scorecard/db/metrics/case-fixtures.testing';
import { recompute } from '@scorecard/db/metrics/recompute';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { buildApp } from '../app.ts';
import type { Scorecard } from './scorecards.schemas.ts';

type ScorecardBody = Static<typeof Scorecard>;
const W47 = Date.parse('2026-11-16T00:00:00Z');
const HOUR = 3_600_000;
/** An email of 2026-W47, created `startHours` into it, answered after `responseHours`, solved 2 h after creation. */
const solvedEmail = (vendorId: number, startHours: number, responseHours: number, handleSeconds: number) =>
  emailCase(vendorId, new Date(W47 + startHours * HOUR), { responseHours, solvedHours: 2, handleSeconds });

let database: TestDatabase;
let app: FastifyInstance;
let viewer: Caller;
let admin: Caller;
let alpha: number;
let beta: number;

const scorecard = async (caller: Caller, query = 'week=2026-W47') => {
  const response = await caller.get(`/api/scorecards?${query}`);
  expect(response.statusCode).toBe(200);
  return response.json() as ScorecardBody;
};
const value = (body: ScorecardBody, vendorId: number, metric: string) =>
  body.vendors.find((v) => v.vendorId === vendorId)?.metrics[metric]?.value;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  const vendors = await database.db
    .insertInto('vendors')
    .values([{ name: 'Alpha' }, { name: 'Beta' }])
    .returning('id')
    .execute();
  [alpha, beta] = vendors.map((v) => v.id) as [number, number];
  // Alpha: AHT 100 s, every email answered in 1 h; Beta: AHT 400 s, half answered after the 24 h SLA.
  await insertCases(database.db, [
    solvedEmail(alpha, 1, 1, 100),
    solvedEmail(alpha, 2, 1, 100),
    solvedEmail(beta, 1, 1, 400),
    solvedEmail(beta, 2, 30, 400),
  ]);
  await recompute(database.db, { kind: 'all' });
  viewer = await callerAs(app, 'viewer');
  admin = await callerAs(app, 'admin');
});

afterAll(async () => {
  await app.close();
  await database.drop();
});

describe('scorecard cache', () => {
  it('serves a recompute made outside the API on the next request', async () => {
    expect(value(await scorecard(viewer), alpha, 'aht')).toBe(100);
    expect(value(await scorecard(viewer), alpha, 'aht')).toBe(100);
    await insertCases(database.db, [solvedEmail(alpha, 3, 1, 400)]);
    // Not yet recomputed: the stored parts, and so the served scorecard, are unchanged.
    expect(value(await scorecard(viewer), alpha, 'aht')).toBe(100);
    await recompute(database.db, { kind: 'vendor-weeks', vendorWeeks: [{ vendorId: alpha, week: '2026-11-16' }] });
    expect(value(await scorecard(viewer), alpha, 'aht')).toBe(200);
  });

  it('serves a target, a rename and a rank change on the next request', async () => {
    const before = await scorecard(viewer);
    expect(before.vendors.find((v) => v.vendorId === alpha)?.metrics.aht).not.toHaveProperty('target');
    expect(
      (await admin.post('/api/targets', { metric: 'aht', value: 300, effectiveFrom: '2026-W01' })).statusCode,
    ).toBe(201);
    await database.db.updateTable('vendors').set({ name: 'Alpha Renamed' }).where('id', '=', alpha).execute();
    const after = await scorecard(viewer);
    expect(after.vendors.find((v) => v.vendorId === alpha)?.metrics.aht?.target).toBe(300);
    expect(after.vendors.find((v) => v.vendorId === alpha)?.vendorName).toBe('Alpha Renamed');
  });

  it('gives a vendor user its own row exactly as the viewer sees it (rank included, where the organisation shares rank), from the same entry', async () => {
    expect((await admin.put('/api/settings/metrics', { shareRankWithVendors: true })).statusCode).toBe(200);
    const all = await scorecard(viewer);
    const betaRow = all.vendors.find((v) => v.vendorId === beta);
    expect(betaRow).toBeDefined();
    const betaUser = await callerAs(app, 'vendor', { vendorId: beta });
    const own = await scorecard(betaUser);
    expect(own.vendors).toHaveLength(1);
    // The same row and the same terms (each response numbers its own term sets).
    const withTerms = (body: ScorecardBody, row: ScorecardBody['vendors'][number] | undefined) =>
      row && { ...row, termSet: body.termSets[row.termSet] };
    expect(withTerms(own, own.vendors[0])).toEqual(withTerms(all, betaRow));
    expect(own.termSets).toHaveLength(1);
    expect(own.availableWeeks).toEqual(['2026-W47']);
    // And the other order: an entry first filled for a vendor user holds every vendor for the next viewer.
    await recompute(database.db, { kind: 'all' });
    expect((await scorecard(betaUser, 'week=2026-W47&rankBy=adjusted')).vendors.map((v) => v.vendorId)).toEqual([beta]);
    expect((await scorecard(viewer, 'week=2026-W47&rankBy=adjusted')).vendors.map((v) => v.vendorId).sort()).toEqual(
      [alpha, beta].sort(),
    );
  });
});
