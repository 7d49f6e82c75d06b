/**
 * Reads sent to a read replica that the primary answers when the replica fails (docs/scaling.md "Read
 * replicas"): a replica that is stopped, restarting, unreachable, hung or whose connection broke makes its
 * query fail for a reason that says nothing about the query; so does a standby that cancels a query for a
 * conflict with the WAL it replays. The primary holds everything the replica does, so the same query is made
 * once more on the primary. Any other error (a bad query, a constraint) is the query's own and is thrown as it
 * is: the primary would only fail it again.
 */
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import type { DB, Db } from '../database.ts';

/** Socket errors of a server that is not there (any more). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
/**
 * SQLSTATEs of a server going away or not yet serving (shutting down, crashed, starting up), and 57014
 * query_canceled: nothing cancels the API's replica reads but their own `statement_timeout`.
 */
const SERVER_GONE = new Set(['57P01', '57P02', '57P03', '57014']);
/**
 * SQLSTATEs a hot standby cancels a query with for a conflict with recovery: 40001 (a lock, snapshot, buffer
 * pin or tablespace conflict; a standby runs no serializable transactions, so nothing else raises it there)
 * and 40P01 (a buffer-pin deadlock with the startup process).
 */
const RECOVERY_CONFLICT = new Set(['40001', '40P01']);

/** Whether `error` tells of the connection or the server rather than of the query. */
export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof AggregateError) return error.errors.some(isConnectionFailure);
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || SERVER_GONE.has(code) || code.startsWith('08'))) {
    return true;
  }
  // node-postgres' own errors when the socket ends under a client, a connection attempt times out, or a query
  // gets no answer within `query_timeout`.
  return /Connection terminated|not queryable|timeout exceeded when trying to connect|Query read timeout/i.test(
    error.message,
  );
}

/** Whether `error` is a standby cancelling the query for a conflict with the WAL it replays. */
export function isRecoveryConflict(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && RECOVERY_CONFLICT.has(code);
}

/** Why a replica's query is made again on the primary: the replica failed, or it cancelled that one query. */
export type ReplicaFailure = 'connection' | 'recovery-conflict';

function replicaFailure(error: unknown): ReplicaFailure | null {
  if (isConnectionFailure(error)) return 'connection';
  return isRecoveryConflict(error) ? 'recovery-conflict' : null;
}

const TRANSACTION_START = /^\s*(begin|start\s+transaction)\b/i;
const TRANSACTION_END = /^\s*(commit|rollback)\b/i;

/**
 * A client of the replica that moves to a client of the primary when a query fails for a replica reason, and
 * makes that query again there. Not inside a transaction: its earlier statements were the replica's. A replica
 * client one of whose queries failed so is destroyed, not returned to its pool: a query that timed out may
 * still hold it, and node-postgres would queue the next query behind it.
 */
function fallbackClient(
  replica: pg.PoolClient,
  primary: pg.Pool | null,
  onFailure: (error: Error, failure: ReplicaFailure) => void,
) {
  let current: pg.PoolClient | null = replica;
  let inTransaction = false;
  let replicaFailed: Error | undefined;
  const client = {
    async query(text: string, parameters: readonly unknown[]) {
      const used = current!;
      try {
        const result = await used.query(text, [...parameters]);
        if (TRANSACTION_START.test(text)) inTransaction = true;
        else if (TRANSACTION_END.test(text)) inTransaction = false;
        return result;
      } catch (error) {
        const failure = used === replica ? replicaFailure(error) : null;
        if (!failure) throw error;
        replicaFailed = error as Error;
        if (!primary || inTransaction) throw error;
        onFailure(error as Error, failure);
        current = null;
        used.release(replicaFailed);
        current = await primary.connect();
        return current.query(text, [...parameters]);
      }
    },
    release() {
      current?.release(current === replica ? replicaFailed : undefined);
      current = null;
    },
  };
  // Kysely's cursor overload goes unused: this database is read without `stream()`.
  return client as unknown as PostgresPoolClient;
}

/**
 * A `Db` reading from the `replica` pool, each of whose queries that fails for a replica reason is made once
 * more on the `primary` pool, after `onFailure` is told why. The pools stay their owner's to end.
 */
export function replicaWithFallback(
  replica: pg.Pool,
  primary: pg.Pool,
  onFailure: (error: Error, failure: ReplicaFailure) => void,
): Db {
  const pool: PostgresPool = {
    async connect() {
      try {
        return fallbackClient(await replica.connect(), primary, onFailure);
      } catch (error) {
        if (!isConnectionFailure(error)) throw error;
        onFailure(error as Error, 'connection');
        return primary.connect();
      }
    },
    async end() {},
  };
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * A `Db` on the `replica` pool alone, for questions only the replica can answer (how far it has replayed):
 * every error is thrown, and a client whose query failed for a replica reason is destroyed as above.
 */
export function replicaOnly(replica: pg.Pool): Db {
  const pool: PostgresPool = {
    connect: async () => fallbackClient(await replica.connect(), null, () => undefined),
    async end() {},
  };
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
