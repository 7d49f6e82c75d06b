import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import Type from 'typebox';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  checks: Type.Optional(Type.Record(Type.String(), Type.String())),
});

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health/live',
    { config: { access: 'public' }, schema: { operationId: 'liveness', tags: ['health'], response: { 200: Health } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/health/ready',
    {
      config: { access: 'public' },
      schema: { operationId: 'readiness', tags: ['health'], response: { 200: Health, 503: Health } },
    },
    async (_request, reply) => {
      const [postgres, redis] = await Promise.all([
        sql`SELECT 1`.execute(app.db).then(
          () => 'ok',
          (error: Error) => `error: ${error.message}`,
        ),
        app.redis.ping().then(
          () => 'ok',
          (error: Error) => `error: ${error.message}`,
        ),
      ]);
      const ok = postgres === 'ok' && redis === 'ok';
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks: { postgres, redis } });
    },
  );
};

export default healthRoutes;
