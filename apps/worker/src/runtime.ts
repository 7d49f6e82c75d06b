/**
 * Starts one BullMQ Worker per queue and dispatches each job to its handler by name.
 * Payloads are parsed against the job registry first; an invalid payload is unrecoverable.
 */
import type { Config } from '@scorecard/config';
import { createDb, type Db } from '@scorecard/db/database';
import {
  closeQueues,
  createQueues,
  InvalidJobPayload,
  jobs,
  parsePayload,
  QUEUE_NAMES,
  redisConnection,
  type JobName,
  type JobPayload,
  type Queues,
} from '@scorecard/jobs';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { handlers } from './handlers.ts';

export interface JobContext {
  db: Db;
  queues: Queues;
  config: Config;
  job: Job;
}

export type JobHandler<N extends JobName> = (payload: JobPayload<N>, context: JobContext) => Promise<unknown>;
export type HandlerTable = { [N in JobName]: JobHandler<N> };

export interface WorkerRuntime {
  db: Db;
  queues: Queues;
  workers: Worker[];
  close(): Promise<void>;
}

export function startWorkers(config: Config, table: HandlerTable = handlers): WorkerRuntime {
  const missing = (Object.keys(jobs) as JobName[]).filter((name) => typeof table[name] !== 'function');
  if (missing.length) throw new Error(`No handler for job(s): ${missing.join(', ')}`);

  const { db } = createDb({ url: config.db.url, applicationName: 'scorecard-worker' });
  const queues = createQueues(redisConnection(config.redis.url, 'producer'), config.redis.queuePrefix);
  const workers = QUEUE_NAMES.map(
    (queueName) =>
      new Worker(
        queueName,
        async (job) => {
          const name = job.name as JobName;
          if (!(name in jobs) || jobs[name].queue !== queueName) {
            throw new UnrecoverableError(`Unknown job ${job.name} on queue ${queueName}`);
          }
          let payload: JobPayload<typeof name>;
          try {
            payload = parsePayload(name, job.data);
          } catch (error) {
            if (error instanceof InvalidJobPayload) throw new UnrecoverableError(error.message);
            throw error;
          }
          const handler = table[name] as JobHandler<typeof name>;
          return handler(payload, { db, queues, config, job });
        },
        {
          connection: redisConnection(config.redis.url, 'worker'),
          prefix: config.redis.queuePrefix,
          concurrency: config.worker.concurrency,
          lockDuration: config.worker.lockMs,
          stalledInterval: config.worker.stalledIntervalMs,
        },
      ),
  );

  return {
    db,
    queues,
    workers,
    // Order matters: stop taking jobs, then close producers, then the database.
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await closeQueues(queues);
      await db.destroy();
    },
  };
}
