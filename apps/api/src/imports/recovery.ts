/**
 * Recovering an import that did not finish: a retry of a failed or stranded import (same stored bytes, same
 * mapping snapshot), and the test of "stranded" that lets the same bytes be uploaded again. Stranded means
 * `queued` or `running` while the queue holds no live job for it (a Redis that lost it, a job that gave up).
 */
import { access } from 'node:fs/promises';
import type { Db } from '@scorecard/db/database';
import { markFailed, markRequeued, type ImportRow } from '@scorecard/db/imports/imports';
import { importJobState, requeueImportJob, type Queues } from '@scorecard/jobs';
import { Problem } from '../http/problems.ts';

const UNIQUE_VIOLATION = '23505';

/** Whether an unfinished import has no live job. Never true for a finished import. */
export async function isStranded(queues: Queues, row: ImportRow): Promise<boolean> {
  if (row.status !== 'queued' && row.status !== 'running') return false;
  return !(await importJobState(queues, row.id, row.created_at)).live;
}

/** A stranded import whose bytes are uploaded again gives way: failed, saying why, so the new upload counts. */
export async function supersede(db: Db, row: ImportRow): Promise<void> {
  await markFailed(db, row.id, 'Stranded (its job was lost); the same file was uploaded again as a new import.');
}

/**
 * Queues a failed or stranded import again. Throws Problem 409 when it is finished, still live, its file is
 * gone, or a later import of the same bytes is live; 503 when the queue is unavailable (the import then stays
 * queued and the worker's reconciler starts it once the queue is back).
 */
export async function retryImport(db: Db, queues: Queues, row: ImportRow): Promise<void> {
  if (row.status === 'succeeded' || row.status === 'duplicate') {
    throw new Problem(
      'conflict',
      `Import ${row.id} is ${row.status}; only a failed or stranded import can be retried.`,
    );
  }
  if (row.status !== 'failed' && !(await stillStranded(queues, row))) {
    throw new Problem('conflict', `Import ${row.id} is ${row.status} and its job is live; wait for it to finish.`);
  }
  if (
    !(await access(row.stored_path).then(
      () => true,
      () => false,
    ))
  ) {
    throw new Problem('conflict', `The uploaded file of import ${row.id} is no longer stored; upload it again.`);
  }
  try {
    if (!(await markRequeued(db, row.id))) throw new Problem('conflict', `Import ${row.id} changed; reload it.`);
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    throw new Problem('conflict', `A later import of the same file, read the same way, is live; retry is not needed.`);
  }
  try {
    await requeueImportJob(queues, row.id, row.created_at);
  } catch {
    throw new Problem('unavailable', 'The job queue is unavailable; the import will start when the queue is back.');
  }
}

async function stillStranded(queues: Queues, row: ImportRow): Promise<boolean> {
  try {
    return await isStranded(queues, row);
  } catch {
    throw new Problem('unavailable', 'The job queue is unavailable; try again shortly.');
  }
}
