import type { JobHandler } from '../runtime.ts';
import { pullSource } from './pull.ts';

/** Thin: one pull; a failed pull is recorded on the source (its streak), not thrown, so BullMQ does not retry it. */
export const pullSourceJob: JobHandler<'pull-source'> = async ({ sourceId, trigger }, { db, queues, config, job }) =>
  pullSource({ db, queues, config }, { sourceId, trigger, jobId: job.id ?? `${job.name}-${job.timestamp}` });
