/**
 * `generationReader(db).read()`: the serving generations (packages/db/src/serving/generations.ts) as of a read
 * that started after the call. Callers in the same turn of the event loop share one read, dispatched once the turn
 * is over, so it starts after every one of them; a caller arriving while a read is in flight gets the next
 * one, not that one (it may have been sent before a write the caller has already seen committed). Reads may
 * overlap, so a request waits for one round trip, and under load the counters cost one query per loop turn.
 * The counters are always read from the primary: a replica's could be behind.
 * `app.generations.ofRequest(request)`: one such read per request, shared by the auth hook and the route.
 * `app.generations.freshDb(request)`: the database a route reads its figures from: the read replica when it
 * has replayed every write the request's generations count, the primary otherwise (replica-router.ts).
 */
import { readServingGenerations, type ServingGenerations } from '@scorecard/db/serving/generations';
import type { Db } from '@scorecard/db/database';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { replicaRouter } from './replica-router.ts';

declare module 'fastify' {
  interface FastifyInstance {
    generations: {
      ofRequest(request: FastifyRequest): Promise<ServingGenerations>;
      freshDb(request: FastifyRequest): Promise<Db>;
    };
  }
  interface FastifyRequest {
    servingGenerations: Promise<ServingGenerations> | null;
    freshDb: Promise<Db> | null;
  }
}

const sameCounters = (a: ServingGenerations, b: ServingGenerations) =>
  a.metrics === b.metrics && a.auth === b.auth && a.cases === b.cases;

export function generationReader(db: Db): { read(): Promise<ServingGenerations> } {
  let gathering: Promise<ServingGenerations> | null = null;
  let latest: ServingGenerations | null = null;
  return {
    read() {
      gathering ??= new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        gathering = null;
        const read = await readServingGenerations(db);
        // The same counters keep the WAL position they were first seen at: it covers their writes as well
        // as a later one does, and a fixed target lets a replica catch up with it despite unrelated writes.
        if (latest && sameCounters(latest, read)) return latest;
        latest = read;
        return read;
      });
      return gathering;
    },
  };
}

export default fp(
  async function generations(app: FastifyInstance) {
    const reader = generationReader(app.db);
    const route = replicaRouter(app.databases.primary, app.databases.replica, app.log);
    app.decorateRequest('servingGenerations', null);
    app.decorateRequest('freshDb', null);
    const ofRequest = (request: FastifyRequest) => (request.servingGenerations ??= reader.read());
    app.decorate('generations', {
      ofRequest,
      freshDb: (request: FastifyRequest) => (request.freshDb ??= ofRequest(request).then(route)),
    });
  },
  { name: 'generations', dependencies: ['db'] },
);
