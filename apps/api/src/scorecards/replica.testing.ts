/**
 * The read-replica tests' shared set-up and probes over a real primary/standby pair (test/replica-cluster.ts):
 * a migrated database with one vendor, the standby's clock, and the statements the API's read connections ran
 * on the standby. Used by tests only.
 */
import { createDb, type Db } from '@scorecard/db/database';
import { migrateToLatest } from '@scorecard/db/migrate';
import type { ReplicatedPair } from '../../../../test/replica-cluster.ts';

/** The application name of the API's connections to DATABASE_READ_URL. */
export const READ_APP = 'scorecard-api-read';

/** Creates and migrates `name` on the primary, with one vendor, Alpha. */
export async function createReplicatedDatabase(
  pair: ReplicatedPair,
  name: string,
): Promise<{ primary: Db; vendorId: number }> {
  const admin = createDb({ url: pair.primaryUrl('postgres'), maxConnections: 1 });
  await admin.pool.query(`CREATE DATABASE ${name}`);
  await admin.db.destroy();
  const primary = createDb({ url: pair.primaryUrl(name), maxConnections: 4 }).db;
  await migrateToLatest(primary);
  const vendor = await primary
    .insertInto('vendors')
    .values({ name: 'Alpha' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { primary, vendorId: vendor.id };
}

/** The standby's clock, to tell the statements it ran after a point from those before. */
export async function replicaNow(pair: ReplicatedPair, name: string): Promise<string> {
  return (await pair.queryReplica<{ now: string }>(name, 'SELECT clock_timestamp()::text AS now'))[0]!.now;
}

/** The statements the API's read connections ran on the standby since `since`, besides the freshness check. */
export async function apiReadsOnReplicaSince(pair: ReplicatedPair, name: string, since: string): Promise<string[]> {
  const rows = await pair.queryReplica<{ query: string }>(
    name,
    `SELECT query FROM pg_stat_activity
      WHERE application_name = '${READ_APP}' AND query_start > '${since}'::timestamptz
        AND query NOT LIKE '%pg_is_in_recovery%'`,
  );
  return rows.map((r) => r.query);
}
