/**
 * User mapping presets (`mapping_presets`): named, versioned. Saving under an existing key adds a version;
 * deleting marks every version deleted (imports keep their own snapshot of the document they used).
 */
import type { MappingDocument } from '@scorecard/domain/mapping/document';
import { builtinPresets } from '@scorecard/domain/mapping/presets';
import { sql } from 'kysely';
import type { Db } from '../database.ts';

export interface UserPreset {
  key: string;
  version: number;
  name: string;
  document: unknown;
  createdAt: Date;
}

function toPreset(row: {
  key: string;
  version: number;
  name: string;
  document: unknown;
  created_at: Date;
}): UserPreset {
  return { key: row.key, version: row.version, name: row.name, document: row.document, createdAt: row.created_at };
}

/** The latest version of every preset that is not deleted, by key. */
export async function listUserPresets(db: Db): Promise<UserPreset[]> {
  const rows = await db
    .selectFrom('mapping_presets')
    .distinctOn('key')
    .select(['key', 'version', 'name', 'document', 'created_at'])
    .where('deleted_at', 'is', null)
    .orderBy('key')
    .orderBy('version', 'desc')
    .execute();
  return rows.map(toPreset);
}

export async function findUserPreset(db: Db, key: string): Promise<UserPreset | undefined> {
  const row = await db
    .selectFrom('mapping_presets')
    .select(['key', 'version', 'name', 'document', 'created_at'])
    .where('key', '=', key)
    .where('deleted_at', 'is', null)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toPreset(row);
}

export interface PresetEntry {
  key: string;
  version: number;
  name: string;
  builtin: boolean;
  document: MappingDocument;
}

/** The preset an import is read with, by key: a built-in one first, else the latest version of a user preset. */
export async function findPreset(db: Db, key: string): Promise<PresetEntry | undefined> {
  const builtin = builtinPresets.find((p) => p.key === key);
  if (builtin) return { key, version: builtin.version, name: builtin.name, builtin: true, document: builtin.document };
  const user = await findUserPreset(db, key);
  return (
    user && { key, version: user.version, name: user.name, builtin: false, document: user.document as MappingDocument }
  );
}

/**
 * Adds version (latest + 1) of `key`. `expectNew` refuses a key that exists (create), otherwise the key
 * must exist (update). Returns undefined when that expectation fails. Serialised per key by an advisory lock.
 */
export async function saveUserPreset(
  db: Db,
  input: { key: string; name: string; document: unknown },
  expectNew: boolean,
): Promise<UserPreset | undefined> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`preset:${input.key}`}))`.execute(trx);
    const latest = await trx
      .selectFrom('mapping_presets')
      .select(['version', 'deleted_at'])
      .where('key', '=', input.key)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    const live = latest !== undefined && latest.deleted_at === null;
    if (expectNew === live) return undefined;
    const row = await trx
      .insertInto('mapping_presets')
      .values({
        key: input.key,
        version: (latest?.version ?? 0) + 1,
        name: input.name,
        document: JSON.stringify(input.document),
      })
      .returning(['key', 'version', 'name', 'document', 'created_at'])
      .executeTakeFirstOrThrow();
    return toPreset(row);
  });
}

/** True when a live preset was deleted. */
export async function deleteUserPreset(db: Db, key: string): Promise<boolean> {
  const result = await db
    .updateTable('mapping_presets')
    .set({ deleted_at: new Date() })
    .where('key', '=', key)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
