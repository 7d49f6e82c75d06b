/**
 * Reads sent to a read replica that the primary answers when the replica fails (docs/scaling.md "Read
 * replicas"): a replica that is stopped, restarting, unreachable or whose connection broke makes its query
 * fail for a reason that says nothing about the query, and the primary holds everything the replica does, so
 * the same query is made once more on the primary. Any other error (a bad query, a constraint) is the
 * query's own and is thrown as it is: the primary would only fail it again.
 */
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import type { DB, Db } from '../database.ts';

/** Socket errors of a server that is not there (any more). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
/** SQLSTATEs of a server going away or not yet serving: shutting down, crashed, starting up. */
const SERVER_GONE = new Set(['57P01', '57P02', '57P03']);

/** Whether `error` tells of the connection or the server rather than of the query. */
export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof AggregateError) return error.errors.some(isConnectionFailure);
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || SERVER_GONE.has(code) || code.startsWith('08'))) {
    return true;
  }
  // node-postgres' own errors when the socket ends under a client or a connection attempt times out.
  return /Connection terminated|not queryable|timeout exceeded when trying to connect/i.test(error.message);
}

const TRANSACTION_START = /^\s*(begin|start\s+transaction)\b/i;
const TRANSACTION_END = /^\s*(commit|rollback)\b/i;

/**
 * A client of the replica that moves to a client of the primary when a query fails for a connection-level
 * reason, and makes that query again there. Not inside a transaction: its earlier statements were the
 * replica's.
 */
function fallbackClient(replica: pg.PoolClient, primary: pg.Pool, onFailure: (error: Error) => void) {
  let current: pg.PoolClient | null = replica;
  let inTransaction = false;
  const client = {
    async query(text: string, parameters: readonly unknown[]) {
      const used = current!;
      try {
        const result = await used.query(text, [...parameters]);
        if (TRANSACTION_START.test(text)) inTransaction = true;
        else if (TRANSACTION_END.test(text)) inTransaction = false;
        return result;
      } catch (error) {
        if (used !== replica || inTransaction || !isConnectionFailure(error)) throw error;
        onFailure(error as Error);
        // The broken client is destroyed, not returned to the replica's pool.
        current = null;
        used.release(error as Error);
        current = await primary.connect();
        return current.query(text, [...parameters]);
      }
    },
    release() {
      current?.release();
      current = null;
    },
  };
  // Kysely's cursor overload goes unused: this database is read without `stream()`.
  return client as unknown as PostgresPoolClient;
}

/**
 * A `Db` reading from the `replica` pool, each of whose queries that fails for a connection-level reason is
 * made once more on the `primary` pool, after `onFailure` is told. The pools stay their owner's to end.
 */
export function replicaWithFallback(replica: pg.Pool, primary: pg.Pool, onFailure: (error: Error) => void): Db {
  const pool: PostgresPool = {
    async connect() {
      try {
        return fallbackClient(await replica.connect(), primary, onFailure);
      } catch (error) {
        if (!isConnectionFailure(error)) throw error;
        onFailure(error as Error);
        return primary.connect();
      }
    },
    async end() {},
  };
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
