/**
 * The import reconciler: an import left `queued` or `running` whose job Redis no longer holds (a Redis restart
 * without persistence, a job removed) is queued again; one whose job gave up without saying so (a worker killed
 * on its last attempt) is marked failed with the job's reason, for a person to retry. Runs when the worker
 * starts, when its Redis connection comes back after a loss, and on a Job Scheduler every
 * IMPORT_RECONCILE_INTERVAL_MS.
 */
import { access } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import type { Db } from '@scorecard/db/database';
import { listUnfinished, markFailed } from '@scorecard/db/imports/imports';
import {
  importJobIds,
  importJobState,
  jobs,
  requeueImportJob,
  scheduleImportReconciler,
  type Queues,
} from '@scorecard/jobs';
import type { JobHandler } from '../runtime.ts';

export interface ReconcileSummary {
  checked: number;
  requeued: number;
  failed: number;
}

/** Never throws for one import's trouble alone: each is looked at on its own. */
export async function reconcileImports(db: Db, queues: Queues): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = { checked: 0, requeued: 0, failed: 0 };
  for (const row of await listUnfinished(db)) {
    summary.checked += 1;
    const { state, live } = await importJobState(queues, row.id, row.created_at);
    if (live) continue;
    if (state === 'failed') {
      const job = await queues[jobs['import-file'].queue].getJob(importJobIds(row.id, row.created_at).importFile);
      await markFailed(db, row.id, `The import's job gave up: ${job?.failedReason ?? 'no reason recorded'}.`);
      summary.failed += 1;
    } else if (!(await exists(row.stored_path))) {
      await markFailed(
        db,
        row.id,
        'The import was stranded and its uploaded file is no longer stored; upload it again.',
      );
      summary.failed += 1;
    } else if ((await requeueImportJob(queues, row.id, row.created_at)) === 'queued') {
      summary.requeued += 1;
    }
  }
  return summary;
}

export const reconcileImportsJob: JobHandler<'reconcile-imports'> = async (_payload, { db, queues }) =>
  reconcileImports(db, queues);

/**
 * Runs a pass now and keeps the schedule. A Redis that restarts empty loses the scheduler too, so whenever the
 * connection closes, passes (each upserting the scheduler first) are tried every `retryMs` until one succeeds,
 * that is, once Redis is back. Returns a function that stops it.
 */
export async function startImportReconciler(
  db: Db,
  queues: Queues,
  everyMs: number,
  log: (message: string) => void = () => undefined,
  retryMs = 1_000,
): Promise<() => void> {
  let stopped = false;
  let retrying = false;
  const pass = async (): Promise<boolean> => {
    try {
      await scheduleImportReconciler(queues, everyMs);
      const { checked, requeued, failed } = await reconcileImports(db, queues);
      if (requeued || failed) log(`imports reconciled: ${checked} unfinished, ${requeued} requeued, ${failed} failed`);
      return true;
    } catch (error) {
      log(`import reconciliation failed: ${(error as Error).message}`);
      return false;
    }
  };
  const retryUntilBack = async () => {
    if (retrying) return;
    retrying = true;
    while (!stopped && !(await pass())) await delay(retryMs);
    retrying = false;
  };
  const queue = queues[jobs['reconcile-imports'].queue];
  const onClose = () => void retryUntilBack();
  queue.on('ioredis:close', onClose);
  if (!(await pass())) void retryUntilBack();
  return () => {
    stopped = true;
    queue.off('ioredis:close', onClose);
  };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
