/**
 * The scheduled alert evaluation (hourly by default, ALERT_EVALUATION_CRON): projections change as the week
 * goes by even when no new data arrives, and the pending period needs a second evaluation.
 */
import { jobs, parsePayload, type JobPayload, type Queues } from '@scorecard/jobs';

export const ALERT_EVALUATION_SCHEDULER_ID = 'alert-evaluation';

/** Idempotent: upserting the stable id replaces the schedule. */
export async function scheduleAlertEvaluation(queues: Queues, cron: string, timeZone: string) {
  const data: JobPayload<'evaluate-alerts'> = { reason: 'scheduled' };
  parsePayload('evaluate-alerts', data);
  const { attempts, backoff, removeOnComplete, removeOnFail } = jobs['evaluate-alerts'].options;
  return queues[jobs['evaluate-alerts'].queue].upsertJobScheduler(
    ALERT_EVALUATION_SCHEDULER_ID,
    { pattern: cron, tz: timeZone },
    { name: 'evaluate-alerts', data, opts: { attempts, backoff, removeOnComplete, removeOnFail } },
  );
}
