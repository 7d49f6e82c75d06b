/**
 * The serving generations (migrations/0010_api_speed.sql): counters that triggers bump in the same transaction
 * as every write to what the API caches, so a cached value stored under the generation read before it was
 * computed is never newer-looking than the data behind it.
 */
import type { Db } from '../database.ts';

export interface ServingGenerations {
  metrics: number;
  auth: number;
}

export async function readServingGenerations(db: Db): Promise<ServingGenerations> {
  const rows = await db.selectFrom('serving_generations').select(['name', 'generation']).execute();
  const of = (name: string) => rows.find((r) => r.name === name)?.generation ?? 0;
  return { metrics: Number(of('metrics')), auth: Number(of('auth')) };
}
