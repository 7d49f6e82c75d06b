/**
 * Money terms are versioned: a final statement keeps exactly the terms it was computed with when the terms are
 * changed afterwards (its amounts unchanged, its "terms in force" the version it used), and the next month's
 * statement uses the changed terms. Terms no statement used are replaced in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCases } from '@scorecard/db/metrics/case-fixtures.testing';
import type { Caller } from '../../../../test/http.ts';
import {
  defaultCredit,
  halfInTimeCalls,
  serviceLevelTerms,
  startCreditsFixture,
  type CreditsFixture,
} from './credits.testing.ts';

let fixture: CreditsFixture;
let finance: Caller;
let vendorId: number;

/** The example terms with the invoice and the service level's allocation of the test, from `effectiveMonth`. */
const termsBody = (invoiceMinor: number, allocationBp: number, effectiveMonth = '2026-01') =>
  serviceLevelTerms(vendorId, allocationBp, { effectiveMonth, invoiceMinor });

beforeAll(async () => {
  fixture = await startCreditsFixture(['Versioned Terms Ltd']);
  ({ finance } = fixture);
  [vendorId] = fixture.vendorIds as [number];
  await insertCases(fixture.app.db, [...halfInTimeCalls(vendorId, '2026-03'), ...halfInTimeCalls(vendorId, '2026-04')]);
});
afterAll(async () => {
  await fixture?.close();
});

describe('changing money terms a final statement used', () => {
  it('keeps the final statement and its terms as computed; the next month uses the new version', async () => {
    const first = (await finance.put('/api/credits/terms', termsBody(10_000_000, 4000))).json().id;
    const march = (await finance.post('/api/credits/statements', { vendorId, month: '2026-03' })).json();
    expect(march.lines[0].chargedMinor).toBe(defaultCredit(4000, 10_000_000));
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
      frozen: String(defaultCredit(4000, 10_000_000)),
      now: String(defaultCredit(6000, 20_000_000)),
    });
    const marchTerms = (await finance.get(`/api/credits/statements/${march.id}/terms`)).json();
    expect(marchTerms.money).toMatchObject({ termsId: first, version: 1, invoiceMinor: 10_000_000 });
    expect(marchTerms.money.supersededAt).not.toBeNull();
    expect(marchTerms.levels[0].allocationBp).toBe(4000);

    const april = (await finance.post('/api/credits/statements', { vendorId, month: '2026-04' })).json();
    expect(april.lines[0].chargedMinor).toBe(defaultCredit(6000, 20_000_000));
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
