/**
 * One pull of an import source: a run row, the kind's puller, then the failure streak. A paused (or deleted)
 * source never runs, whoever asked. When the streak reaches SOURCE_FAILURE_ALERT_AFTER, ops and admin users
 * get one email; the streak keeps counting (and the source shows as failing) until a pull succeeds.
 */
import type { Config } from '@scorecard/config';
import type { Db } from '@scorecard/db/database';
import { findSource, finishRun, progressRun, startRun, type SourceRow } from '@scorecard/db/sources/sources';
import type { Queues } from '@scorecard/jobs';
import { alertFailingSource } from './failing-alert.ts';
import { pullS3 } from './s3.ts';
import { pullSftp } from './sftp.ts';
import { pullZendesk } from './zendesk.ts';

export interface PullContext {
  db: Db;
  queues: Queues;
  config: Config;
  source: SourceRow;
}

export interface PullCounts {
  itemsFound: number;
  importsCreated: number;
}

export type PullResult =
  | { status: 'skipped'; reason: string }
  | ({ status: 'succeeded' | 'failed'; runId: number; failures: number; error?: string } & PullCounts);

const pullers: Record<string, (context: PullContext, counts: PullCounts) => Promise<void>> = {
  sftp: pullSftp,
  s3: pullS3,
  zendesk: pullZendesk,
};

export async function pullSource(
  deps: { db: Db; queues: Queues; config: Config },
  pull: { sourceId: number; trigger: 'schedule' | 'manual'; jobId: string },
): Promise<PullResult> {
  const { sourceId, trigger, jobId } = pull;
  const source = await findSource(deps.db, sourceId);
  if (!source) return { status: 'skipped', reason: 'deleted' };
  if (!source.enabled) return { status: 'skipped', reason: 'paused' };
  const puller = pullers[source.kind];
  if (!puller) return { status: 'skipped', reason: `unknown kind ${source.kind}` };

  const runId = await startRun(deps.db, { sourceId: source.id, trigger, jobId });
  const counts: PullCounts = { itemsFound: 0, importsCreated: 0 };
  try {
    await puller({ ...deps, source }, counts);
  } catch (error) {
    const message = describe(error);
    await progressRun(deps.db, runId, counts);
    const failures = await finishRun(deps.db, { id: runId, sourceId: source.id, status: 'failed', error: message });
    if (failures === deps.config.sources.failureAlertAfter) {
      await alertFailingSource(deps, source, failures, message);
    }
    return { status: 'failed', runId, failures, error: message, ...counts };
  }
  await progressRun(deps.db, runId, counts);
  await finishRun(deps.db, { id: runId, sourceId: source.id, status: 'succeeded', error: null });
  return { status: 'succeeded', runId, failures: 0, ...counts };
}

/** A message fit for ops: the error's own text, never a stack. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 2000) || 'The pull failed without a message.';
}
