/**
 * The serving generations (migrations/0010_api_speed.sql): counters that triggers bump in the same transaction
 * as every write to what the API caches, so a cached value stored under the generation read before it was
 * computed is never newer-looking than the data behind it.
 */
import { sql } from 'kysely';
import type { Db } from '../database.ts';

export interface ServingGenerations {
  metrics: number;
  auth: number;
  /** Every write to `cases` (migrations/0013_serving_cases.sql). */
  cases: number;
  /**
   * The primary's WAL insert position (`pg_current_wal_insert_lsn()`) taken by the statement that read the
   * counters, after its snapshot: every commit that snapshot sees ends at or before it, so a replica that has
   * replayed up to it has every write these counters count (docs/scaling.md "Read replicas").
   */
  walLsn: string;
}

export async function readServingGenerations(db: Db): Promise<ServingGenerations> {
  const rows = await db
    .selectFrom('serving_generations')
    .select(['name', 'generation', sql<string>`pg_current_wal_insert_lsn()::text`.as('walLsn')])
    .execute();
  const of = (name: string) => rows.find((r) => r.name === name)?.generation ?? 0;
  return {
    metrics: Number(of('metrics')),
    auth: Number(of('auth')),
    cases: Number(of('cases')),
    walLsn: rows[0]?.walLsn ?? '0/0',
  };
}

/**
 * One stamp for everything the metric reads depend on (stored metrics and the cases themselves). Both
 * counters only grow and every such write bumps one, so of two reads the later one never has a lower sum, and
 * an equal sum means neither counter moved.
 */
export function dataGeneration(generations: ServingGenerations): number {
  return generations.metrics + generations.cases;
}
