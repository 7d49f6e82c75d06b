/**
 * Reads from a streaming replica (docs/scaling.md "Read replicas"), against a real second PostgreSQL cluster
 * replicating the test's primary (test/replica-cluster.ts): scorecards, trends and drill-downs are answered by
 * the replica once it has replayed the writes the request's generations count; while its replay is paused, a
 * write followed by a read is answered by the primary, never with the replica's older figure; when the
 * replica stops after it served reads, the primary answers them with the right figures until it is back. Where a read
 * ran is told by the replica itself: its pg_stat_activity lists the API's read connections and their last
 * statements.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { MetricCase } from '@scorecard/domain/metrics/case-facts';
import type { Db } from '@scorecard/db/database';
import { emailCase, insertCases } from '@scorecard/db/metrics/case-fixtures.testing';
import { recompute } from '@scorecard/db/metrics/recompute';
import { testConfig } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { replicaPairMissing, startReplicatedPair, type ReplicatedPair } from '../../../../test/replica-cluster.ts';
import { buildApp } from '../app.ts';
import { apiReadsOnReplicaSince, createReplicatedDatabase, replicaNow } from './replica.testing.ts';

const DATABASE = 'scorecard_replica_test';
const WEEK = '2026-W47';
const W47 = Date.parse('2026-11-16T00:00:00Z');
const HOUR = 3_600_000;

/** An email of vendorId created `startHours` into W47, answered an hour later and solved an hour after that. */
function solvedEmail(vendorId: number, startHours: number, handleSeconds: number): MetricCase {
  return emailCase(vendorId, new Date(W47 + startHours * HOUR), { responseHours: 1, solvedHours: 2, handleSeconds });
}

/** AHT as the test expects it: the plain mean of the handle times of the (all solved) cases it wrote. */
function meanHandle(cases: readonly MetricCase[]): number {
  let sum = 0;
  for (const c of cases) sum += c.handleSeconds ?? 0;
  return sum / cases.length;
}

describe.skipIf(replicaPairMissing !== null)('read replica (needs PostgreSQL server binaries)', () => {
  let pair: ReplicatedPair;
  let primary: Db;
  let app: FastifyInstance;
  let viewer: Caller;
  let vendorId: number;
  const written: MetricCase[] = [];

  /** Writes cases of the vendor and recomputes its week on the primary, as an import would. */
  async function writeCases(handleTimes: number[]) {
    const cases = handleTimes.map((h, i) => solvedEmail(vendorId, written.length + i + 1, h));
    written.push(...cases);
    await insertCases(primary, cases);
    await recompute(primary, { kind: 'vendor-weeks', vendorWeeks: [{ vendorId, week: '2026-11-16' }] });
  }
  const servedAht = async (query = '') => {
    const response = await viewer.get(`/api/scorecards?week=${WEEK}${query}`);
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      vendors: { vendorId: number; metrics: Record<string, { value: number | null }> }[];
    }>();
    return body.vendors.find((v) => v.vendorId === vendorId)?.metrics.aht?.value;
  };
  /**
   * Makes reads (each with a fresh cache entry, from `attempt`) until one ran on the replica; every read's
   * figures are checked by `read` itself. A write leaves the primary's WAL a moment ahead of the replica (the
   * WAL writer flushes within 200 ms), so the first miss after it may rightly go to the primary.
   */
  async function untilAnsweredByReplica(read: (attempt: number) => Promise<void>, attempts = 20) {
    const since = await replicaNow(pair, DATABASE);
    for (let attempt = 0; attempt < attempts; attempt++) {
      await read(attempt);
      if ((await apiReadsOnReplicaSince(pair, DATABASE, since)).length > 0) return attempt;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('no read went to the replica');
  }
  /** Reads the replica's own stored parts: what the replica would answer if asked. */
  const replicaAht = async () => {
    const rows = await pair.queryReplica<{ sum: number; n: number }>(
      DATABASE,
      `SELECT handle_seconds_sum::float8 AS sum, handle_count::float8 AS n FROM weekly_parts
        WHERE vendor_id = ${vendorId} AND week = '2026-11-16'`,
    );
    let sum = 0;
    let n = 0;
    for (const row of rows) [sum, n] = [sum + row.sum, n + row.n];
    return sum / n;
  };

  beforeAll(async () => {
    pair = await startReplicatedPair();
    ({ primary, vendorId } = await createReplicatedDatabase(pair, DATABASE));
    await writeCases([100, 200]);
    await pair.caughtUp();
    app = await buildApp(testConfig(pair.primaryUrl(DATABASE), { DATABASE_READ_URL: pair.replicaUrl(DATABASE) }));
    viewer = await callerAs(app, 'viewer');
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await primary?.destroy();
    await pair?.stop();
  });

  it('answers the scorecard, trends and drill-down from a replica that has replayed the writes', async () => {
    await pair.caughtUp();
    // Another cache key each time: a filter that keeps every case, or another rank order.
    const keys = ['', '&queue=Buyer', '&channel=email', '&rankBy=adjusted', '&queue=Buyer&channel=email'];
    await untilAnsweredByReplica(async (attempt) => {
      expect(await servedAht(keys[attempt % keys.length])).toBe(meanHandle(written));
    });
    await untilAnsweredByReplica(async () => {
      const trends = await viewer.get(`/api/vendors/${vendorId}/trends?endWeek=${WEEK}`);
      expect(trends.statusCode).toBe(200);
      expect(trends.json<{ series: { aht: { value: number }[] } }>().series.aht.at(-1)?.value).toBe(
        meanHandle(written),
      );
    });
    await untilAnsweredByReplica(async (attempt) => {
      const drill = await viewer.get(`/api/cases?vendorId=${vendorId}&week=${WEEK}&metric=aht&limit=${50 + attempt}`);
      expect(drill.statusCode).toBe(200);
      expect(drill.json<{ total: number }>().total).toBe(written.length);
    });
  });

  it('while the replica is paused, serves a write on the next read from the primary, never the old figure', async () => {
    await pair.pauseReplay();
    try {
      const before = meanHandle(written);
      await writeCases([900]);
      const after = meanHandle(written);
      expect(after).not.toBe(before);
      const since = await replicaNow(pair, DATABASE);
      for (const query of ['', '', '&queue=Buyer', '&channel=email', '&rankBy=adjusted']) {
        expect(await servedAht(query)).toBe(after);
      }
      const trends = await viewer.get(`/api/vendors/${vendorId}/trends?endWeek=${WEEK}`);
      expect(trends.statusCode, trends.body).toBe(200);
      expect(trends.json<{ series: { aht: { value: number }[] } }>().series.aht.at(-1)?.value).toBe(after);
      const drill = await viewer.get(`/api/cases?vendorId=${vendorId}&week=${WEEK}&metric=aht`);
      expect(drill.json<{ total: number }>().total).toBe(written.length);
      // The replica still holds the old figure and answered none of those reads.
      expect(await replicaAht()).toBe(before);
      expect(await apiReadsOnReplicaSince(pair, DATABASE, since)).toEqual([]);
    } finally {
      await pair.resumeReplay();
    }
  });

  it('after replay resumes, reads go to the replica again', async () => {
    await pair.caughtUp();
    await writeCases([50, 70]);
    await pair.caughtUp();
    expect(await replicaAht()).toBe(meanHandle(written));
    const keys = ['&rankBy=adjusted', '&queue=Buyer&channel=email', '&queue=Buyer', '&channel=email', ''];
    await untilAnsweredByReplica(async (attempt) => {
      expect(await servedAht(keys[attempt % keys.length])).toBe(meanHandle(written));
    });
  });

  it('when the replica stops after serving reads, the primary answers them; once it is back, the replica', async () => {
    await pair.caughtUp();
    const trends = async () => {
      const response = await viewer.get(`/api/vendors/${vendorId}/trends?endWeek=${WEEK}`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json<{ series: { aht: { value: number }[] } }>().series.aht.at(-1)?.value).toBe(
        meanHandle(written),
      );
    };
    const drillDown = async (limit: number) => {
      const response = await viewer.get(`/api/cases?vendorId=${vendorId}&week=${WEEK}&metric=aht&limit=${limit}`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json<{ total: number }>().total).toBe(written.length);
    };
    // The router knows the replica has replayed these generations: their reads are sent to it.
    await untilAnsweredByReplica(trends);
    await pair.stopReplica();
    try {
      // Same generations, new cache keys: each read goes to the stopped replica, fails there, and is made
      // again on the primary.
      expect(await servedAht('&queue=Buyer&rankBy=adjusted')).toBe(meanHandle(written));
      await trends();
      await drillDown(61);
      // A write while it is down: its reads come from the primary too.
      await writeCases([420]);
      for (const query of ['&channel=email&rankBy=adjusted', '', '&queue=Buyer']) {
        expect(await servedAht(query)).toBe(meanHandle(written));
      }
      await trends();
      await drillDown(62);
    } finally {
      await pair.startReplica();
    }
    await pair.caughtUp();
    // After the back-off (replica-router.ts, 5 s) the replica is probed, found replayed, and read again.
    await untilAnsweredByReplica(trends, 60);
    await untilAnsweredByReplica((attempt) => drillDown(70 + attempt));
    // Scorecard keys not yet read under these generations: each is a cache miss.
    const keys = ['&channel=email', '&queue=Buyer&channel=email', '&rankBy=adjusted', '&queue=Buyer&rankBy=adjusted'];
    await untilAnsweredByReplica(async (attempt) => {
      expect(await servedAht(keys[attempt]!)).toBe(meanHandle(written));
    }, keys.length);
  });
});
