import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { importJobIds } from '@scorecard/jobs';
import type { WorkerRuntime } from '../../../worker/src/runtime.ts';
import type { TestDatabase } from '../../../../test/harness.ts';
import type { Caller } from '../../../../test/http.ts';
import { TEAM_MAPPING, upload, waitForImport } from '../../../../test/imports.ts';
import { startImportFixture, type ImportFixture } from './imports.testing.ts';

// A small generic-format file mapped by an explicit document (the `mapping` upload field).
const mapping = JSON.stringify({
  ...TEAM_MAPPING,
  fields: {
    ...TEAM_MAPPING.fields,
    firstResponseAt: { kind: 'column', column: 'first_response' },
    solvedAt: { kind: 'column', column: 'solved' },
    customerId: { kind: 'column', column: 'customer' },
    csatScore: { kind: 'column', column: 'csat', scale: 5 },
    updatedAt: { kind: 'column', column: 'updated' },
  },
});
const HEADER = 'id,created,first_response,solved,team,channel,queue,customer,csat,updated';
const FIRST = [
  HEADER,
  'A1,2026-11-16 09:00:00,2026-11-16 09:10:00,2026-11-17 10:00:00,Acme,email,Buyer,c1,5,2026-11-17 10:00:00',
  'A2,2026-11-17 09:00:00,,,Globex,chat,Seller,c2,,2026-11-17 09:00:00',
  'A3,2026-11-18 09:00:00,2026-11-18 08:00:00,,Acme,email,Buyer,c3,,2026-11-18 09:00:00',
  'A4,2026-11-18 10:00:00,,Acme',
  '=HYPERLINK(evil),2026-11-18 11:00:00,,,Acme,fax,Buyer,c4,5,2026-11-18 11:00:00',
  '"A6",2026-11-19 09:00:00,,,"Acme",email,"Buyer, Premium",c1,4,2026-11-19 09:00:00',
  '',
].join('\r\n');

let database: TestDatabase;
let worker: WorkerRuntime;
let ops: Caller;

/** The recompute job an import enqueued (its id carries the import's creation instant). */
async function recomputeJobOf(importId: number) {
  const { created_at } = await database.db
    .selectFrom('imports')
    .select('created_at')
    .where('id', '=', importId)
    .executeTakeFirstOrThrow();
  return worker.queues.metrics.getJob(importJobIds(importId, created_at).recompute);
}

let fixture: ImportFixture;
beforeAll(async () => {
  fixture = await startImportFixture({ UPLOAD_MAX_BYTES: '20000' });
  ({ database, worker, ops } = fixture);
});
afterAll(async () => {
  await fixture?.close();
});

async function importFile(content: Buffer | string, name = 'cases.csv', fields: Record<string, string> = { mapping }) {
  const response = await upload(ops, { name, content }, fields);
  expect(response.statusCode, response.body).toBe(202);
  return waitForImport(ops, (response.json() as { id: number }).id);
}

async function caseRow(externalId: string) {
  return database.db
    .selectFrom('cases')
    .leftJoin('vendors', 'vendors.id', 'cases.vendor_id')
    .select([
      'cases.external_id',
      'vendors.name as vendor',
      'cases.queue',
      'cases.channel',
      'cases.created_at',
      'cases.first_response_at',
      'cases.solved_at',
      'cases.csat_score',
      'cases.csat_scale',
      'cases.customer_id',
      'cases.updated_at',
    ])
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

describe('POST /api/imports → import-file job → cases', () => {
  let firstId: number;

  it('loads the good rows with exact values and keeps every bad row with line, column and reason', async () => {
    const view = await importFile(FIRST);
    firstId = view.id;
    // A3's first response is before its creation: an optional field, so it is left empty with a warning.
    expect(view).toMatchObject({
      status: 'succeeded',
      rowsRead: 6,
      rowsLoaded: 4,
      rowsReplaced: 0,
      rowsSkipped: 0,
      rowsRejected: 2,
      rowsWarned: 1,
      error: null,
    });
    expect(view.unmapped).toEqual([{ field: 'team', value: 'Globex', caseCount: 1 }]);
    expect(await caseRow('A1')).toEqual({
      external_id: 'A1',
      vendor: 'Acme',
      queue: 'Buyer',
      channel: 'email',
      created_at: new Date('2026-11-16T09:00:00Z'),
      first_response_at: new Date('2026-11-16T09:10:00Z'),
      solved_at: new Date('2026-11-17T10:00:00Z'),
      csat_score: 5,
      csat_scale: 5,
      customer_id: 'c1',
      updated_at: new Date('2026-11-17T10:00:00Z'),
    });
    expect(await caseRow('A2')).toMatchObject({ vendor: null, channel: 'chat', solved_at: null });
    expect(await caseRow('A6')).toMatchObject({ vendor: 'Acme', queue: 'Buyer, Premium', csat_score: 4 });

    const rejects = (await ops.get(`/api/imports/${firstId}/rejects`)).json() as {
      items: { line: number; column: string | null; reason: string; raw: string }[];
      total: number;
    };
    expect(rejects.total).toBe(2);
    expect(rejects.items.map((r) => [r.line, r.column])).toEqual([
      [5, null],
      [6, 'channel'],
    ]);
    expect(rejects.items[0]!.reason).toMatch(/4 field\(s\) but the header row has 10/);
    expect(rejects.items[1]!.reason).toMatch(/unknown channel 'fax'/);
    expect(rejects.items[0]!.raw).toBe('A4,2026-11-18 10:00:00,,Acme');
    expect(await caseRow('A3')).toMatchObject({ first_response_at: null, queue: 'Buyer' });
    const warnings = (await ops.get(`/api/imports/${firstId}/warnings`)).json();
    expect(warnings).toEqual({
      items: [
        {
          line: 4,
          column: 'first_response',
          reason: 'first response (2026-11-18 08:00) is before creation (2026-11-18 09:00); the value was left empty',
        },
      ],
      total: 1,
    });
  });

  it('offers the rejects as a formula-safe CSV download', async () => {
    const response = await ops.get(`/api/imports/${firstId}/rejects.csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('\uFEFFline,column,reason,raw');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^6,channel,.*,"'=HYPERLINK\(evil\),2026-11-18 11:00:00,/);
  });

  it('enqueues a recompute of exactly the vendor-weeks the import touched', async () => {
    const job = await recomputeJobOf(firstId);
    const acme = await database.db
      .selectFrom('vendors')
      .select('id')
      .where('name', '=', 'Acme')
      .executeTakeFirstOrThrow();
    // A1: created, solved and surveyed in 2026-W47; A6: created 2026-W47 (unsolved). Globex is unmapped.
    expect(job?.data).toEqual({
      scope: { kind: 'vendor-weeks', vendorWeeks: [{ vendorId: acme.id, week: '2026-11-16' }] },
      reason: `import ${firstId}`,
    });
  });

  it('lets a newer updated_at win and an older one lose on re-import', async () => {
    const second = [
      HEADER,
      'A1,2026-11-16 09:00:00,2026-11-16 09:10:00,2026-11-24 10:00:00,Acme,email,Seller,c1,2,2026-11-24 10:00:00',
      'A2,2026-11-17 09:00:00,,,Acme,chat,Buyer,c2,,2026-11-17 08:00:00',
      '',
    ].join('\n');
    const view = await importFile(second, 'second.csv');
    expect(view).toMatchObject({ status: 'succeeded', rowsLoaded: 2, rowsRejected: 0 });
    expect(await caseRow('A1')).toMatchObject({
      queue: 'Seller',
      csat_score: 2,
      solved_at: new Date('2026-11-24T10:00:00Z'),
    });
    expect(await caseRow('A2')).toMatchObject({ vendor: null, queue: 'Seller' });
    const job = await recomputeJobOf(view.id);
    const weeks = (job?.data.scope.vendorWeeks as { week: string }[]).map((w) => w.week);
    // Old version of A1 (W47 solve) and the new one (W48 solve and survey).
    expect(weeks).toEqual(['2026-11-16', '2026-11-23']);
  });

  it('recognises a byte-identical file and does not process it again', async () => {
    const response = await upload(ops, { name: 'again.csv', content: FIRST }, { mapping });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'duplicate', duplicateOf: firstId });
    const view = (await ops.get(`/api/imports/${(response.json() as { id: number }).id}`)).json();
    expect(view).toMatchObject({ status: 'duplicate', duplicateOf: firstId, rowsRead: 0 });
  });

  it('reads gzip, and Windows-1252 with semicolons', async () => {
    const gz = await importFile(
      gzipSync(Buffer.from(`${HEADER}\nG1,2026-11-20 09:00:00,,,Acme,web,Buyer,c9,,\n`)),
      'cases.csv.gz',
    );
    expect(gz).toMatchObject({ status: 'succeeded', rowsLoaded: 1 });
    const text = `${HEADER.replaceAll(',', ';')}\r\nW1;2026-11-20 09:00:00;;;Café Témoin;email;Überweisung;c9;;\r\n`;
    const cp = await importFile(iconv.encode(text, 'win1252'), 'latin.csv');
    expect(cp).toMatchObject({ status: 'succeeded', rowsLoaded: 1 });
    expect(cp.unmapped).toEqual([{ field: 'team', value: 'Café Témoin', caseCount: 1 }]);
    expect(await caseRow('W1')).toMatchObject({ queue: 'Überweisung' });
  });

  it('answers 422 naming the missing columns and the headers found for a file that is not an export', async () => {
    const response = await upload(
      ops,
      { name: 'notes.csv', content: 'name,email\nAnn,ann@example.com\n' },
      { mapping },
    );
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      headersFound: ['name', 'email'],
      missingColumns: expect.arrayContaining(['id', 'created', 'channel', 'team']),
    });
    const binary = await upload(
      ops,
      { name: 'x.csv', content: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1]) },
      { mapping },
    );
    expect(binary.statusCode).toBe(422);
    expect(binary.json().detail).toMatch(/binary/);
    const empty = await upload(ops, { name: 'empty.csv', content: '' }, { mapping });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().detail).toMatch(/empty/);
  });

  it('answers 413 past the upload limit', async () => {
    const big = `${HEADER}\n${'X,2026-11-20 09:00:00,,,Acme,web,Buyer,c9,,\n'.repeat(1000)}`;
    const response = await upload(ops, { name: 'big.csv', content: big }, { mapping });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('lists imports newest first', async () => {
    const list = (await ops.get('/api/imports?limit=2')).json() as { items: { id: number }[]; total: number };
    expect(list.total).toBeGreaterThanOrEqual(5);
    expect(list.items).toHaveLength(2);
    expect(list.items[0]!.id).toBeGreaterThan(list.items[1]!.id);
  });
});
