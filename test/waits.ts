/** Waiting, in tests, for another process or transaction to reach a state. */
import { sql } from 'kysely';
import { setTimeout as delay } from 'node:timers/promises';
import type { Db } from '../packages/db/src/database.ts';

/** Polls `check` until it holds; throws naming `what` once `timeoutMs` has passed without it. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await delay(20);
  }
}

/** Backends of `db`'s database waiting for a lock. */
export async function backendsWaitingForLocks(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db);
  return rows[0]!.n;
}
