/**
 * Figures derived from other vendors' results (rank, case-mix-adjusted values and composite, the pooled
 * uncovered share) reach a vendor user only when the organisation shares rank.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type SignedInCaller } from '../../../../test/http.ts';
import { buildApp } from '../app.ts';
import { recomputeSeeded, seedVendor, SEED_WEEKS, type VendorSeed } from './seed-vendors.ts';

interface ScorecardRow {
  vendorId: number;
  rank?: number;
  adjustedComposite?: number;
  metrics: Record<string, object>;
}

let database: TestDatabase;
let app: FastifyInstance;
let a: VendorSeed;
let admin: SignedInCaller;
let vendorUser: SignedInCaller;
const url = `/api/scorecards?week=${SEED_WEEKS[1]}`;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  a = await seedVendor(app.db, 'alpha');
  await seedVendor(app.db, 'bravo');
  await recomputeSeeded(app.db);
  admin = await callerAs(app, 'admin');
  vendorUser = await callerAs(app, 'vendor', { vendorId: a.vendorId });
  // The seed is a handful of cases: without a minimum sample every metric, composite and rank is shown.
  expect((await admin.put('/api/settings/metrics', { minSample: 0 })).statusCode).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

const rows = async (caller: SignedInCaller) => (await caller.get(url)).json<{ vendors: ScorecardRow[] }>().vendors;

describe('rank shared with vendors', () => {
  it('is off by default: a vendor user gets no rank and no adjusted figures; staff get them', async () => {
    expect((await admin.get('/api/settings/metrics')).json()).toMatchObject({ shareRankWithVendors: false });
    const [own] = await rows(vendorUser);
    expect(own).toMatchObject({ vendorId: a.vendorId });
    expect(own).not.toHaveProperty('rank');
    expect(own).not.toHaveProperty('adjustedComposite');
    // No cell carries an adjusted value (per metric they are GET /api/vendors/:id/mix's, staff only).
    expect(Object.values(own!.metrics).some((cell) => 'adjusted' in cell)).toBe(false);

    const staff = await rows(admin);
    // The two seeded vendors have the same figures: they share rank 1.
    expect(staff.map((r) => r.rank)).toEqual([1, 1]);
    expect(staff[0]!.adjustedComposite).toEqual(expect.any(Number));
  });

  it('shows the vendor its rank and adjusted figures once an admin shares them', async () => {
    const saved = await admin.put('/api/settings/metrics', { shareRankWithVendors: true });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().recompute).toBeNull();
    const staffRow = (await rows(admin)).find((r) => r.vendorId === a.vendorId)!;
    const [own] = await rows(vendorUser);
    expect(own!.rank).toBe(staffRow.rank);
    expect(own!.adjustedComposite).toBe(staffRow.adjustedComposite);
    expect(own!.metrics).toEqual(staffRow.metrics);
  });
});
