/**
 * Admission control (docs/security.md "Admission control"): at most `HTTP_MAX_IN_FLIGHT` requests are
 * handled at once by this process; one more is answered at once with 503 and `Retry-After`, instead of
 * joining a queue that makes every caller wait (1,000 connections gave the scorecard a p99 of 4.8 s).
 * The liveness probe is never refused, so a busy process is not mistaken for a dead one.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sendProblem } from './errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** How many admitted requests are in flight now (read by the tests and nothing else). */
    admission: { readonly inFlight: number };
  }
}

/** A refused caller retries after this long; the requests in flight finish within milliseconds. */
export const RETRY_AFTER_SECONDS = 1;
const ALWAYS_ADMITTED = new Set(['/health/live']);

export default fp(
  async function admission(app: FastifyInstance) {
    const maxInFlight = app.config.http.maxInFlight;
    let inFlight = 0;
    app.decorate('admission', {
      get inFlight() {
        return inFlight;
      },
    });

    app.addHook('onRequest', async (request, reply) => {
      if (ALWAYS_ADMITTED.has(request.url)) return;
      if (inFlight >= maxInFlight) {
        reply.header('retry-after', String(RETRY_AFTER_SECONDS));
        return sendProblem(
          reply,
          request,
          'overloaded',
          `The server is handling ${maxInFlight} requests; try again in ${RETRY_AFTER_SECONDS} s.`,
        );
      }
      inFlight += 1;
      // The response's 'close' comes exactly once for every response: sent, failed, or its client gone.
      // onResponse and onRequestAbort miss a client that leaves after its body was read: the answer is then
      // written to a closed socket, never finishes, and the request is not aborted (it was complete).
      reply.raw.once('close', () => {
        inFlight -= 1;
      });
    });
  },
  { name: 'admission', dependencies: ['errors'] },
);
