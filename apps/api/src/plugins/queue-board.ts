/**
 * Queue monitoring for admins: bull-board over every queue of `app.queues`, at `/api/admin/queues`.
 *
 * Encapsulated on purpose (no fastify-plugin): bull-board registers its own routes, which cannot declare
 * `config.access`, so this context sets `routeAccess` to 'admin' for all of them (read by the auth plugin's
 * `onRoute` hook, which also lists them in the route table). The auth plugin's `onRequest` hook therefore
 * applies as on any admin route: 401 without a principal, 403 for other roles, and the CSRF check on the
 * board's state-changing routes (retry, clean, pause…) made with a session cookie. The board's own page cannot
 * send our CSRF header, so its buttons prove their origin with the browser's Fetch Metadata instead
 * (`Sec-Fetch-Site: same-origin`, `routeCsrfProof`); a token still works.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import { problemCodes, problemType, type ProblemCode } from '../http/problems.ts';

export const QUEUE_BOARD_PREFIX = '/api/admin/queues';

export default async function queueBoard(app: FastifyInstance) {
  app.decorate('routeAccess', 'admin' as const);
  app.decorate('routeCsrfProof', 'token-or-same-origin' as const);

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
  // bull-board's own refusals (unknown queue or job, bad status) are `{ error, message }` JSON: answered as
  // problem documents like every API error, keeping its fields as extensions for its UI.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode < 400 || String(reply.getHeader('content-type')).includes('application/problem+json')) {
      return payload;
    }
    const code = problemCodeFor(reply.statusCode);
    const board = parseObject(payload);
    reply.type('application/problem+json');
    return JSON.stringify({
      ...board,
      type: problemType(code),
      title: problemCodes[code].title,
      status: reply.statusCode,
      detail: typeof board.message === 'string' ? board.message : problemCodes[code].title,
      instance: request.url,
    });
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: QUEUE_BOARD_PREFIX });
}

function problemCodeFor(status: number): ProblemCode {
  const entry = Object.entries(problemCodes).find(([, value]) => value.status === status);
  return (entry?.[0] as ProblemCode | undefined) ?? (status >= 500 ? 'internal' : 'bad-request');
}

function parseObject(payload: unknown): Record<string, unknown> {
  try {
    const parsed: unknown = typeof payload === 'string' ? JSON.parse(payload) : null;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
