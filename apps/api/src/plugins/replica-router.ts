/**
 * Which database may answer a read made under given serving generations: the replica once it has replayed
 * the primary's WAL up to the position recorded with them (so it holds every write they count), the primary
 * otherwise: while the replica lags, is paused, is unreachable or is not a standby. Replay only moves
 * forward, so the furthest position seen is remembered and a generation's later reads cost no check.
 */
import type { Db } from '@scorecard/db/database';
import type { ServingGenerations } from '@scorecard/db/serving/generations';
import { hasReplayed, lsnValue, readReplay, type Replay } from '@scorecard/db/serving/replica';
import type { FastifyBaseLogger } from 'fastify';

export function replicaRouter(
  primary: Db,
  replica: Db | null,
  log: FastifyBaseLogger,
): (generations: ServingGenerations) => Promise<Db> {
  if (!replica) return async () => primary;
  let known: Replay | null = null;
  let checking: Promise<Replay | null> | null = null;
  // One check in flight at a time: any answer it gives was true when it was read, and stays true.
  const check = () =>
    (checking ??= readReplay(replica)
      .then(
        (replay) => {
          if (!replay) log.warn('DATABASE_READ_URL is not a standby in recovery; reading from the primary');
          return replay;
        },
        (error: unknown) => {
          log.warn({ err: error }, 'read replica unreachable; reading from the primary');
          return null;
        },
      )
      .finally(() => {
        checking = null;
      }));
  return async (generations) => {
    const inserted = lsnValue(generations.walLsn);
    if (known && hasReplayed(known, inserted)) return replica;
    const now = await check();
    if (now && (!known || now.replayed > known.replayed)) known = now;
    return known && hasReplayed(known, inserted) ? replica : primary;
  };
}
