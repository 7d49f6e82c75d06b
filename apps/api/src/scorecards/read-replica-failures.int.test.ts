/**
 * Reads from a streaming replica that fails them without going away (docs/scaling.md "Read replicas"), against
 * a real primary and replica (test/replica-cluster.ts) with the API reading the replica through a loopback
 * proxy that can be made to hang (test/silent-proxy.ts): a read the standby cancels for a real recovery
 * conflict is answered by the primary and the replica keeps its reads; a read on a replica connection that
 * accepts bytes and never answers is answered by the primary once DATABASE_READ_TIMEOUT_MS has passed, and so
 * is the first read of a later generation, whose freshness check then hangs too.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { MetricCase } from '@scorecard/domain/metrics/case-facts';
import { sql } from 'kysely';
import type { Db } from '@scorecard/db/database';
import { emailCase, insertCases } from '@scorecard/db/metrics/case-fixtures.testing';
import { recompute } from '@scorecard/db/metrics/recompute';
import { testConfig } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { replicaPairMissing, startReplicatedPair, type ReplicatedPair } from '../../../../test/replica-cluster.ts';
import { startSilentProxy, type SilentProxy } from '../../../../test/silent-proxy.ts';
import { until } from '../../../../test/waits.ts';
import { buildApp } from '../app.ts';
import { apiReadsOnReplicaSince, createReplicatedDatabase, READ_APP, replicaNow } from './replica.testing.ts';

const DATABASE = 'scorecard_replica_failures_test';
const WEEK = '2026-W47';
const W47 = Date.parse('2026-11-16T00:00:00Z');
const HOUR = 3_600_000;
const READ_TIMEOUT_MS = 1_000;
// The standby replays and cancels on its own schedule: a loaded machine needs more than the default wait.
const REPLICA_WAIT_MS = 20_000;

const written: MetricCase[] = [];
/** The next email of W47 (an hour after the last one written), answered an hour later and solved an hour after. */
function solvedEmail(vendorId: number, handleSeconds: number): MetricCase {
  const createdAt = new Date(W47 + (written.length + 1) * HOUR);
  return emailCase(vendorId, createdAt, { responseHours: 1, solvedHours: 2, handleSeconds });
}

describe.skipIf(replicaPairMissing !== null)('read replica failures (needs PostgreSQL server binaries)', () => {
  let pair: ReplicatedPair;
  let proxy: SilentProxy;
  let primary: Db;
  let app: FastifyInstance;
  let viewer: Caller;
  let vendorId: number;
  let nextLimit = 50;

  async function writeCases(handleTimes: number[]) {
    const cases: MetricCase[] = [];
    for (const h of handleTimes) {
      cases.push(solvedEmail(vendorId, h));
      written.push(cases.at(-1)!);
    }
    await insertCases(primary, cases);
    await recompute(primary, { kind: 'vendor-weeks', vendorWeeks: [{ vendorId, week: '2026-11-16' }] });
  }
  /** The drill-down of the vendor-week, each time under another cache key (its page size). */
  const drillDown = () => viewer.get(`/api/cases?vendorId=${vendorId}&week=${WEEK}&metric=aht&limit=${nextLimit++}`);
  const expectAllCases = (response: { statusCode: number; body: string; json<T>(): T }) => {
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<{ total: number }>().total).toBe(written.length);
  };
  /** Drill-downs until one ran on the replica; returns how many went to the primary before it. */
  async function untilDrilledOnReplica(attempts = 40): Promise<number> {
    for (let attempt = 0; attempt < attempts; attempt++) {
      const since = await replicaNow(pair, DATABASE);
      expectAllCases(await drillDown());
      if ((await apiReadsOnReplicaSince(pair, DATABASE, since)).length > 0) return attempt;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('no drill-down went to the replica');
  }

  beforeAll(async () => {
    pair = await startReplicatedPair();
    ({ primary, vendorId } = await createReplicatedDatabase(pair, DATABASE));
    await writeCases([100, 200, 300]);
    await pair.caughtUp();
    // The standby cancels a conflicting query at once rather than after the default 30 s.
    await pair.queryReplica(DATABASE, 'ALTER SYSTEM SET max_standby_streaming_delay = 0');
    await pair.queryReplica(DATABASE, 'SELECT pg_reload_conf()');
    proxy = await startSilentProxy(Number(new URL(pair.replicaUrl(DATABASE)).port));
    app = await buildApp(
      testConfig(pair.primaryUrl(DATABASE), {
        DATABASE_READ_URL: proxy.url(DATABASE),
        DATABASE_READ_TIMEOUT_MS: String(READ_TIMEOUT_MS),
      }),
    );
    viewer = await callerAs(app, 'viewer');
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await primary?.destroy();
    await pair?.stop();
  });

  it('answers a read the standby cancels for a recovery conflict from the primary, and keeps reading the replica', async () => {
    await untilDrilledOnReplica();
    const conflicts = async () =>
      Number(
        (
          await pair.queryReplica<{ n: string }>(
            DATABASE,
            `SELECT (confl_lock + confl_deadlock)::text AS n FROM pg_stat_database_conflicts
              WHERE datname = current_database()`,
          )
        )[0]!.n,
      );
    const conflictsBefore = await conflicts();
    // A primary transaction takes an ACCESS EXCLUSIVE lock on `cases`; the standby replays it, and holds it,
    // until the transaction ends, so the drill-down's statements on the replica wait for it while holding
    // their locks on what they opened before (the view case_facts, …).
    const locker = new pg.Client({ connectionString: pair.primaryUrl(DATABASE) });
    await locker.connect();
    // An open transaction's WAL reaches the standby once flushed: a commit elsewhere flushes it.
    const flushWal = () => sql`SELECT pg_current_xact_id()`.execute(primary);
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE cases IN ACCESS EXCLUSIVE MODE');
      await flushWal();
      await until(
        'the standby holding the lock on cases',
        async () => {
          const rows = await pair.queryReplica(
            DATABASE,
            `SELECT 1 FROM pg_locks WHERE relation = 'cases'::regclass AND mode = 'AccessExclusiveLock' AND granted`,
          );
          return rows.length > 0;
        },
        REPLICA_WAIT_MS,
      );
      const answer = drillDown();
      let held: string[] = [];
      await until(
        'a drill-down statement waiting on the replica with a lock of its own',
        async () => {
          const rows = await pair.queryReplica<{ name: string }>(
            DATABASE,
            `SELECT DISTINCT l.relation::regclass::text AS name
             FROM pg_stat_activity a
             JOIN pg_locks l ON l.pid = a.pid AND l.granted AND l.locktype = 'relation'
             JOIN pg_class c ON c.oid = l.relation AND c.relkind IN ('r', 'v')
            WHERE a.application_name = '${READ_APP}' AND a.wait_event_type = 'Lock'
              AND c.relnamespace = 'public'::regnamespace`,
          );
          held = rows.map((r) => r.name);
          return held.length > 0;
        },
        REPLICA_WAIT_MS,
      );
      // Replaying this lock conflicts with the waiting statement's own lock: the standby cancels it.
      await locker.query(
        `LOCK TABLE ${held.map((name) => pg.escapeIdentifier(name)).join(', ')} IN ACCESS EXCLUSIVE MODE`,
      );
      await flushWal();
      await until(
        'the replica counting the conflict',
        async () => (await conflicts()) > conflictsBefore,
        REPLICA_WAIT_MS,
      );
      // The read is made again on the primary, where it waits for the same locks until they are let go.
      await until(
        'the read waiting on the primary',
        async () => {
          const { rows } = await locker.query(
            `SELECT 1 FROM pg_stat_activity WHERE application_name = 'scorecard-api' AND wait_event_type = 'Lock'`,
          );
          return rows.length > 0;
        },
        REPLICA_WAIT_MS,
      );
      await locker.query('ROLLBACK');
      expectAllCases(await answer);
    } finally {
      await locker.end();
    }
    // No back-off: the very next read goes to the replica.
    expect(await untilDrilledOnReplica()).toBe(0);
  });

  it('answers reads from the primary once a replica that stopped answering has had DATABASE_READ_TIMEOUT_MS', async () => {
    await untilDrilledOnReplica();
    proxy.silence();
    try {
      // The router knows the replica has replayed this generation: the read goes to a replica connection.
      let started = Date.now();
      expectAllCases(await drillDown());
      expect(Date.now() - started).toBeGreaterThanOrEqual(READ_TIMEOUT_MS);
      // A write makes a new generation. Until the back-off (5 s) ends its reads go to the primary at once; then
      // its freshness check goes to the hung replica (an idle pooled connection, or a new one that never gets an
      // answer) and the primary answers that read too, once the check has timed out.
      await writeCases([900]);
      let waited = 0;
      for (let attempt = 0; attempt < 40 && waited < READ_TIMEOUT_MS; attempt++) {
        started = Date.now();
        expectAllCases(await drillDown());
        waited = Date.now() - started;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(waited).toBeGreaterThanOrEqual(READ_TIMEOUT_MS);
    } finally {
      proxy.resume();
    }
    await pair.caughtUp();
    // After the back-off the replica answers again.
    await untilDrilledOnReplica();
  });
});
