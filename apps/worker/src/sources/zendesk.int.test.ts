/**
 * Zendesk incremental export sources against a loopback peer speaking the documented JSON: every page becomes an
 * import through the pipeline, a 429 is waited out for its Retry-After, and a worker process killed with SIGKILL
 * mid-stream is resumed by another from the last committed page, each ticket imported exactly once.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '@scorecard/config';
import { findSource, insertSource, storeSealedSecret } from '@scorecard/db/sources/sources';
import { sealSecret } from '@scorecard/domain/sources/secret-box';
import { zendeskPageCsv } from '@scorecard/domain/sources/zendesk-tickets';
import { Readable } from 'node:stream';
import { closeQueues, createQueues, enqueue, redisConnection } from '@scorecard/jobs';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { waitForImportsSettled, waitForRuns } from '../../../../test/sources.ts';
import { WORKER_ARGS } from '../entry.ts';
import { startWorkers, type WorkerRuntime } from '../runtime.ts';
import { importPulledFile } from './import-pulled.ts';
import { storeStream } from './stored-file.ts';
import { startZendeskPeer, ticketsFor, type ZendeskPeer } from './zendesk-peer.testing.ts';

const SECRET_KEY = randomBytes(32).toString('base64');
const group = { id: 42, name: 'Acme' };
const START = 1_763_000_000;

let database: TestDatabase;
let config: Config;

beforeAll(async () => {
  database = await createTestDatabase();
  // Short locks: a killed worker's job is noticed and taken over within a few seconds.
  config = testConfig(database.url, {
    SOURCE_SECRET_KEY: SECRET_KEY,
    WORKER_LOCK_MS: '2000',
    WORKER_STALLED_INTERVAL_MS: '1000',
  });
});
afterAll(async () => {
  await database?.drop();
});

async function createZendeskSource(name: string, baseUrl: string): Promise<number> {
  const row = await insertSource(database.db, {
    name,
    kind: 'zendesk',
    settings: JSON.stringify({ baseUrl, email: 'ops@acme.example', startTime: START }),
    preset_key: 'zendesk',
    time_zone: 'UTC',
    cron: '0 * * * *',
    schedule_time_zone: 'UTC',
    enabled: true,
  });
  await storeSealedSecret(
    database.db,
    row.id,
    sealSecret(config.sources.secretKey!, row.id, JSON.stringify({ apiToken: 'tok-123' })),
  );
  return row.id;
}

async function caseIds(): Promise<string[]> {
  const rows = await database.db.selectFrom('cases').select('external_id').orderBy('external_id').execute();
  return rows.map((r) => r.external_id);
}

describe('Zendesk incremental export source', () => {
  let peer: ZendeskPeer;
  let worker: WorkerRuntime;
  const pages = [ticketsFor('1', 3, group), ticketsFor('2', 2, group), ticketsFor('3', 4, group)].map((tickets) => ({
    tickets,
    groups: [group],
  }));

  beforeAll(async () => {
    peer = await startZendeskPeer(pages);
    worker = startWorkers(config);
  });
  afterAll(async () => {
    await worker?.close();
    await peer?.close();
  });

  it('imports every page once, waits out a 429 for its Retry-After, and stores the last cursor', async () => {
    const sourceId = await createZendeskSource('Zendesk', peer.baseUrl);
    peer.rateLimitOnce('cursor:c1', 1);
    await enqueue(worker.queues, 'pull-source', { sourceId, trigger: 'manual' });
    const [run] = await waitForRuns(database.db, sourceId, 1);
    expect(run).toMatchObject({ status: 'succeeded', items_found: 3, imports_created: 3 });
    await waitForImportsSettled(database.db);

    const expected = pages.flatMap((p) => p.tickets.map((t) => String(t.id))).sort();
    expect(await caseIds()).toEqual(expected);
    const keys = peer.requests.map((r) => r.key);
    expect(keys).toEqual([`start:${START}`, 'cursor:c1', 'cursor:c1', 'cursor:c2']);
    const [limited, retried] = peer.requests.filter((r) => r.key === 'cursor:c1');
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(950);
    const expectedAuth = `Basic ${Buffer.from('ops@acme.example/token:tok-123').toString('base64')}`;
    expect(peer.requests.every((r) => r.authorization === expectedAuth)).toBe(true);

    const source = await database.db
      .selectFrom('import_sources')
      .select(['cursor', 'consecutive_failures'])
      .where('id', '=', sourceId)
      .executeTakeFirstOrThrow();
    expect(source).toEqual({ cursor: 'c3', consecutive_failures: 0 });
    const imports = await database.db
      .selectFrom('imports')
      .select(['rows_read', 'rows_loaded', 'rows_rejected'])
      .where('status', '=', 'succeeded')
      .orderBy('id')
      .execute();
    expect(imports.map((i) => i.rows_loaded)).toEqual(pages.map((p) => p.tickets.length));
    for (const i of imports) expect(i.rows_read).toBe(i.rows_loaded + i.rows_rejected);
  });

  it('a second pull asks only for what came after the stored cursor', async () => {
    const sourceId = (
      await database.db
        .selectFrom('import_sources')
        .select('id')
        .where('name', '=', 'Zendesk')
        .executeTakeFirstOrThrow()
    ).id;
    const before = peer.requests.length;
    await enqueue(worker.queues, 'pull-source', { sourceId, trigger: 'schedule' });
    const runs = await waitForRuns(database.db, sourceId, 2);
    expect(runs[1]).toMatchObject({ status: 'succeeded', imports_created: 0 });
    expect(peer.requests.slice(before).map((r) => r.key)).toEqual(['cursor:c3']);
  });
});

describe('a worker killed with SIGKILL mid-stream', () => {
  it('is resumed by another worker from the last committed page: nothing skipped, nothing fetched twice', async () => {
    await database.db.deleteFrom('import_sources').execute();
    await database.db.deleteFrom('cases').execute();
    const pages = [ticketsFor('4', 3, group), ticketsFor('5', 3, group), ticketsFor('6', 3, group)].map((tickets) => ({
      tickets,
      groups: [group],
    }));
    const peer = await startZendeskPeer(pages);
    const sourceId = await createZendeskSource('Zendesk resumed', peer.baseUrl);
    const child = spawn(process.execPath, WORKER_ARGS, {
      env: {
        ...process.env,
        DATABASE_URL: config.db.url,
        REDIS_URL: config.redis.url,
        QUEUE_PREFIX: config.redis.queuePrefix,
        UPLOAD_DIR: config.uploads.dir,
        SOURCE_SECRET_KEY: SECRET_KEY,
        WORKER_LOCK_MS: '2000',
        WORKER_STALLED_INTERVAL_MS: '1000',
      },
      stdio: 'ignore',
    });
    let resumed: WorkerRuntime | undefined;
    try {
      const holding = peer.hold('cursor:c2');
      const queues = createQueues(redisConnection(config.redis.url, 'producer'), config.redis.queuePrefix);
      await enqueue(queues, 'pull-source', { sourceId, trigger: 'manual' });
      await closeQueues(queues);
      await holding;
      // Pages start and c1 are committed and the cursor stands at c2; the child waits on c2's answer.
      child.kill('SIGKILL');
      await once(child, 'exit');
      peer.release();

      resumed = startWorkers(config);
      const runs = await waitForRuns(database.db, sourceId, 1, 60_000);
      await waitForImportsSettled(database.db);
      expect(runs.at(-1)!.status).toBe('succeeded');
      const expected = pages.flatMap((p) => p.tickets.map((t) => String(t.id))).sort();
      expect(await caseIds()).toEqual(expected);
      const keys = peer.requests.map((r) => r.key);
      expect(keys.filter((k) => k === `start:${START}`)).toHaveLength(1);
      expect(keys.filter((k) => k === 'cursor:c1')).toHaveLength(1);
      expect(keys.filter((k) => k === 'cursor:c2')).toHaveLength(2);
      const items = await database.db
        .selectFrom('import_source_items')
        .select('item_key')
        .where('source_id', '=', sourceId)
        .orderBy('id')
        .execute();
      expect(items.map((i) => i.item_key)).toEqual([`start:${START}`, 'cursor:c1', 'cursor:c2']);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await resumed?.close();
      await peer.close();
    }
  }, 90_000);
});

describe('a pull that died after handing a page to the pipeline, before its import committed', () => {
  it('is resumed by awaiting that import, not by fetching the page again', async () => {
    await database.db.deleteFrom('import_sources').execute();
    await database.db.deleteFrom('cases').execute();
    const pages = [ticketsFor('7', 2, group), ticketsFor('8', 3, group)].map((tickets) => ({
      tickets,
      groups: [group],
    }));
    const peer = await startZendeskPeer(pages);
    const sourceId = await createZendeskSource('Zendesk handed over', peer.baseUrl);
    const queues = createQueues(redisConnection(config.redis.url, 'producer'), config.redis.queuePrefix);
    let worker: WorkerRuntime | undefined;
    try {
      // The state a crash leaves: page one recorded with its import (queued, no worker yet), the cursor not moved.
      const source = (await findSource(database.db, sourceId))!;
      const firstPage = { ...pages[0]!, after_cursor: 'c1', end_of_stream: false };
      const stored = await storeStream(config.uploads.dir, 'page-1.csv', Readable.from([zendeskPageCsv(firstPage)]));
      const handed = await importPulledFile({ db: database.db, queues }, source, `start:${START}`, stored, {
        nextCursor: 'c1',
        endOfStream: false,
      });
      expect(handed.kind).toBe('queued');
      expect((await findSource(database.db, sourceId))!.cursor).toBeNull();

      worker = startWorkers(config);
      await enqueue(queues, 'pull-source', { sourceId, trigger: 'manual' });
      const [run] = await waitForRuns(database.db, sourceId, 1);
      expect(run).toMatchObject({ status: 'succeeded', items_found: 1, imports_created: 1 });
      await waitForImportsSettled(database.db);
      expect(peer.requests.map((r) => r.key)).toEqual(['cursor:c1']);
      const expected = pages.flatMap((p) => p.tickets.map((t) => String(t.id))).sort();
      expect(await caseIds()).toEqual(expected);
      expect((await findSource(database.db, sourceId))!.cursor).toBe('c2');
    } finally {
      await worker?.close();
      await closeQueues(queues);
      await peer.close();
    }
  }, 60_000);
});
