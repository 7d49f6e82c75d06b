import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Serves the built dashboard (apps/web/dist) with a single-page-app fallback, when a build exists. */
export default fp(
  async function web(app: FastifyInstance, options: { distDir: string }) {
    if (!options.distDir) return;
    const root = path.resolve(options.distDir);
    if (!existsSync(path.join(root, 'index.html'))) {
      app.log.warn({ root }, 'no dashboard build found; serving the API only');
      return;
    }
    await app.register(fastifyStatic, { root, wildcard: false, index: 'index.html' });
    app.addHook('onRequest', async (request, reply) => {
      const pathname = request.url.split('?')[0] ?? '/';
      const isAppRoute =
        request.method === 'GET' &&
        !pathname.startsWith('/api') &&
        !pathname.startsWith('/health') &&
        !path.extname(pathname);
      if (isAppRoute) return reply.type('text/html').sendFile('index.html');
    });
  },
  { name: 'web', dependencies: ['errors'] },
);
