/**
 * `generationReader(db).read()`: the serving generations (packages/db/src/serving/generations.ts) as of a read
 * that started after the call. Callers in the same turn of the event loop share one read, dispatched once the turn
 * is over, so it starts after every one of them; a caller arriving while a read is in flight gets the next
 * one, not that one (it may have been sent before a write the caller has already seen committed). Reads may
 * overlap, so a request waits for one round trip, and under load the counters cost one query per loop turn.
 * `app.generations.ofRequest(request)`: one such read per request, shared by the auth hook and the route.
 */
import { readServingGenerations, type ServingGenerations } from '@scorecard/db/serving/generations';
import type { Db } from '@scorecard/db/database';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    generations: {
      ofRequest(request: FastifyRequest): Promise<ServingGenerations>;
    };
  }
  interface FastifyRequest {
    servingGenerations: Promise<ServingGenerations> | null;
  }
}

export function generationReader(db: Db): { read(): Promise<ServingGenerations> } {
  let gathering: Promise<ServingGenerations> | null = null;
  return {
    read() {
      gathering ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        gathering = null;
        return readServingGenerations(db);
      });
      return gathering;
    },
  };
}

export default fp(
  async function generations(app: FastifyInstance) {
    const reader = generationReader(app.db);
    app.decorateRequest('servingGenerations', null);
    app.decorate('generations', {
      ofRequest: (request: FastifyRequest) => (request.servingGenerations ??= reader.read()),
    });
  },
  { name: 'generations', dependencies: ['db'] },
);
