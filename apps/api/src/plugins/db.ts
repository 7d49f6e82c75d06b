/**
 * `app.db`: the primary, for every write and every read that must see its own write. `app.databases`: the
 * primary's and the read replica's (`DATABASE_READ_URL`, or null) databases with their pools; routes reach
 * the replica only through `app.generations.freshDb`, which hands it out once it has replayed what the
 * request must see, and falls back to the primary when it fails (docs/scaling.md "Read replicas").
 */
import type { Config } from '@scorecard/config';
import { createDb, type Database, type Db } from '@scorecard/db/database';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    databases: { primary: Database; replica: Database | null };
  }
}

/** A replica that does not answer a connection attempt within this long is taken as down. */
const REPLICA_CONNECT_TIMEOUT_MS = 2_000;

export default fp(
  async function db(app: FastifyInstance, options: Config['db']) {
    const primary = createDb({ url: options.url, applicationName: 'scorecard-api' });
    const replica = options.readUrl
      ? createDb({
          url: options.readUrl,
          applicationName: 'scorecard-api-read',
          connectTimeoutMs: REPLICA_CONNECT_TIMEOUT_MS,
          queryTimeoutMs: options.readTimeoutMs,
        })
      : null;
    app.decorate('db', primary.db);
    app.decorate('databases', { primary, replica });
    app.addHook('onClose', async () => {
      await Promise.all([primary.db.destroy(), replica?.db.destroy()]);
    });
  },
  { name: 'db' },
);
