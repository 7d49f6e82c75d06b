/**
 * Money terms are versioned: a final statement keeps exactly the terms it was computed with when the terms are
 * changed afterwards (its amounts unchanged, its "terms in force" the version it used), and the next month's
 * statement uses the changed terms. Terms no statement used are replaced in place.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCases } from '@scorecard/db/metrics/case-fixtures.testing';
import type { MetricCase } from '@scorecard/domain/metrics/case-facts';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { buildApp } from '../app.ts';

let database: TestDatabase;
let app: FastifyInstance;
let finance: Caller;
let vendorId: number;
let nextId = 1;

/** Ten answered calls on the 5th of `month` ('2026-03'), `within` of them answered within 20 s. */
function calls(month: string, within: number): MetricCase[] {
  return Array.from({ length: 10 }, (_, i) => ({
    id: nextId++,
    vendorId,
    queue: 'Buyer',
    channel: 'voice',
    tier: 1,
    site: null,
    customerId: null,
    createdAt: new Date(`${month}-05T09:${String(i).padStart(2, '0')}:00Z`),
    firstResponseAt: null,
    solvedAt: null,
    reopenCount: 0,
    handleSeconds: null,
    waitSeconds: i < within ? 5 : 60,
    answered: true,
    abandoned: false,
    csatScore: null,
    csatScale: null,
    csatAt: null,
    escalated: false,
    firstContactResolved: null,
  }));
}

const termsBody = (invoiceMinor: number, allocationBp: number, effectiveMonth = '2026-01') => ({
  vendorId,
  effectiveMonth,
  currency: 'EUR',
  invoiceMinor,
  atRiskBp: 1000,
  poolBp: 10_000,
  capBp: null,
  defaultRule: { misses: 4, windowMonths: 12 },
  earnBackMonths: null,
  bonusBp: null,
  volumeLowBp: 9000,
  volumeHighBp: 11_000,
  note: null,
  levels: [
    {
      metric: 'service_level',
      kind: 'critical',
      expected: 80,
      minimum: 70,
      allocationBp,
      bonusLevel: null,
      volumeSensitive: true,
    },
  ],
});

/** Service level 50 % is beyond the 70 % minimum: a default at once, allocation × 10 % × invoice. */
const creditOf = (invoiceMinor: number, allocationBp: number) => (invoiceMinor * 1000 * allocationBp) / 10_000 / 10_000;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  ({ id: vendorId } = await app.db
    .insertInto('vendors')
    .values({ name: 'Versioned Terms Ltd' })
    .returning('id')
    .executeTakeFirstOrThrow());
  await insertCases(app.db, [...calls('2026-03', 5), ...calls('2026-04', 5)]);
  finance = await callerAs(app, 'finance');
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

describe('changing money terms a final statement used', () => {
  it('keeps the final statement and its terms as computed; the next month uses the new version', async () => {
    const first = (await finance.put('/api/credits/terms', termsBody(10_000_000, 4000))).json().id;
    const march = (await finance.post('/api/credits/statements', { vendorId, month: '2026-03' })).json();
    expect(march.lines[0].chargedMinor).toBe(creditOf(10_000_000, 4000));
    await finance.post(`/api/credits/statements/${march.id}/share`, {});
    const final = (await finance.post(`/api/credits/statements/${march.id}/finalise`, {})).json();
    expect(final.status).toBe('final');

    // The invoice doubles and the allocation rises from 2026-01 on: a new version, not a rewrite.
    const second = (await finance.put('/api/credits/terms', termsBody(20_000_000, 6000))).json().id;
    expect(second).not.toBe(first);
    const listed = (await finance.get('/api/credits/terms')).json().items;
    expect(listed.map((t: { id: number; version: number }) => [t.id, t.version])).toEqual([[second, 2]]);

    const after = (await finance.get(`/api/credits/statements/${march.id}`)).json();
    const { differences, ...frozen } = after;
    const { differences: before, ...frozenBefore } = final;
    expect(frozen).toEqual(frozenBefore);
    expect(before).toEqual([]);
    // A recompute under today's terms is shown beside it, never applied.
    expect(differences).toContainEqual({
      metric: 'service_level',
      field: 'creditMinor',
      frozen: String(creditOf(10_000_000, 4000)),
      now: String(creditOf(20_000_000, 6000)),
    });
    const marchTerms = (await finance.get(`/api/credits/statements/${march.id}/terms`)).json();
    expect(marchTerms.money).toMatchObject({ termsId: first, version: 1, invoiceMinor: 10_000_000 });
    expect(marchTerms.money.supersededAt).not.toBeNull();
    expect(marchTerms.levels[0].allocationBp).toBe(4000);

    const april = (await finance.post('/api/credits/statements', { vendorId, month: '2026-04' })).json();
    expect(april.lines[0].chargedMinor).toBe(creditOf(20_000_000, 6000));
    const aprilTerms = (await finance.get(`/api/credits/statements/${april.id}/terms`)).json();
    expect(aprilTerms.money).toMatchObject({ termsId: second, version: 2, supersededAt: null });

    // The April draft now uses version 2: changing it again writes version 3; April's draft still names 2.
    const third = (await finance.put('/api/credits/terms', termsBody(20_000_000, 5000))).json().id;
    expect([third !== second, (await finance.get(`/api/credits/statements/${april.id}/terms`)).json().money]).toEqual([
      true,
      expect.objectContaining({ termsId: second, version: 2 }),
    ]);
  });

  it('replaces terms no statement used in place', async () => {
    const id = (await finance.put('/api/credits/terms', termsBody(1_000_000, 4000, '2026-09'))).json().id;
    expect((await finance.put('/api/credits/terms', termsBody(2_000_000, 4000, '2026-09'))).json().id).toBe(id);
    const september = (await finance.get('/api/credits/terms')).json().items.find((t: { id: number }) => t.id === id);
    expect([september.version, september.invoiceMinor]).toEqual([1, 2_000_000]);
  });
});
