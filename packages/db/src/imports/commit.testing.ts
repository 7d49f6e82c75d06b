/** Staged rows for tests of the import commit, written straight into a new import's staging table. */
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { createStaging, stagingTable } from './staging.ts';

/** A staged row: the columns the final transaction reads; everything else stays NULL. */
export interface Staged {
  line: number;
  id: string;
  vendor: string;
  customer: string | null;
  queue: string | null;
  created: string;
  solved?: string;
  updated?: string;
}

/** A running import numbered `importNo` (unique within its database) and its empty staging table; returns its id. */
export async function createRunningImport(db: Db, importNo: number): Promise<number> {
  const { id } = await db
    .insertInto('imports')
    .values({
      file_name: `f${importNo}.csv`,
      stored_path: '/nowhere',
      file_bytes: 1,
      sha256: String(importNo).padStart(64, '0'),
      mapping_sha256: '0'.repeat(64),
      status: 'running',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await createStaging(db, id);
  return id;
}

/** A running import numbered `importNo` (unique within its database) with `rows` staged; returns its id. */
export async function stageImport(db: Db, importNo: number, rows: readonly Staged[]): Promise<number> {
  const id = await createRunningImport(db, importNo);
  for (const r of rows) {
    await sql`INSERT INTO ${sql.table(stagingTable(id))} (line, source, external_id, vendor_field, vendor_value, channel,
        customer_id, queue, created_at, solved_at, updated_at)
      VALUES (${r.line}, 'generic', ${r.id}, 'vendor', ${r.vendor}, 'email', ${r.customer}, ${r.queue},
        ${r.created}::timestamptz, ${r.solved ?? null}::timestamptz, ${r.updated ?? null}::timestamptz)`.execute(db);
  }
  return id;
}

/** The id of the vendor named `name`. */
export async function vendorIdNamed(db: Db, name: string): Promise<number> {
  const row = await db.selectFrom('vendors').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return row.id;
}
