import { startWorkers } from '../../../worker/src/runtime.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Config } from '@scorecard/config';
import { zendesk } from '@scorecard/domain/mapping/presets/zendesk';
import type { WorkerRuntime } from '../../../worker/src/runtime.ts';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { buildApp } from '../app.ts';
import { multipart, upload, waitForImport } from '../../../../test/imports.ts';
import { datasetFile, datasetTest } from '../../../../test/datasets.ts';

const GENERIC_FIXTURE = new URL(
  '../../../../packages/domain/src/mapping/presets/fixtures/generic.csv',
  import.meta.url,
);
const PLUM = datasetFile('plum-zendesk/da_assignment.csv');

let database: TestDatabase;
let config: Config;
let app: FastifyInstance;
let worker: WorkerRuntime;
let ops: Caller;

beforeAll(async () => {
  database = await createTestDatabase();
  config = testConfig(database.url);
  app = await buildApp(config);
  worker = startWorkers(config);
  ops = await callerAs(app, 'ops');
});
afterAll(async () => {
  await worker?.close();
  await app?.close();
  await database?.drop();
});

describe('presets', () => {
  const document = { ...zendesk.document, vendor: { kind: 'column', column: 'Brand' } };

  it('lists the built-in presets and keeps user presets versioned', async () => {
    const builtins = (await ops.get('/api/presets')).json() as { items: { key: string; builtin: boolean }[] };
    expect(
      builtins.items
        .filter((p) => p.builtin)
        .map((p) => p.key)
        .sort(),
    ).toEqual(['freshdesk', 'generic', 'salesforce', 'telephony', 'zendesk']);

    const created = await ops.post('/api/presets', { key: 'zendesk-brand', name: 'Zendesk by brand', document });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ key: 'zendesk-brand', version: 1, builtin: false, source: 'zendesk' });
    expect((await ops.post('/api/presets', { key: 'zendesk-brand', name: 'again', document })).statusCode).toBe(409);
    const updated = await ops.put('/api/presets/zendesk-brand', { name: 'Zendesk by brand v2', document });
    expect(updated.json()).toMatchObject({ version: 2, name: 'Zendesk by brand v2' });
    expect((await ops.put('/api/presets/zendesk', { name: 'mine', document })).statusCode).toBe(409);
    const invalid = await ops.post('/api/presets', {
      key: 'broken',
      name: 'Broken',
      document: { source: 'fax', fields: {} },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().detail).toMatch(/mapping document is invalid/);
  });

  it('exports a preset as JSON and imports it back as a new version', async () => {
    const exported = await ops.get('/api/presets/zendesk-brand/export');
    expect(exported.headers['content-disposition']).toContain('zendesk-brand.preset.json');
    const file = exported.json() as { key: string; name: string };
    const copy = await ops.post('/api/presets/import', { ...file, key: 'zendesk-brand-copy' });
    expect(copy.statusCode).toBe(201);
    const again = await ops.post('/api/presets/import', file);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ key: 'zendesk-brand', version: 3 });
    expect((await ops.delete('/api/presets/zendesk-brand-copy')).statusCode).toBe(204);
    expect((await ops.get('/api/presets/zendesk-brand-copy/export')).statusCode).toBe(404);
  });
});

describe('dry run and detection', () => {
  it('previews the generic fixture with the same rows and rejects the import produces', async () => {
    const response = await ops.inject({
      method: 'POST',
      url: '/api/imports/dry-run',
      ...multipart({}, { name: 'generic.csv', content: readFileSync(GENERIC_FIXTURE) }),
    });
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json();
    expect(preview.preset).toEqual({ key: 'generic', version: 2 });
    expect(preview.presets[0]).toMatchObject({ key: 'generic', missingColumns: [] });
    expect(preview.file).toMatchObject({ delimiter: ',', encoding: 'utf-8', gzip: false });
    // Tier and CSAT are optional: their bad values are left empty with warnings; a bad channel rejects.
    expect(preview.rows.map((r: { line: number }) => r.line)).toEqual([2, 3, 4, 6]);
    expect(preview.rejects.map((r: { line: number; column: string }) => [r.line, r.column])).toEqual([[5, 'channel']]);
    expect(preview.warnings.map((r: { line: number; column: string }) => [r.line, r.column])).toEqual([
      [4, 'tier'],
      [6, 'csat_score'],
    ]);
    expect(preview.accounting).toMatchObject({
      complete: true,
      rowsRead: 5,
      rowsLoaded: 4,
      rowsReplaced: 0,
      rowsSkipped: 0,
      rowsRejected: 1,
      rowsWarned: 2,
    });
    expect(preview.unreadColumns).toEqual([]);

    const view = await waitForImportOf(
      await upload(ops, { name: 'generic.csv', content: readFileSync(GENERIC_FIXTURE) }),
    );
    expect(view).toMatchObject({
      status: 'succeeded',
      presetKey: 'generic',
      presetVersion: 2,
      rowsRead: 5,
      rowsLoaded: 4,
      rowsRejected: 1,
      rowsWarned: 2,
    });
    const rejects = (await ops.get(`/api/imports/${view.id}/rejects`)).json();
    expect(
      rejects.items.map((r: { line: number; column: string; reason: string }) => [r.line, r.column, r.reason]),
    ).toEqual(
      preview.rejects.map((r: { line: number; column: string; reason: string }) => [r.line, r.column, r.reason]),
    );
    const g1 = await database.db
      .selectFrom('cases')
      .selectAll()
      .where('external_id', '=', 'G-1')
      .executeTakeFirstOrThrow();
    expect(g1).toMatchObject({
      source: 'generic',
      vendor_field: 'vendor',
      vendor_value: 'Acme',
      site: 'Lisbon',
      queue: 'Buyer',
      channel: 'chat',
      tier: 1,
      created_at: new Date('2026-11-16T08:00:00Z'),
      first_response_at: new Date('2026-11-16T08:00:45Z'),
      solved_at: new Date('2026-11-16T08:10:00Z'),
      handle_seconds: 540,
      wait_seconds: 45,
      answered: true,
      abandoned: false,
      csat_score: 4,
      csat_scale: 5,
      first_contact_resolved: true,
    });
  });

  datasetTest('imports the Plum Zendesk export through the built-in Zendesk preset', { timeout: 120_000 }, async () => {
    const bytes = readFileSync(PLUM);
    // Worked out from the file: a row is rejected only when solved before created ("1900-01-01" = empty).
    const lines = bytes.toString('utf8').trimEnd().split('\r\n');
    const headers = lines[0]!.split(',');
    const [created, solved] = [headers.indexOf('Created at'), headers.indexOf('Solved at')];
    const rows = lines.slice(1).map((line) => line.split(','));
    const rejected = (r: string[]) => r[solved] !== '1900-01-01 00:00:00' && r[solved]! < r[created]!;
    const solvedBeforeCreated = rows.filter(rejected).length;
    const group = headers.indexOf('Group');

    const view = await waitForImportOf(
      await upload(ops, { name: 'plum.csv', content: bytes }, { timeZone: 'Asia/Kolkata' }),
      90_000,
    );
    expect(view).toMatchObject({
      status: 'succeeded',
      presetKey: 'zendesk',
      rowsRead: rows.length,
      rowsRejected: solvedBeforeCreated,
      rowsLoaded: rows.length - solvedBeforeCreated,
    });
    expect(view.unmapped.map((u) => [u.value, u.caseCount]).sort()).toEqual(
      ['Endorsements', 'Onboardings', 'Reimbursement Claims', 'Support']
        .map((name) => [name, rows.filter((r) => !rejected(r) && r[group] === name).length])
        .filter(([, count]) => (count as number) > 0)
        .sort(),
    );
    const csat = await database.db
      .selectFrom('cases')
      .select((eb) => [
        eb.fn.countAll<number>().as('responses'),
        eb.fn.sum<number>(eb.case().when('csat_score', '>=', 4).then(1).else(0).end()).as('satisfied'),
      ])
      .where('source', '=', 'zendesk')
      .where('csat_score', 'is not', null)
      .executeTakeFirstOrThrow();
    expect([Number(csat.responses), Number(csat.satisfied)]).toEqual([813, 720]);
  });
});

async function waitForImportOf(response: { statusCode: number; body: string; json(): unknown }, timeoutMs?: number) {
  expect(response.statusCode, response.body).toBe(202);
  return waitForImport(ops, (response.json() as { id: number }).id, timeoutMs);
}
