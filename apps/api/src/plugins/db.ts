import { createDb, type Db } from '@scorecard/db/database';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

export default fp(
  async function db(app: FastifyInstance, options: { url: string }) {
    const { db } = createDb({ url: options.url, applicationName: 'scorecard-api' });
    app.decorate('db', db);
    app.addHook('onClose', async () => db.destroy());
  },
  { name: 'db' },
);
