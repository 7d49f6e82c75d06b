/**
 * Which database may answer a read made under given serving generations: the replica once it has replayed
 * the primary's WAL up to the position recorded with them (so it holds every write they count), the primary
 * otherwise: while the replica lags, is paused, is unreachable or is not a standby. Replay only moves
 * forward, so the furthest position seen is remembered and a generation's later reads cost no check.
 * A replica that fails under reads already sent to it (stopped, restarting, connection refused or broken, a
 * read unanswered within DATABASE_READ_TIMEOUT_MS) has each failed query made again on the primary
 * (replica-fallback.ts), and is left alone for a back-off period; the first read after it probes the replica
 * again before sending it anything. A query the standby cancels for a recovery conflict is made again on the
 * primary too, but the replica keeps its reads: the conflict was that query's, the replica is well.
 */
import type { Database, Db } from '@scorecard/db/database';
import type { ServingGenerations } from '@scorecard/db/serving/generations';
import { hasReplayed, lsnValue, readReplay, type Replay } from '@scorecard/db/serving/replica';
import { replicaOnly, replicaWithFallback, type ReplicaFailure } from '@scorecard/db/serving/replica-fallback';
import type { FastifyBaseLogger } from 'fastify';

/** How long a failed replica is read from no more. Long enough not to retry a stopped server per request. */
export const REPLICA_BACK_OFF_MS = 5_000;

export function replicaRouter(
  primary: Database,
  replica: Database | null,
  log: FastifyBaseLogger,
  backOffMs = REPLICA_BACK_OFF_MS,
): (generations: ServingGenerations) => Promise<Db> {
  if (!replica) return async () => primary.db;
  let known: Replay | null = null;
  let downUntil = 0;
  // One warning per back-off period, however many reads were in flight on the replica when it failed.
  const markDown = (error: unknown) => {
    const now = Date.now();
    if (now < downUntil) return;
    downUntil = now + backOffMs;
    // The replica may come back as another server (restored, re-cloned): what it replayed is asked anew.
    known = null;
    log.warn({ err: error }, `read replica failed; reading from the primary for ${backOffMs} ms, then probing it`);
  };
  const onFailure = (error: Error, failure: ReplicaFailure) => {
    if (failure === 'connection') markDown(error);
    else log.warn({ err: error }, 'read replica cancelled a read for a recovery conflict; the primary answered it');
  };
  const reads = replicaWithFallback(replica.pool, primary.pool, onFailure);
  const probe = replicaOnly(replica.pool);
  let checking: Promise<Replay | null> | null = null;
  // One check in flight at a time: any answer it gives was true when it was read, and stays true.
  const check = () =>
    (checking ??= readReplay(probe)
      .then(
        (replay) => {
          if (!replay) log.warn('DATABASE_READ_URL is not a standby in recovery; reading from the primary');
          return replay;
        },
        (error: unknown) => {
          markDown(error);
          return null;
        },
      )
      .finally(() => {
        checking = null;
      }));
  return async (generations) => {
    if (Date.now() < downUntil) return primary.db;
    const inserted = lsnValue(generations.walLsn);
    if (known && hasReplayed(known, inserted)) return reads;
    const now = await check();
    if (now && (!known || now.replayed > known.replayed)) known = now;
    return known && hasReplayed(known, inserted) ? reads : primary.db;
  };
}
