/**
 * migrations/0012_import_identity.sql on a database that already holds imports: the backfilled
 * mapping_sha256 equals the digest the API computes (packages/domain/src/mapping/identity.ts), so an import
 * stored before the migration still recognises its own file read the same way.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MappingDocument } from '@scorecard/domain/mapping/document';
import { mappingSha256 } from '@scorecard/domain/mapping/identity';
import { builtinPresets } from '@scorecard/domain/mapping/presets';
import { ADMIN_URL, databaseUrl } from '../../../../test/db-urls.ts';
import { createDb, type Db } from '../database.ts';
import { MIGRATIONS_DIR, migrateToLatest } from '../migrate.ts';

const IDENTITY_MIGRATION = '0012_import_identity.sql';
const name = `scorecard_identity_${randomBytes(6).toString('hex')}`;
let db: Db;
let before: string;

// Keys a JavaScript object reorders (integer-like), strings with escapes, non-ASCII text and nested arrays.
const awkward: MappingDocument = {
  source: 'generic',
  file: { timeZone: 'Europe/Berlin', nulls: ['-', 'n/a', 'tab\there'], dateFormat: 'dmy', pivotYear: 70 },
  vendor: { kind: 'column', column: 'Équipe "BPO"' },
  fields: {
    externalId: { kind: 'column', column: 'id' },
    createdAt: {
      kind: 'date-time',
      date: { kind: 'column', column: 'Date' },
      time: { kind: 'column', column: 'Time' },
    },
    channel: { kind: 'column', column: 'channel', map: { Mail: 'email', '10': 'voice', '2': null, 'a\\b': 'web' } },
    csatScore: { kind: 'column', column: 'score', scale: 5, map: { 'Très bien\n': '5', '\u0001': null } },
  },
};

async function admin(text: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function insertLegacy(status: string, document: MappingDocument | null, timeZone: string) {
  const result = await sql<{ id: number }>`
    INSERT INTO imports (file_name, stored_path, file_bytes, sha256, status, mapping, source_time_zone)
    VALUES ('f.csv', '/nowhere', 1, ${randomBytes(32).toString('hex')}, ${status},
      ${document === null ? null : JSON.stringify(document)}::jsonb, ${timeZone})
    RETURNING id`.execute(db);
  return result.rows[0]!.id;
}

beforeAll(async () => {
  await admin(`CREATE DATABASE ${name}`);
  db = createDb({ url: databaseUrl(name), maxConnections: 2 }).db;
  // Every migration before 0012, as a database deployed before it would have.
  before = mkdtempSync(path.join(tmpdir(), 'scorecard-migrations-'));
  for (const file of readdirSync(MIGRATIONS_DIR).filter((f) => f < IDENTITY_MIGRATION)) {
    copyFileSync(path.join(MIGRATIONS_DIR, file), path.join(before, file));
  }
  await migrateToLatest(db, before);
});
afterAll(async () => {
  await db?.destroy();
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  if (before) rmSync(before, { recursive: true, force: true });
});

describe('0012_import_identity', () => {
  it('backfills the digest the API computes, and keeps one live import per (bytes, reading)', async () => {
    const zendesk = builtinPresets.find((p) => p.key === 'zendesk')!.document;
    const rows = [
      { id: await insertLegacy('succeeded', zendesk, 'Asia/Kolkata'), document: zendesk, timeZone: 'Asia/Kolkata' },
      { id: await insertLegacy('failed', awkward, 'UTC'), document: awkward, timeZone: 'UTC' },
      { id: await insertLegacy('duplicate', null, 'UTC'), document: null, timeZone: 'UTC' },
    ];
    expect(await migrateToLatest(db)).toContain(IDENTITY_MIGRATION.replace('.sql', ''));

    const stored = await db.selectFrom('imports').select(['id', 'sha256', 'mapping_sha256']).orderBy('id').execute();
    expect(stored.map((r) => r.mapping_sha256)).toEqual(rows.map((r) => mappingSha256(r.document, r.timeZone)));

    // Same bytes read the same way: refused while the first is live; read another way: a new import.
    const first = stored[0]!;
    const again = (mapping: string) =>
      db
        .insertInto('imports')
        .values({
          file_name: 'again.csv',
          stored_path: '/nowhere',
          file_bytes: 1,
          sha256: first.sha256,
          mapping_sha256: mapping,
        })
        .execute();
    await expect(again(first.mapping_sha256)).rejects.toMatchObject({ code: '23505' });
    await expect(again(mappingSha256(zendesk, 'UTC'))).resolves.toBeDefined();
  });
});
