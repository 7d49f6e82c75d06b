/**
 * The nightly recompute: late surveys, reopens and repeat contacts change past weeks, and unanswered async
 * cases pass their SLA with time, so the last 8 weeks are rebuilt every night at 02:30 in the reporting zone.
 */
import { jobs, parsePayload, type JobPayload, type Queues } from '@scorecard/jobs';

export const NIGHTLY_RECOMPUTE_ID = 'nightly-recompute';
export const NIGHTLY_RECOMPUTE_CRON = '30 2 * * *';
export const NIGHTLY_RECOMPUTE_WEEKS = 8;

/** Idempotent: upserting the stable id replaces the schedule (e.g. after the reporting zone changed). */
export async function scheduleNightlyRecompute(queues: Queues, timeZone: string) {
  const data: JobPayload<'recompute'> = {
    scope: { kind: 'recent', weeks: NIGHTLY_RECOMPUTE_WEEKS },
    reason: 'nightly',
  };
  parsePayload('recompute', data);
  const { attempts, backoff, removeOnComplete, removeOnFail } = jobs.recompute.options;
  return queues[jobs.recompute.queue].upsertJobScheduler(
    NIGHTLY_RECOMPUTE_ID,
    { pattern: NIGHTLY_RECOMPUTE_CRON, tz: timeZone },
    { name: 'recompute', data, opts: { attempts, backoff, removeOnComplete, removeOnFail } },
  );
}
