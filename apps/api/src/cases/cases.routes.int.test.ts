import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { MetricCase } from '@scorecard/domain/metrics/case-facts';
import { insertCases, metricCase } from '@scorecard/db/metrics/case-fixtures.testing';
import { recompute } from '@scorecard/db/metrics/recompute';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { buildApp } from '../app.ts';

interface CasesBody {
  items: { externalId: string; vendorId: number; [field: string]: unknown }[];
  total: number;
}
const body = (response: { json(): unknown }) => response.json() as CasesBody;

let database: TestDatabase;
let app: FastifyInstance;
let viewer: Caller;
let vendorUser: Caller;
let alpha: number;
let beta: number;

const MON = Date.parse('2026-11-16T00:00:00Z');
const at = (hours: number, seconds = 0) => new Date(MON + hours * 3_600_000 + seconds * 1000);
/** A voice call of queue Buyer at 10:00 on the Monday, no site, escalation unknown; `o` sets the rest. */
const call = (id: number, vendorId: number, o: Partial<MetricCase> = {}) =>
  metricCase(vendorId, at(10), { id, channel: 'voice', site: null, escalated: null, ...o });

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  const vendors = await database.db
    .insertInto('vendors')
    .values([{ name: 'Alpha' }, { name: 'Beta' }])
    .returning('id')
    .execute();
  [alpha, beta] = vendors.map((v) => v.id) as [number, number];
  await insertCases(database.db, [
    call(1, alpha, { answered: true, waitSeconds: 20, solvedAt: at(11), customerId: 'k1' }),
    call(2, alpha, { answered: true, waitSeconds: 34, solvedAt: at(11) }),
    call(3, alpha, { abandoned: true, waitSeconds: 4 }),
    call(4, alpha, { channel: 'email', createdAt: at(12), firstResponseAt: at(40) }),
    // a repeat contact of case 1 by the same customer, two days later
    call(5, beta, { customerId: 'k1', createdAt: at(59), answered: true, waitSeconds: 1 }),
  ]);
  // The formula-looking id must come out neutralised in the CSV.
  await database.db
    .updateTable('cases')
    .set({ external_id: '=HYPERLINK("x")' })
    .where('external_id', '=', 'case-2')
    .execute();
  await recompute(database.db, { kind: 'all' });
  viewer = await callerAs(app, 'viewer');
  vendorUser = await callerAs(app, 'vendor', { vendorId: beta });
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

describe('GET /api/cases', () => {
  it('lists the cases behind service level with why each one counts', async () => {
    const response = await viewer.get(
      `/api/cases?vendorId=${alpha}&week=2026-W47&metric=service_level&sort=externalId`,
    );
    expect(response.statusCode).toBe(200);
    const { items, total } = body(response);
    expect(total).toBe(4);
    const byId = Object.fromEntries(items.map((i) => [i.externalId, i]));
    expect(byId['case-1']).toMatchObject({
      contributes: true,
      outcome: 'met',
      why: 'answered after 20 s ≤ 20 s threshold',
    });
    expect(byId['=HYPERLINK("x")']).toMatchObject({
      contributes: true,
      outcome: 'missed',
      why: 'answered after 34 s > 20 s threshold',
    });
    expect(byId['case-3']).toMatchObject({
      contributes: false,
      outcome: 'left_out',
      why: 'abandoned after 4 s, a short abandon',
    });
    expect(byId['case-4']).toMatchObject({
      contributes: true,
      outcome: 'missed',
      why: 'first response after 28 h (100800 s) > 24 h',
    });
  });

  it('explains an FCR failure by the repeat contact (another vendor)', async () => {
    const { items } = body(await viewer.get(`/api/cases?vendorId=${alpha}&week=2026-W47&metric=fcr&queue=Buyer`));
    expect(items.find((i) => i.externalId === 'case-1')).toMatchObject({
      outcome: 'not_resolved',
      repeatContact: 'case-5',
      why: 'same customer opened case-5 in the same queue within 168 h of solving',
    });
  });

  it('names no case of another vendor to a vendor user, in the page or the CSV', async () => {
    const alphaUser = await callerAs(app, 'vendor', { vendorId: alpha });
    const { items } = body(await alphaUser.get('/api/cases?week=2026-W47&metric=fcr&queue=Buyer'));
    expect(items.find((i) => i.externalId === 'case-1')).toMatchObject({
      outcome: 'not_resolved',
      repeatContact: null,
      why: 'the same customer contacted the same queue again within 168 h of solving: a later contact handled by another vendor',
    });
    const csv = await alphaUser.get('/api/cases.csv?week=2026-W47&metric=fcr&queue=Buyer');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('a later contact handled by another vendor');
    expect(csv.body).not.toContain('case-5');
  });

  it('sorts and paginates on the server', async () => {
    const page = body(
      await viewer.get(
        `/api/cases?vendorId=${alpha}&week=2026-W47&metric=frt&sort=frtSeconds&order=desc&limit=1&offset=0`,
      ),
    );
    expect(page.total).toBe(4);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ externalId: 'case-4', frtSeconds: 28 * 3600 });
  });

  it('keeps a vendor user to its own cases', async () => {
    expect((await vendorUser.get(`/api/cases?vendorId=${alpha}&week=2026-W47`)).statusCode).toBe(404);
    const own = body(await vendorUser.get('/api/cases?week=2026-W47'));
    expect(own.items.map((i) => i.vendorId)).toEqual([beta]);
  });

  it('rejects bad parameters with problem documents', async () => {
    for (const url of [
      '/api/cases?week=2026-W99',
      '/api/cases?week=2026-W47&metric=speed',
      '/api/cases?week=2026-W47&limit=0',
      '/api/cases?week=2026-W47&sort=name',
    ]) {
      const response = await viewer.get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('serves a vendor user its own cases even after a viewer has opened the same page', async () => {
    expect(body(await viewer.get('/api/cases?week=2026-W47')).total).toBe(5);
    const own = body(await vendorUser.get('/api/cases?week=2026-W47'));
    expect([own.total, ...own.items.map((i) => i.vendorId)]).toEqual([1, beta]);
  });

  it('shows a write to the cases on the next request, recompute or not (docs/metrics.md "Serving")', async () => {
    const url = `/api/cases?vendorId=${alpha}&week=2026-W47&metric=volume`;
    const queues = async () => body(await viewer.get(url)).items.map((i) => i.queue);
    expect(await queues()).toEqual(['Buyer', 'Buyer', 'Buyer', 'Buyer']);
    await database.db.updateTable('cases').set({ queue: 'Seller' }).where('external_id', '=', 'case-3').execute();
    expect(await queues()).toEqual(['Buyer', 'Buyer', 'Seller', 'Buyer']);
    await database.db.updateTable('cases').set({ queue: 'Buyer' }).where('external_id', '=', 'case-3').execute();
    expect(await queues()).toEqual(['Buyer', 'Buyer', 'Buyer', 'Buyer']);
  });

  it('sends the page compressed as the client accepts it, and plain otherwise', async () => {
    const url = '/api/cases?week=2026-W47';
    const plain = await viewer.get(url);
    const as = (coding: string) => viewer.inject({ method: 'GET', url, headers: { 'accept-encoding': coding } });
    const [brotli, gzipped] = [await as('gzip, deflate, br'), await as('gzip')];
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect([brotli.headers['content-encoding'], gzipped.headers['content-encoding']]).toEqual(['br', 'gzip']);
    expect(brotli.headers.vary).toContain('accept-encoding');
    expect(brotli.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    expect(JSON.parse(brotliDecompressSync(brotli.rawPayload).toString('utf8'))).toEqual(plain.json());
    expect(JSON.parse(gunzipSync(gzipped.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it('answers an empty week with an empty list', async () => {
    expect((await viewer.get('/api/cases?week=2030-W01&metric=csat')).json()).toEqual({
      week: '2030-W01',
      items: [],
      total: 0,
    });
  });
});

describe('GET /api/cases.csv', () => {
  it('streams the same rows with formula cells neutralised', async () => {
    const response = await viewer.get(`/api/cases.csv?vendorId=${alpha}&week=2026-W47&metric=service_level`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^caseId,source,externalId,/);
    expect(lines).toHaveLength(5);
    expect(response.body).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('exports in the order the table shows (the page links with its sort and order)', async () => {
    const base = `/api/cases.csv?vendorId=${alpha}&week=2026-W47&metric=service_level&sort=externalId`;
    const ids = async (order: string) => {
      const response = await viewer.get(`${base}&order=${order}`);
      expect(response.statusCode).toBe(200);
      const [header = '', ...rows] = response.body.trim().split('\r\n');
      const column = header.split(',').indexOf('externalId');
      return rows.map((row) => row.split(',')[column]);
    };
    const ascending = await ids('asc');
    expect(ascending).toHaveLength(4);
    expect(await ids('desc')).toEqual([...ascending].reverse());
    expect([...ascending].sort()).toEqual(ascending);
  });
});
