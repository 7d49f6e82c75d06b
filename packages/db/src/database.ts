import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.generated.ts';

export type { DB } from './schema.generated.ts';
export type Db = Kysely<DB>;

// int8 ids and counts fit in a double for this product's sizes; dates stay 'YYYY-MM-DD' strings
// so that a week never shifts through a local-time Date.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export interface DbOptions {
  url: string;
  maxConnections?: number;
  applicationName?: string;
  /** How long a new connection may take before the attempt fails (default: as long as the network takes). */
  connectTimeoutMs?: number;
  /**
   * How long a query may go unanswered before it fails (default: no limit): the server cancels it
   * (`statement_timeout`, 57014) and, should the server not answer at all, node-postgres gives up on it
   * ("Query read timeout"; the client must then be destroyed, not reused).
   */
  queryTimeoutMs?: number;
}

export function createPool({
  url,
  maxConnections = 10,
  applicationName = 'scorecard',
  connectTimeoutMs = 0,
  queryTimeoutMs,
}: DbOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    application_name: applicationName,
    connectionTimeoutMillis: connectTimeoutMs,
    ...(queryTimeoutMs === undefined ? {} : { statement_timeout: queryTimeoutMs, query_timeout: queryTimeoutMs }),
  });
  // An idle client whose server connection ends (a restart, a terminated backend) emits 'error' on the pool;
  // without a listener that would crash the process. The pool drops the client and opens a new one on demand.
  pool.on('error', (error) => console.warn(`[db] idle connection closed by the server: ${error.message}`));
  return pool;
}

/** A database and the pool it runs on. */
export interface Database {
  db: Db;
  pool: pg.Pool;
}

export function createDb(options: DbOptions): Database {
  const pool = createPool(options);
  return { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }), pool };
}
