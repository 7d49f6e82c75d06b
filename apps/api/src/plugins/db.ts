/**
 * `app.db`: the primary, for every write and every read that must see its own write. `app.replicaDb`: the
 * read replica (`DATABASE_READ_URL`), or null; routes reach it only through `app.generations.freshDb`, which
 * hands it out once it has replayed what the request must see (docs/scaling.md "Read replicas").
 */
import { createDb, type Db } from '@scorecard/db/database';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    replicaDb: Db | null;
  }
}

export default fp(
  async function db(app: FastifyInstance, options: { url: string; readUrl: string | null }) {
    const { db } = createDb({ url: options.url, applicationName: 'scorecard-api' });
    const replica = options.readUrl ? createDb({ url: options.readUrl, applicationName: 'scorecard-api-read' }) : null;
    app.decorate('db', db);
    app.decorate('replicaDb', replica?.db ?? null);
    app.addHook('onClose', async () => {
      await Promise.all([db.destroy(), replica?.db.destroy()]);
    });
  },
  { name: 'db' },
);
