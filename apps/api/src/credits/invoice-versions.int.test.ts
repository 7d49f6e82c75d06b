/**
 * A month's own invoice is versioned like the money terms: a final statement keeps the invoice it was computed
 * with when the invoice is changed afterwards (its amounts, its "terms in force" and its CSV unchanged; only the
 * recompute beside it uses the new amount), and the month's next statement computed uses the new version.
 * An invoice no statement used is replaced in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCases } from '@scorecard/db/metrics/case-fixtures.testing';
import type { Caller } from '../../../../test/http.ts';
import {
  defaultCredit,
  halfInTimeCalls,
  putTerms,
  serviceLevelTerms,
  startCreditsFixture,
  type CreditsFixture,
} from './credits.testing.ts';

let fixture: CreditsFixture;
let finance: Caller;
let vendorId: number;

const ALLOCATION_BP = 4000;

beforeAll(async () => {
  fixture = await startCreditsFixture(['Invoiced Monthly Ltd']);
  ({ finance } = fixture);
  [vendorId] = fixture.vendorIds as [number];
  await insertCases(fixture.app.db, [...halfInTimeCalls(vendorId, '2026-03'), ...halfInTimeCalls(vendorId, '2026-04')]);
  await putTerms(finance, serviceLevelTerms(vendorId, ALLOCATION_BP));
});
afterAll(async () => {
  await fixture?.close();
});

async function putInvoice(month: string, invoiceMinor: number): Promise<{ id: number; version: number }> {
  const response = await finance.put('/api/credits/invoices', { vendorId, month, invoiceMinor });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const termsView = async (id: number) => (await finance.get(`/api/credits/statements/${id}/terms`)).json();
const csv = async (id: number) => (await finance.get(`/api/credits/statements/${id}/csv`)).body;

describe('changing the invoice a final statement used', () => {
  it('keeps the statement, its terms view and its CSV as computed; the recompute uses the new amount', async () => {
    const first = await putInvoice('2026-03', 8_000_000);
    const march = (await finance.post('/api/credits/statements', { vendorId, month: '2026-03' })).json();
    expect(march.lines[0].chargedMinor).toBe(defaultCredit(ALLOCATION_BP, 8_000_000));
    await finance.post(`/api/credits/statements/${march.id}/share`, {});
    const final = (await finance.post(`/api/credits/statements/${march.id}/finalise`, {})).json();
    expect(final.status).toBe('final');
    const [viewBefore, csvBefore] = [await termsView(march.id), await csv(march.id)];
    expect(viewBefore.money.invoiceMinor).toBe(8_000_000);
    expect(csvBefore).toContain(String(defaultCredit(ALLOCATION_BP, 8_000_000)));

    const second = await putInvoice('2026-03', 6_000_000);
    expect([second.id === first.id, second]).toEqual([false, { id: second.id, invoiceMinor: 6_000_000, version: 2 }]);

    const { differences, ...frozen } = (await finance.get(`/api/credits/statements/${march.id}`)).json();
    const { differences: none, ...frozenBefore } = final;
    expect([frozen, none]).toEqual([frozenBefore, []]);
    expect(await termsView(march.id)).toEqual(viewBefore);
    expect(await csv(march.id)).toBe(csvBefore);
    // A recompute with today's invoice is shown beside it, never applied.
    expect(differences).toContainEqual({
      metric: 'service_level',
      field: 'creditMinor',
      frozen: String(defaultCredit(ALLOCATION_BP, 8_000_000)),
      now: String(defaultCredit(ALLOCATION_BP, 6_000_000)),
    });
  });

  it("computes the month's next statement with the new version; a draft keeps its own until recomputed", async () => {
    await putInvoice('2026-04', 7_000_000);
    const april = (await finance.post('/api/credits/statements', { vendorId, month: '2026-04' })).json();
    expect(april.lines[0].chargedMinor).toBe(defaultCredit(ALLOCATION_BP, 7_000_000));

    // The draft used version 1: the change is version 2, and the draft still shows what it was computed with.
    expect((await putInvoice('2026-04', 5_000_000)).version).toBe(2);
    expect((await termsView(april.id)).money.invoiceMinor).toBe(7_000_000);

    const recomputed = (await finance.post('/api/credits/statements', { vendorId, month: '2026-04' })).json();
    expect(recomputed.id).toBe(april.id);
    expect(recomputed.lines[0].chargedMinor).toBe(defaultCredit(ALLOCATION_BP, 5_000_000));
    expect((await termsView(april.id)).money.invoiceMinor).toBe(5_000_000);
  });

  it('replaces an invoice no statement used in place', async () => {
    const first = await putInvoice('2026-09', 1_000_000);
    expect(await putInvoice('2026-09', 2_000_000)).toEqual({ id: first.id, invoiceMinor: 2_000_000, version: 1 });
    const unknown = await finance.put('/api/credits/invoices', {
      vendorId: vendorId + 1000,
      month: '2026-09',
      invoiceMinor: 1,
    });
    expect(unknown.statusCode).toBe(404);
  });
});
