import { UnrecoverableError } from 'bullmq';
import type { JobHandler } from '../runtime.ts';
import { PermanentReportError, sendReport } from './send-report.ts';

/**
 * Thin: a scheduler-made job reports the week before the instant it was scheduled for (`prevMillis`), not
 * the instant it happens to run, so a late or retried run still reports the right week.
 */
export const sendReportJob: JobHandler<'send-report'> = async (payload, { db, config, job }) => {
  const firedAt = new Date(job.opts.prevMillis ?? job.timestamp);
  try {
    return await sendReport(db, config, { ...payload, firedAt });
  } catch (error) {
    if (error instanceof PermanentReportError) throw new UnrecoverableError(error.message);
    throw error;
  }
};
