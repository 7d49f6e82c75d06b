/**
 * Forecasts imported as CSV: every row accounted for (read = loaded + replaced + rejected, counted here by plain
 * loops over the rows this test writes), each reject with its line and reason, the stored forecasts exactly the
 * accepted rows, and clear 400s for files that cannot be read as forecasts.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { startCreditsFixture, type CreditsFixture } from './credits.testing.ts';

let fixture: CreditsFixture;
let app: FastifyInstance;
let finance: Caller;
let acme: number;
let beta: number;

const send = (caller: Caller, body: string, contentType = 'text/csv; charset=utf-8') =>
  caller.inject({
    method: 'POST',
    url: '/api/credits/forecasts.csv',
    headers: { 'content-type': contentType },
    payload: body,
  });

beforeAll(async () => {
  fixture = await startCreditsFixture(['Acme Support', 'Beta, Ltd']);
  ({ app, finance } = fixture);
  [acme, beta] = fixture.vendorIds as [number, number];
  // One forecast already there: the file replaces it.
  expect(
    (await finance.put('/api/credits/forecasts', { vendorId: acme, month: '2026-03', forecast: 1 })).statusCode,
  ).toBe(204);
});
afterAll(async () => {
  await fixture?.close();
});

describe('forecast CSV import', () => {
  it('accounts for every row and stores exactly the accepted ones', async () => {
    // [vendor cell, month, forecast, why it is rejected or null]
    const rows: [string, string, string, string | null][] = [
      ['Acme Support', '2026-03', '1200', null],
      ['acme support', '2026-04', '1300', null],
      ['"Beta, Ltd"', '2026-03', '800', null],
      ['Gamma', '2026-03', '10', 'no vendor named "Gamma"'],
      ['Acme Support', '2026-3', '10', 'month "2026-3" is not YYYY-MM'],
      ['Acme Support', '2026-05', 'many', 'forecast "many" is not a whole number of cases from 0 to 1000000000'],
      ['Acme Support', '2026-04', '99', 'the same vendor and month as line 3'],
      ['"Beta, Ltd"', '2026-05', '0', null],
    ];
    const text = ['vendor,month,forecast', ...rows.map((r) => r.slice(0, 3).join(','))].join('\r\n');
    const response = await send(finance, `\uFEFF${text}\r\n`);
    expect(response.statusCode).toBe(200);
    const body = response.json();

    let loaded = 0;
    let replaced = 0;
    const rejects: { line: number; reason: string }[] = [];
    const stored = new Map<string, number>([[`${acme}|2026-03`, 1]]);
    rows.forEach(([vendor, month, forecast, reason], index) => {
      if (reason !== null) {
        rejects.push({ line: index + 2, reason });
        return;
      }
      const key = `${vendor.startsWith('"Beta') ? beta : acme}|${month}`;
      if (stored.has(key)) replaced += 1;
      else loaded += 1;
      stored.set(key, Number(forecast));
    });
    expect(body).toEqual({ read: rows.length, loaded, replaced, rejected: rejects.length, rejects });
    expect(body.read).toBe(body.loaded + body.replaced + body.rejected);

    const inDb = await app.db
      .selectFrom('volume_forecasts')
      .select(['vendor_id', 'month', 'forecast', 'source'])
      .execute();
    const actual = new Map(inDb.map((r) => [`${r.vendor_id}|${String(r.month).slice(0, 7)}`, r.forecast]));
    expect(actual).toEqual(stored);
    expect(inDb.every((r) => r.source === 'csv')).toBe(true);
  });

  it('reads vendor ids, and rejects an id that is no vendor', async () => {
    const body = (await send(finance, `vendor_id,month,forecast\n${beta},2026-06,5\n999999,2026-06,5\n`)).json();
    expect(body).toEqual({
      read: 2,
      loaded: 1,
      replaced: 0,
      rejected: 1,
      rejects: [{ line: 3, reason: 'no vendor 999999' }],
    });
  });

  it.each([
    ['', /empty/],
    ['vendor,month,forecast\n', /no rows/],
    ['vendor,month,forecast,comment\nAcme Support,2026-03,1,x\n', /Unknown column\(s\) "comment"/],
    ['vendor,month\nAcme Support,2026-03\n', /Missing column\(s\): forecast/],
  ])('refuses the file %j with a problem saying what to fix', async (text, detail) => {
    const response = await send(finance, text);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    expect(response.json().detail).toMatch(detail);
  });

  it('matches a name as the case import does (PostgreSQL lower(), not JavaScript toLowerCase)', async () => {
    const { id: greek } = await app.db
      .insertInto('vendors')
      .values({ name: 'ΟΔΟΣ Support' })
      .returning('id')
      .executeTakeFirstOrThrow();
    // JavaScript lowercases a word-final Σ to ς, PostgreSQL to σ: only the second row names the vendor.
    const names = ['Οδος Support', 'οδοσ support'];
    const response = await send(finance, `vendor,month,forecast\n${names.map((n) => `${n},2026-07,5`).join('\n')}\n`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      loaded: 1,
      rejects: [{ line: 2, reason: 'no vendor named "Οδος Support"' }],
    });
    const stored = await app.db
      .selectFrom('volume_forecasts')
      .select('vendor_id')
      .where('month', '=', '2026-07-01')
      .execute();
    expect(stored).toEqual([{ vendor_id: greek }]);
    // The case import's rule (vendor_named) takes the same names for the same vendor.
    const { rows } = await sql<{ id: number | null }>`
      SELECT vendor_named(name) AS id FROM unnest(${names}::text[]) WITH ORDINALITY AS n(name, i) ORDER BY i`.execute(
      app.db,
    );
    expect(rows.map((r) => r.id)).toEqual([null, greek]);
  });

  it('asks for text/csv, and only finance and admins may import', async () => {
    expect((await send(finance, 'vendor,month,forecast\n', 'text/plain')).statusCode).toBe(415);
    for (const role of ['ops', 'viewer'] as const)
      expect(
        (await send(await callerAs(app, role), 'vendor,month,forecast\nAcme Support,2026-03,1\n')).statusCode,
      ).toBe(403);
    const vendor = await callerAs(app, 'vendor', { vendorId: acme });
    expect((await send(vendor, 'vendor,month,forecast\nAcme Support,2026-03,1\n')).statusCode).toBe(403);
  });
});
