/**
 * Expired sign-in sessions are refused at once (docs/security.md) but their rows stay until deleted: this job
 * deletes them every hour, at minute 17 (off the hour, away from the other schedulers).
 */
import { deleteExpiredSessions } from '@scorecard/db/auth/sessions';
import { jobs, parsePayload, type JobPayload, type Queues } from '@scorecard/jobs';
import type { JobHandler } from '../runtime.ts';

export const SESSION_PURGE_ID = 'hourly-session-purge';
export const SESSION_PURGE_CRON = '17 * * * *';

/** Idempotent: a second run finds nothing left to delete. */
export const purgeSessionsJob: JobHandler<'purge-sessions'> = async (_payload, { db }) => ({
  deleted: await deleteExpiredSessions(db),
});

/** Idempotent: upserting the stable id replaces the schedule. */
export async function scheduleSessionPurge(queues: Queues) {
  const data: JobPayload<'purge-sessions'> = { reason: 'hourly' };
  parsePayload('purge-sessions', data);
  const { attempts, backoff, removeOnComplete, removeOnFail } = jobs['purge-sessions'].options;
  return queues[jobs['purge-sessions'].queue].upsertJobScheduler(
    SESSION_PURGE_ID,
    { pattern: SESSION_PURGE_CRON },
    { name: 'purge-sessions', data, opts: { attempts, backoff, removeOnComplete, removeOnFail } },
  );
}
