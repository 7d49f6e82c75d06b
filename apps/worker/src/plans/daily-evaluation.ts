/**
 * The daily plan evaluation: "missed" depends on the date, not on new data, so every active plan is decided
 * once a day, at 03:00 in the reporting zone (after the nightly recompute at 02:30).
 */
import { jobs, parsePayload, type JobPayload, type Queues } from '@scorecard/jobs';

export const DAILY_PLAN_EVALUATION_ID = 'daily-plan-evaluation';
export const DAILY_PLAN_EVALUATION_CRON = '0 3 * * *';

/** Idempotent: upserting the stable id replaces the schedule. */
export async function scheduleDailyPlanEvaluation(queues: Queues, timeZone: string) {
  const data: JobPayload<'evaluate-plans'> = { reason: 'daily' };
  parsePayload('evaluate-plans', data);
  const { attempts, backoff, removeOnComplete, removeOnFail } = jobs['evaluate-plans'].options;
  return queues[jobs['evaluate-plans'].queue].upsertJobScheduler(
    DAILY_PLAN_EVALUATION_ID,
    { pattern: DAILY_PLAN_EVALUATION_CRON, tz: timeZone },
    { name: 'evaluate-plans', data, opts: { attempts, backoff, removeOnComplete, removeOnFail } },
  );
}
