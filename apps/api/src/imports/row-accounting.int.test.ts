/**
 * The dry run (TypeScript, FileAccount) and the import's commit (SQL, replaceRepeatedIds) both decide which rows
 * a later row with the same id replaces. A fast-check property holds them together on random files of ids.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { commitStaging } from '@scorecard/db/imports/commit';
import { createRunningImport } from '@scorecard/db/imports/commit.testing';
import { stagingTable } from '@scorecard/db/imports/staging';
import type { CanonicalCase } from '@scorecard/domain/mapping/canonical';
import { createTestDatabase, type TestDatabase } from '../../../../test/harness.ts';
import { FileAccount } from './dry-run-accounting.ts';

let database: TestDatabase;
let importNo = 0;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

/** Stages one row per id (line = index + 2), commits, and returns the commit's figures and its replaced ids. */
async function commitIds(ids: readonly string[]) {
  const { db } = database;
  importNo += 1;
  const id = await createRunningImport(db, importNo);
  if (ids.length > 0) {
    const values = ids.map(
      (externalId, i) => sql`(${i + 2}, 'generic', ${externalId}, 'email', '2026-11-16T09:00:00Z'::timestamptz)`,
    );
    await sql`INSERT INTO ${sql.table(stagingTable(id))} (line, source, external_id, channel, created_at)
      VALUES ${sql.join(values)}`.execute(db);
  }
  const result = await db.transaction().execute((trx) => commitStaging(trx, id));
  const replaced = await db
    .selectFrom('import_replaced_rows')
    .select(['line', 'replaced_by_line'])
    .where('import_id', '=', id)
    .orderBy('line')
    .execute();
  return { result, replaced };
}

it('the dry run and the commit agree on loaded, replaced and repeated ids for any file', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), { maxLength: 30 }), async (ids) => {
      const account = new FileAccount();
      ids.forEach((externalId, i) =>
        account.add(i + 2, { ok: true, value: { externalId } as CanonicalCase, warnings: [] }),
      );
      const dryRun = account.result(true);
      const { result, replaced } = await commitIds(ids);
      expect([result.rowsLoaded, result.rowsReplaced]).toEqual([dryRun.rowsLoaded, dryRun.rowsReplaced]);
      expect(dryRun.rowsLoaded + dryRun.rowsReplaced).toBe(ids.length);
      // The model: a row is replaced when its id occurs on a later line; the last line of the id replaces it.
      const expected = ids.flatMap((externalId, i) =>
        ids.indexOf(externalId, i + 1) >= 0 ? [{ line: i + 2, replaced_by_line: ids.lastIndexOf(externalId) + 2 }] : [],
      );
      expect(replaced).toEqual(expected);
      expect(dryRun.duplicates.ids).toBe(new Set(ids.filter((x, i) => ids.indexOf(x) !== i)).size);
    }),
    { numRuns: 25 },
  );
});
