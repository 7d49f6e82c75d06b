/**
 * Archiving, restoring and deleting vendors (docs/definitions.md "Archived vendors"). Which weeks list an
 * archived vendor is a domain rule (packages/domain/src/vendors/archive.ts); this module reads what it needs.
 */
import { listedInWeek } from '@scorecard/domain/vendors/archive';
import type { WeekStart } from '@scorecard/domain/weeks';
import { sql } from 'kysely';
import type { Db } from '../database.ts';

/** Whether each vendor is on the scorecard of `week`: every vendor but those archived before or in it. */
export async function listedVendorsOf(db: Db, week: WeekStart): Promise<(vendorId: number) => boolean> {
  const [archived, settings] = await Promise.all([
    db.selectFrom('vendors').select(['id', 'archived_at']).where('archived_at', 'is not', null).execute(),
    db.selectFrom('organisation_settings').select('reporting_time_zone').executeTakeFirst(),
  ]);
  const zone = settings?.reporting_time_zone ?? 'UTC';
  const unlisted = new Set(archived.filter((v) => !listedInWeek(v.archived_at, week, zone)).map((v) => v.id));
  return (vendorId) => !unlisted.has(vendorId);
}

/** Archives (keeping the first archiving time when archived twice) or restores; false when there is no vendor. */
export async function setVendorArchived(db: Db, id: number, archived: boolean): Promise<boolean> {
  const result = await db
    .updateTable('vendors')
    .set((eb) => ({ archived_at: archived ? eb.fn.coalesce('archived_at', sql<Date>`now()`) : null }))
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Configuration that goes with a vendor when it is deleted: its report schedule and the mappings that name it
 * (with no cases of the vendor, a mapping attributes nothing). Every other table that refers to a vendor holds
 * data or access (cases, imports, plans, terms, users, tokens, …) and blocks the delete.
 */
const DELETED_WITH_VENDOR = new Set(['report_schedules', 'vendor_mappings']);

export type DeleteVendorResult =
  | { deleted: true }
  | { deleted: false; reason: 'not-found' }
  | {
      deleted: false;
      reason: 'in-use';
      /** Tables with rows that refer to the vendor. */
      heldBy: string[];
    };

/**
 * Deletes the vendor only when nothing but its configuration refers to it. The tables are read from the
 * catalogue, so a table added later blocks the delete without a change here. The vendor row is locked first:
 * an import attributing cases to it waits, and then fails on the vendor check, never loses rows.
 */
export async function deleteUnusedVendor(db: Db, id: number): Promise<DeleteVendorResult> {
  return db.transaction().execute(async (trx) => {
    const vendor = await trx.selectFrom('vendors').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    if (!vendor) return { deleted: false, reason: 'not-found' } as const;
    // Every table with a vendor_id column: foreign keys and the trigger that stands in for cases' (0008).
    const tables = await sql<{ table_name: string }>`
      SELECT c.table_name FROM information_schema.columns c
      JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = current_schema() AND c.column_name = 'vendor_id' AND t.table_type = 'BASE TABLE'
      ORDER BY 1`.execute(trx);
    const heldBy: string[] = [];
    for (const { table_name: table } of tables.rows) {
      if (DELETED_WITH_VENDOR.has(table)) continue;
      const found = await sql<{ found: boolean }>`
        SELECT EXISTS (SELECT 1 FROM ${sql.table(table)} WHERE vendor_id = ${id}) AS found`.execute(trx);
      if (found.rows[0]?.found) heldBy.push(table);
    }
    if (heldBy.length > 0) return { deleted: false, reason: 'in-use', heldBy } as const;
    await trx.deleteFrom('report_schedules').where('vendor_id', '=', id).execute();
    await trx.deleteFrom('vendor_mappings').where('vendor_id', '=', id).execute();
    await trx.deleteFrom('vendors').where('id', '=', id).execute();
    return { deleted: true } as const;
  });
}

/** The vendor's name and archiving time, or undefined when there is no such vendor. */
export async function findVendorArchiveState(
  db: Db,
  id: number,
): Promise<{ name: string; archivedAt: Date | null } | undefined> {
  const row = await db.selectFrom('vendors').select(['name', 'archived_at']).where('id', '=', id).executeTakeFirst();
  return row && { name: row.name, archivedAt: row.archived_at };
}
