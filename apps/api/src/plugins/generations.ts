/**
 * `app.generations.read()`: the serving generations (packages/db/src/serving/generations.ts) as of a read that
 * started after the call. Concurrent callers share reads: while one runs, every new caller waits for the next
 * one (the running read may have started before the caller's request, and could miss a write the caller has
 * already seen committed), so under load the counters cost one query per round trip, not one per request.
 */
import { readServingGenerations, type ServingGenerations } from '@scorecard/db/serving/generations';
import type { Db } from '@scorecard/db/database';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    generations: { read(): Promise<ServingGenerations> };
  }
}

export function generationReader(db: Db): { read(): Promise<ServingGenerations> } {
  let running: Promise<ServingGenerations> | null = null;
  let next: Promise<ServingGenerations> | null = null;
  const start = (): Promise<ServingGenerations> => {
    const read = readServingGenerations(db);
    running = read;
    const settle = () => {
      if (running === read) running = null;
    };
    read.then(settle, settle);
    return read;
  };
  return {
    read() {
      if (running === null) return start();
      next ??= running
        .then(
          () => undefined,
          () => undefined,
        )
        .then(() => {
          next = null;
          return start();
        });
      return next;
    },
  };
}

export default fp(
  async function generations(app: FastifyInstance) {
    app.decorate('generations', generationReader(app.db));
  },
  { name: 'generations', dependencies: ['db'] },
);
