import { closeQueues, createQueues, redisConnection, type Queues } from '@scorecard/jobs';
import type { FastifyInstance } from 'fastify';
import { once } from 'node:events';
import { setTimeout } from 'node:timers/promises';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';

const REDIS_CONNECT_WAIT_MS = 2_000;

declare module 'fastify' {
  interface FastifyInstance {
    queues: Queues;
    /** A fail-fast client for readiness checks and short reads (progress); BullMQ keeps its own connections. */
    redis: Redis;
  }
}

export default fp(
  async function queues(app: FastifyInstance, options: { redisUrl: string; prefix: string }) {
    const connection = redisConnection(options.redisUrl, 'producer');
    const queues = createQueues(connection, options.prefix);
    const redis = new Redis({ ...(connection as object), lazyConnect: false });
    redis.on('error', (error) => app.log.warn({ err: error }, 'redis error'));
    // Start answering even when Redis is down (readiness then says so), but not before a first try.
    await Promise.race([once(redis, 'ready'), setTimeout(REDIS_CONNECT_WAIT_MS)]).catch(() => undefined);
    app.decorate('queues', queues);
    app.decorate('redis', redis);
    app.addHook('onClose', async () => {
      await closeQueues(queues);
      redis.disconnect();
    });
  },
  { name: 'queues' },
);
