import { findImport, markFailed } from '@scorecard/db/imports/imports';
import { dropStaging } from '@scorecard/db/imports/staging';
import { dropReviewStaging } from '@scorecard/db/quality/review-staging';
import { UnrecoverableError } from 'bullmq';
import type { JobHandler } from '../runtime.ts';
import { runImport } from './run-import.ts';
import { runReviewImport } from './run-review-import.ts';

/** Thin: runs the import; on the last failed attempt the import row is marked failed so it never stays "running". */
export const importFileJob: JobHandler<'import-file'> = async ({ importId }, { db, queues, config, job }) => {
  try {
    const row = await findImport(db, importId);
    if (row?.kind === 'reviews') return await runReviewImport({ db, queues, config }, row);
    return await runImport({ db, queues, config }, importId);
  } catch (error) {
    const attempts = job.opts.attempts ?? 1;
    if (!(error instanceof UnrecoverableError) && job.attemptsMade + 1 >= attempts) {
      await dropStaging(db, importId);
      await dropReviewStaging(db, importId);
      await markFailed(db, importId, `The import failed after ${attempts} attempt(s): ${(error as Error).message}`);
    }
    throw error;
  }
};
