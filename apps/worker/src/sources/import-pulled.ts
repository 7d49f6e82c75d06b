/**
 * Hands one pulled file to the import pipeline exactly as an upload is handed: the same import row, identity
 * (file sha-256 + mapping sha-256), duplicate detection and `import-file` job. The source item is recorded in
 * the same transaction as the import row, so the unique (source, item) key decides which of two racing pulls
 * imports a file; the loser rolls back and creates nothing.
 */
import { rm } from 'node:fs/promises';
import type { Db } from '@scorecard/db/database';
import {
  findImport,
  findLiveImport,
  insertDuplicate,
  insertImport,
  type ImportRow,
  type NewImport,
} from '@scorecard/db/imports/imports';
import { findPreset } from '@scorecard/db/imports/presets';
import { claimItem, type SourceRow } from '@scorecard/db/sources/sources';
import { mappingSha256 } from '@scorecard/domain/mapping/identity';
import { enqueue, importJobIds, type Queues } from '@scorecard/jobs';
import type { StoredFile } from './stored-file.ts';

const UNIQUE_VIOLATION = '23505';

export type PulledOutcome =
  | { kind: 'queued'; importId: number }
  | { kind: 'duplicate'; importId: number; duplicateOf: number }
  // Another pull recorded this item first; nothing was created.
  | { kind: 'taken' };

export class SourceConfigurationError extends Error {
  override name = 'SourceConfigurationError';
}

export async function importPulledFile(
  deps: { db: Db; queues: Queues },
  source: SourceRow,
  itemKey: string,
  file: StoredFile,
  page: { nextCursor: string | null; endOfStream: boolean } | null = null,
): Promise<PulledOutcome> {
  const preset = await findPreset(deps.db, source.preset_key);
  if (!preset) {
    await rm(file.storedPath, { force: true });
    throw new SourceConfigurationError(`The source's preset "${source.preset_key}" does not exist.`);
  }
  const row: NewImport = {
    file_name: file.fileName,
    stored_path: file.storedPath,
    file_bytes: file.bytes,
    sha256: file.sha256,
    mapping_sha256: mappingSha256(preset.document, source.time_zone),
    source: preset.document.source,
    preset_key: preset.key,
    preset_version: preset.version,
    mapping: JSON.stringify(preset.document),
    source_time_zone: source.time_zone,
  };
  type Recorded = Exclude<PulledOutcome, { kind: 'taken' }>;
  const record = (): Promise<Recorded> =>
    deps.db.transaction().execute(async (trx) => {
      const earlier = await findLiveImport(trx, { sha256: row.sha256, mappingSha256: row.mapping_sha256 });
      let created: ImportRow;
      try {
        created = earlier ? await insertDuplicate(trx, row, earlier.id) : await insertImport(trx, row);
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new ConcurrentUpload();
        throw error;
      }
      const claimed = await claimItem(trx, {
        sourceId: source.id,
        itemKey,
        importId: (earlier ?? created).id,
        sha256: row.sha256,
        nextCursor: page?.nextCursor ?? null,
        endOfStream: page?.endOfStream ?? null,
      });
      // Rolls back the import row: another pull recorded this item first.
      if (!claimed) throw new ItemTaken();
      return earlier
        ? { kind: 'duplicate' as const, importId: created.id, duplicateOf: earlier.id }
        : { kind: 'queued' as const, importId: created.id };
    });
  let outcome: Recorded;
  try {
    try {
      outcome = await record();
    } catch (error) {
      // A concurrent upload of the same bytes won the partial unique index of live imports: recorded again,
      // this file becomes its duplicate.
      if (!(error instanceof ConcurrentUpload)) throw error;
      outcome = await record();
    }
  } catch (error) {
    await rm(file.storedPath, { force: true });
    if (error instanceof ItemTaken) return { kind: 'taken' };
    throw error;
  }
  if (outcome.kind === 'duplicate') await rm(file.storedPath, { force: true });
  else await ensureImportJob(deps, outcome.importId);
  return outcome;
}

class ItemTaken extends Error {}
class ConcurrentUpload extends Error {
  override message = 'A concurrent upload of the same file was being recorded; the next pull takes it.';
}

/**
 * Enqueues the import's job under its deterministic id: a no-op while that job exists, and the repair when a
 * pull died between committing the import row and enqueuing it.
 */
export async function ensureImportJob(deps: { db: Db; queues: Queues }, importId: number): Promise<void> {
  const row = await findImport(deps.db, importId);
  if (!row || row.status !== 'queued') return;
  await enqueue(deps.queues, 'import-file', { importId }, { jobId: importJobIds(importId, row.created_at).importFile });
}
