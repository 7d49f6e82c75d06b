/**
 * Import sources through the API against a real OpenSSH SFTP server: ops configure a source, run it now, and
 * each matching file becomes an ordinary import exactly once; the stored credentials never come back and the
 * database holds only ciphertext.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '@scorecard/config';
import { startWorkers, type WorkerRuntime } from '../../../worker/src/runtime.ts';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { sshdMissing, startSftpServer, type SftpServer } from '../../../../test/sshd.ts';
import { waitForImportsSettled, waitForRuns, zendeskCsv, type TicketRow } from '../../../../test/sources.ts';
import { buildApp } from '../app.ts';

const SECRET_KEY = randomBytes(32).toString('base64');

const tickets = (prefix: string, n: number, group: string): TicketRow[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i + 1}`,
    group,
    via: i % 2 ? 'Chat' : 'Mail',
    createdAt: `2026-11-${String(16 + (i % 5)).padStart(2, '0')} 09:00:00`,
    solvedAt: '',
    score: i % 3 === 0 ? '5' : '',
  }));

describe.skipIf(sshdMissing !== null)('SFTP import sources (needs /usr/sbin/sshd)', () => {
  let database: TestDatabase;
  let config: Config;
  let app: FastifyInstance;
  let worker: WorkerRuntime;
  let ops: Caller;
  let sftp: SftpServer;
  let sourceId: number;

  beforeAll(async () => {
    sftp = await startSftpServer();
    database = await createTestDatabase();
    config = testConfig(database.url, { SOURCE_SECRET_KEY: SECRET_KEY });
    app = await buildApp(config);
    worker = startWorkers(config);
    ops = await callerAs(app, 'ops');
    expect((await ops.post('/api/vendors', { name: 'Acme' })).statusCode).toBe(201);
  }, 30_000);
  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await database?.drop();
    await sftp?.stop();
  });

  const first = tickets('S', 7, 'Acme');
  const second = tickets('T', 4, 'Acme');
  const bad = ['S-bad,Acme,Mail,not a date,,'];

  it('creates a source; the answer and the listing never carry the private key', async () => {
    const response = await ops.post('/api/sources', {
      name: 'BPO drop',
      kind: 'sftp',
      settings: {
        host: '127.0.0.1',
        port: sftp.port,
        username: sftp.username,
        folder: sftp.root,
        pattern: '*.csv',
        hostKeySha256: sftp.hostKeySha256,
        doneFolder: path.join(sftp.root, 'done'),
      },
      secrets: { privateKey: sftp.privateKey },
      presetKey: 'zendesk',
      timeZone: 'UTC',
      cron: '0 2 * * *',
      scheduleTimeZone: 'Europe/Berlin',
    });
    expect(response.statusCode, response.body).toBe(201);
    sourceId = response.json().id;
    expect(response.json()).toMatchObject({ hasSecrets: true, health: 'ok', enabled: true });
    expect(response.json().nextRunAt).not.toBeNull();
    const keyBody = sftp.privateKey.split('\n')[1]!;
    for (const answer of [response, await ops.get('/api/sources'), await ops.get(`/api/sources/${sourceId}`)]) {
      expect(answer.body).not.toContain(keyBody);
      expect(answer.body).not.toContain('privateKey');
    }
    const stored = await database.db
      .selectFrom('import_sources')
      .select(['secret_ciphertext', 'settings'])
      .where('id', '=', sourceId)
      .executeTakeFirstOrThrow();
    expect(stored.secret_ciphertext).toMatch(/^v1\./);
    expect(stored.secret_ciphertext).not.toContain(keyBody);
    expect(JSON.stringify(stored.settings)).not.toContain(keyBody);
  });

  it('run now imports each matching file once, with the pipeline’s row accounting, and moves it to done/', async () => {
    writeFileSync(path.join(sftp.root, 'day1.csv'), zendeskCsv(first, bad));
    writeFileSync(path.join(sftp.root, 'day2.csv'), zendeskCsv(second));
    writeFileSync(path.join(sftp.root, 'notes.txt'), 'not an export');
    expect((await ops.post(`/api/sources/${sourceId}/run`)).statusCode).toBe(202);
    const [run] = await waitForRuns(database.db, sourceId, 1);
    expect(run).toMatchObject({ status: 'succeeded', items_found: 2, imports_created: 2 });
    await waitForImportsSettled(database.db);

    const detail = (await ops.get(`/api/sources/${sourceId}`)).json();
    const byFile = Object.fromEntries(detail.imports.map((i: { fileName: string }) => [i.fileName, i]));
    expect(byFile['day1.csv']).toMatchObject({
      status: 'succeeded',
      rowsRead: first.length + bad.length,
      rowsLoaded: first.length,
      rowsRejected: bad.length,
    });
    expect(byFile['day2.csv']).toMatchObject({
      status: 'succeeded',
      rowsRead: second.length,
      rowsLoaded: second.length,
    });
    const cases = await database.db.selectFrom('cases').select('external_id').execute();
    expect(cases.map((c) => c.external_id).sort()).toEqual([...first, ...second].map((t) => t.id).sort());
    expect(existsSync(path.join(sftp.root, 'done', 'day1.csv'))).toBe(true);
    expect(existsSync(path.join(sftp.root, 'day1.csv'))).toBe(false);
    expect(existsSync(path.join(sftp.root, 'notes.txt'))).toBe(true);
  });

  it('a file already pulled is not pulled again; two concurrent runs import a new file once', async () => {
    writeFileSync(path.join(sftp.root, 'day3.csv'), zendeskCsv(tickets('U', 3, 'Acme')));
    const before = await database.db.selectFrom('imports').select('id').execute();
    await Promise.all([ops.post(`/api/sources/${sourceId}/run`), ops.post(`/api/sources/${sourceId}/run`)]);
    const runs = await waitForRuns(database.db, sourceId, 3);
    expect(runs.slice(1).reduce((n, r) => n + r.imports_created, 0)).toBe(1);
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    await waitForImportsSettled(database.db);
    const after = await database.db.selectFrom('imports').select('id').execute();
    expect(after.length - before.length).toBe(1);
    const items = await database.db
      .selectFrom('import_source_items')
      .select('item_key')
      .where('source_id', '=', sourceId)
      .execute();
    expect(items).toHaveLength(3);
  });

  it('a file with the same bytes under a new name is recorded as a duplicate of the first import', async () => {
    writeFileSync(path.join(sftp.root, 'day2-again.csv'), zendeskCsv(second));
    utimesSync(path.join(sftp.root, 'day2-again.csv'), new Date(), new Date());
    expect((await ops.post(`/api/sources/${sourceId}/run`)).statusCode).toBe(202);
    await waitForRuns(database.db, sourceId, 4);
    const duplicates = await database.db
      .selectFrom('imports')
      .select(['file_name', 'duplicate_of'])
      .where('status', '=', 'duplicate')
      .execute();
    expect(duplicates).toEqual([expect.objectContaining({ file_name: 'day2-again.csv' })]);
  });

  it('a pinned host key that does not match refuses the server and counts towards failing', async () => {
    const wrongKey = `SHA256:${randomBytes(32).toString('base64').replace(/=+$/, '')}`;
    const created = await ops.post('/api/sources', {
      name: 'Impostor',
      kind: 'sftp',
      settings: {
        host: '127.0.0.1',
        port: sftp.port,
        username: sftp.username,
        folder: sftp.root,
        hostKeySha256: wrongKey,
      },
      secrets: { privateKey: sftp.privateKey },
      presetKey: 'zendesk',
      cron: '0 2 * * *',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    for (let n = 1; n <= config.sources.failureAlertAfter; n += 1) {
      expect((await ops.post(`/api/sources/${id}/run`)).statusCode).toBe(202);
      const runs = await waitForRuns(database.db, id, n);
      expect(runs[n - 1]!.status).toBe('failed');
    }
    const source = (await ops.get(`/api/sources/${id}`)).json();
    expect(source).toMatchObject({ health: 'failing', consecutiveFailures: config.sources.failureAlertAfter });
    expect(source.lastError).toBeTruthy();
  });

  it('the Job Scheduler pulls on its cron, in the source’s zone, with no one asking', async () => {
    const before = await waitForRuns(database.db, sourceId, 1);
    // Six fields: every second.
    const changed = await ops.patch(`/api/sources/${sourceId}`, {
      cron: '* * * * * *',
      scheduleTimeZone: 'Asia/Kolkata',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const scheduler = await worker.queues.sources.getJobScheduler(`source-${sourceId}`);
    expect(scheduler).toMatchObject({ pattern: '* * * * * *', tz: 'Asia/Kolkata' });
    const deadline = Date.now() + 15_000;
    for (;;) {
      const runs = await database.db
        .selectFrom('import_source_runs')
        .select(['trigger', 'status'])
        .where('source_id', '=', sourceId)
        .where('trigger', '=', 'schedule')
        .execute();
      if (runs.some((r) => r.status === 'succeeded')) break;
      if (Date.now() > deadline) throw new Error(`no scheduled run after ${before.length} manual ones`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it('a paused source has no schedule and refuses to run now', async () => {
    const paused = await ops.patch(`/api/sources/${sourceId}`, { enabled: false });
    expect(paused.json()).toMatchObject({ health: 'paused', nextRunAt: null });
    expect((await ops.post(`/api/sources/${sourceId}/run`)).statusCode).toBe(409);
    expect(await worker.queues.sources.getJobScheduler(`source-${sourceId}`)).toBeUndefined();
  });

  it('never answers an S3 or Zendesk secret, before or after it is replaced; the database holds only ciphertext', async () => {
    const secretsOf = {
      s3: { accessKeyId: 'AKID-visible-nowhere', secretAccessKey: 's3-secret-0f9e8d7c' },
      zendesk: { apiToken: 'zendesk-token-1a2b3c4d' },
    };
    const created = [
      await ops.post('/api/sources', {
        name: 'Bucket',
        kind: 's3',
        settings: { endpoint: 'http://127.0.0.1:9', bucket: 'bpo-exports', prefix: 'daily/' },
        secrets: secretsOf.s3,
        presetKey: 'zendesk',
        cron: '0 3 * * *',
      }),
      await ops.post('/api/sources', {
        name: 'Helpdesk',
        kind: 'zendesk',
        settings: { baseUrl: 'https://acme.zendesk.com', email: 'ops@acme.example', startTime: 1_700_000_000 },
        secrets: secretsOf.zendesk,
        cron: '*/15 * * * *',
        // Paused: the test must never reach out to a real Zendesk.
        enabled: false,
      }),
    ];
    for (const response of created) expect(response.statusCode, response.body).toBe(201);
    const [s3Id, zendeskId] = created.map((r) => r.json().id as number);
    expect(created[1]!.json()).toMatchObject({ presetKey: 'zendesk', timeZone: 'UTC' });
    const replaced = await ops.patch(`/api/sources/${zendeskId}`, {
      secrets: { apiToken: 'zendesk-token-rotated-9z' },
    });
    expect(replaced.statusCode, replaced.body).toBe(200);

    const plaintexts = [...Object.values(secretsOf.s3), secretsOf.zendesk.apiToken, 'zendesk-token-rotated-9z'];
    const answers = [
      ...created,
      replaced,
      await ops.get('/api/sources'),
      await ops.get(`/api/sources/${s3Id}`),
      await ops.get(`/api/sources/${zendeskId}`),
    ];
    const stored = await database.db.selectFrom('import_sources').selectAll().execute();
    for (const text of [...answers.map((a) => a.body), JSON.stringify(stored)]) {
      for (const secret of plaintexts) expect(text).not.toContain(secret);
    }
    for (const row of stored) expect(row.secret_ciphertext).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('refuses settings that do not fit the kind, naming the field', async () => {
    const response = await ops.post('/api/sources', {
      name: 'Broken',
      kind: 'sftp',
      settings: { host: '127.0.0.1', folder: 'relative' },
      secrets: { password: 'x' },
      presetKey: 'zendesk',
      cron: '0 2 * * *',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toMatch(/settings/);
  });
});
