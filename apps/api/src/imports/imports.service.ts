/**
 * Starting an import from a stored upload: resolve how its bytes are read, then queue a new import or point to
 * the earlier import of the same bytes read the same way. The upload's file is removed unless a queued import
 * keeps it.
 */
import { rm } from 'node:fs/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '@scorecard/db/database';
import {
  findLiveImport,
  insertDuplicate,
  insertImport,
  markFailed,
  type NewImport,
} from '@scorecard/db/imports/imports';
import { mappingSha256 } from '@scorecard/domain/mapping/identity';
import { enqueue, importJobIds, type Queues } from '@scorecard/jobs';
import { Problem } from '../http/problems.ts';
import { duplicateReason } from './imports.schemas.ts';
import { resolveUploadMapping } from './mapping-resolution.ts';
import { isStranded, supersede } from './recovery.ts';
import { importKindOf, resolveReviewMapping, reviewImportRow } from './review-upload.ts';
import type { StoredUpload } from './upload.ts';

const UNIQUE_VIOLATION = '23505';

export type StartedImport =
  | { id: number; status: 'queued' }
  | { id: number; status: 'duplicate'; duplicateOf: number; duplicateReason: string | undefined };

export async function startImport(
  deps: { db: Db; queues: Queues; log: FastifyBaseLogger },
  upload: StoredUpload,
): Promise<StartedImport> {
  const { db, queues } = deps;
  try {
    // An import is (bytes, how they are read): the mapping is resolved first, so the same file under a
    // changed preset, mapping or time zone imports again and re-attributes its cases.
    const row = importKindOf(upload.fields) === 'reviews' ? await reviewRow(db, upload) : await caseRow(db, upload);
    const identity = { sha256: row.sha256, mappingSha256: row.mapping_sha256 };
    const earlier = await findLiveImport(db, identity);
    // A stranded import of these bytes (its job lost) gives way, so uploading again is the way out of it.
    if (earlier && (await isStranded(queues, earlier).catch(() => false))) await supersede(db, earlier);
    else if (earlier) return await recordDuplicate(db, row, earlier.id);
    let created;
    try {
      created = await insertImport(db, row);
    } catch (error) {
      // A concurrent upload of the same bytes read the same way won the partial unique index.
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      const winner = await findLiveImport(db, identity);
      if (!winner) throw error;
      return await recordDuplicate(db, row, winner.id);
    }
    try {
      await enqueue(
        queues,
        'import-file',
        { importId: created.id },
        { jobId: importJobIds(created.id, created.created_at).importFile },
      );
    } catch (error) {
      deps.log.error({ err: error }, 'could not enqueue import');
      await markFailed(db, created.id, 'The job queue was unavailable; upload the file again.');
      throw new Problem('unavailable', 'The job queue is unavailable; the upload was not queued. Try again shortly.');
    }
    return { id: created.id, status: 'queued' };
  } catch (error) {
    await rm(upload.storedPath, { force: true });
    throw error;
  }
}

async function caseRow(db: Db, upload: StoredUpload): Promise<NewImport> {
  const resolved = await resolveUploadMapping(db, upload);
  return {
    file_name: upload.fileName,
    stored_path: upload.storedPath,
    file_bytes: upload.bytes,
    sha256: upload.sha256,
    mapping_sha256: mappingSha256(resolved.document, resolved.timeZone),
    source: resolved.document.source,
    preset_key: resolved.presetKey,
    preset_version: resolved.presetVersion,
    mapping: JSON.stringify(resolved.document),
    source_time_zone: resolved.timeZone,
  };
}

async function reviewRow(db: Db, upload: StoredUpload): Promise<NewImport> {
  return reviewImportRow(upload, await resolveReviewMapping(db, upload));
}

async function recordDuplicate(db: Db, row: NewImport, firstId: number): Promise<StartedImport> {
  await rm(row.stored_path, { force: true });
  const duplicate = await insertDuplicate(db, row, firstId);
  return {
    id: duplicate.id,
    status: 'duplicate',
    duplicateOf: firstId,
    duplicateReason: duplicateReason(duplicate) ?? undefined,
  };
}
