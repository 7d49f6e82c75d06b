/**
 * Import sources, their pulled items and their runs (migrations/0018_import_sources.sql). Query functions
 * shared by the API (configuration) and the worker (pulls). Secrets only ever pass through here sealed.
 */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../database.ts';
import type { ImportSources } from '../schema.generated.ts';

export type SourceRow = Selectable<ImportSources>;
export type NewSource = Pick<
  Insertable<ImportSources>,
  'name' | 'kind' | 'settings' | 'preset_key' | 'time_zone' | 'cron' | 'schedule_time_zone' | 'enabled'
>;
export type SourceChange = Pick<
  Updateable<ImportSources>,
  'name' | 'settings' | 'preset_key' | 'time_zone' | 'cron' | 'schedule_time_zone' | 'enabled'
>;

export interface SourceRun {
  id: number;
  sourceId: number;
  trigger: string;
  status: string;
  itemsFound: number;
  importsCreated: number;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export async function listSources(db: Db): Promise<SourceRow[]> {
  return db.selectFrom('import_sources').selectAll().orderBy('name').execute();
}

export async function findSource(db: Db, id: number): Promise<SourceRow | undefined> {
  return db.selectFrom('import_sources').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertSource(db: Db, row: NewSource): Promise<SourceRow> {
  return db.insertInto('import_sources').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateSource(db: Db, id: number, change: SourceChange): Promise<SourceRow | undefined> {
  return db
    .updateTable('import_sources')
    .set({ ...change, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** The sealed envelope (secret-box.ts) of the source's secrets; the only writer of `secret_ciphertext`. */
export async function storeSealedSecret(db: Db, id: number, envelope: string): Promise<void> {
  await db.updateTable('import_sources').set({ secret_ciphertext: envelope }).where('id', '=', id).execute();
}

export async function deleteSource(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('import_sources').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Whether this file or page was handed to the pipeline already (a cheap check before a download). */
export async function findItem(db: Db, sourceId: number, itemKey: string) {
  return db
    .selectFrom('import_source_items')
    .selectAll()
    .where('source_id', '=', sourceId)
    .where('item_key', '=', itemKey)
    .executeTakeFirst();
}

/**
 * Records that `itemKey` is imported by `importId`, in the caller's transaction (the one that creates the
 * import). Returns false when another pull recorded it first: the unique key decides, so the caller rolls back.
 */
export async function claimItem(
  db: Db,
  item: {
    sourceId: number;
    itemKey: string;
    importId: number;
    sha256: string;
    nextCursor: string | null;
    endOfStream: boolean | null;
  },
): Promise<boolean> {
  const row = await db
    .insertInto('import_source_items')
    .values({
      source_id: item.sourceId,
      item_key: item.itemKey,
      import_id: item.importId,
      sha256: item.sha256,
      next_cursor: item.nextCursor,
      end_of_stream: item.endOfStream,
    })
    .onConflict((oc) => oc.columns(['source_id', 'item_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * A Zendesk page's cases are committed: the source's cursor moves to the page's `after_cursor`, if the source
 * still stands at the cursor the page was requested with (compare-and-set: a slower pull never moves it back).
 */
export async function advanceCursor(
  db: Db,
  page: { sourceId: number; fromCursor: string | null; nextCursor: string },
): Promise<boolean> {
  const moved = await db
    .updateTable('import_sources')
    .set({ cursor: page.nextCursor })
    .where('id', '=', page.sourceId)
    .where(sql<boolean>`cursor IS NOT DISTINCT FROM ${page.fromCursor}`)
    .executeTakeFirst();
  return moved.numUpdatedRows > 0n;
}

/** The run of BullMQ job `jobId`: created, or (a pull taken over after its worker died) started again. */
export async function startRun(
  db: Db,
  run: { sourceId: number; trigger: 'schedule' | 'manual'; jobId: string },
): Promise<number> {
  const row = await db
    .insertInto('import_source_runs')
    .values({ source_id: run.sourceId, trigger: run.trigger, job_id: run.jobId })
    .onConflict((oc) => oc.column('job_id').doUpdateSet({ status: 'running', error: null, finished_at: null }))
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('import_sources').set({ last_run_at: new Date() }).where('id', '=', run.sourceId).execute();
  return row.id;
}

export async function progressRun(db: Db, runId: number, counts: { itemsFound: number; importsCreated: number }) {
  await db
    .updateTable('import_source_runs')
    .set({ items_found: counts.itemsFound, imports_created: counts.importsCreated })
    .where('id', '=', runId)
    .execute();
}

/**
 * Ends a run and keeps the source's failure streak: reset by a success, one more for a failure.
 * Returns the streak after this run.
 */
export async function finishRun(
  db: Db,
  run: { id: number; sourceId: number; status: 'succeeded' | 'failed'; error: string | null },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('import_source_runs')
      .set({ status: run.status, error: run.error, finished_at: new Date() })
      .where('id', '=', run.id)
      .execute();
    const source = await trx
      .updateTable('import_sources')
      .set(
        run.status === 'succeeded'
          ? { consecutive_failures: 0, last_error: null, last_success_at: new Date() }
          : { consecutive_failures: sql`consecutive_failures + 1`, last_error: run.error },
      )
      .where('id', '=', run.sourceId)
      .returning('consecutive_failures')
      .executeTakeFirst();
    return source?.consecutive_failures ?? 0;
  });
}

export async function listRuns(db: Db, sourceId: number, limit: number): Promise<SourceRun[]> {
  const rows = await db
    .selectFrom('import_source_runs')
    .selectAll()
    .where('source_id', '=', sourceId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    sourceId: r.source_id,
    trigger: r.trigger,
    status: r.status,
    itemsFound: r.items_found,
    importsCreated: r.imports_created,
    error: r.error,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  }));
}

/** The imports a source created, newest first, with the item each came from. */
export async function listSourceImports(db: Db, sourceId: number, limit: number) {
  return db
    .selectFrom('import_source_items as i')
    .innerJoin('imports as m', 'm.id', 'i.import_id')
    .select([
      'i.item_key',
      'i.created_at as pulled_at',
      'm.id',
      'm.file_name',
      'm.status',
      'm.rows_read',
      'm.rows_loaded',
      'm.rows_replaced',
      'm.rows_skipped',
      'm.rows_rejected',
      'm.error',
    ])
    .where('i.source_id', '=', sourceId)
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute();
}

/** Ops and admin users who are not disabled: who hears about a failing source. */
export async function opsRecipients(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('email')
    .where('role', 'in', ['ops', 'admin'])
    .where('disabled_at', 'is', null)
    .orderBy('email')
    .execute();
  return rows.map((r) => r.email);
}
