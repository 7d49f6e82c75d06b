/**
 * Queue monitoring for admins: bull-board over every queue of `app.queues`, at `/api/admin/queues`.
 *
 * Encapsulated on purpose (no fastify-plugin): bull-board registers its own routes, which cannot declare
 * `config.access`, so this context sets `routeAccess` to 'admin' for all of them (read by the auth plugin's
 * `onRoute` hook, which also lists them in the route table). The auth plugin's `onRequest` hook therefore
 * applies as on any admin route: 401 without a principal, 403 for other roles, and the CSRF check on the
 * board's state-changing routes (retry, clean, pause…) made with a session cookie.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';

export const QUEUE_BOARD_PREFIX = '/api/admin/queues';

export default async function queueBoard(app: FastifyInstance) {
  app.decorate('routeAccess', 'admin' as const);

  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PREFIX);
  createBullBoard({
    queues: Object.values(app.queues).map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Scorecard queues' } },
  });
  // bull-board answers errors with their message (and, in development, the stack). Rethrowing hands
  // them to the parent handler instead (plugins/errors.ts): the auth refusals raised in `onRequest`
  // become 401/403 problem documents, and a failure inside the board a 500 that reveals nothing.
  serverAdapter.setErrorHandler((error) => {
    throw error;
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: QUEUE_BOARD_PREFIX });
}
