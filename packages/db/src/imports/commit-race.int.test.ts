import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/harness.ts';
import { backendsWaitingForLocks, until } from '../../../../test/waits.ts';
import { commitStaging } from './commit.ts';
import { stageImport, vendorIdNamed } from './commit.testing.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db
    .insertInto('vendors')
    .values([{ name: 'Acme' }, { name: 'Globex' }])
    .execute();
});
afterAll(async () => database.drop());

const vendorId = (name: string) => vendorIdNamed(database.db, name);

describe('an import commit racing another writer of the same case', () => {
  it('writes the case another transaction stored after the commit read the stored cases', async () => {
    const importId = await stageImport(database.db, 1, [
      {
        line: 2,
        id: 'R1',
        vendor: 'Globex',
        customer: null,
        queue: 'Buyer',
        created: '2026-11-16T09:00Z',
        updated: '2026-11-20T00:00Z',
      },
      { line: 3, id: 'R2', vendor: 'Globex', customer: null, queue: 'Buyer', created: '2026-11-17T09:00Z' },
    ]);
    // The other writer stores R1 (older, for Acme, in another week) and holds its transaction open.
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(
        `INSERT INTO cases (source, external_id, vendor_id, channel, queue, created_at, updated_at)
         VALUES ('generic', 'R1', $1, 'email', 'Buyer', '2026-11-02T09:00Z', '2026-11-03T00:00Z')`,
        [await vendorId('Acme')],
      );
      // The commit does not see R1 (uncommitted), so it inserts R1 as new and waits on the other's identity entry.
      const committing = database.db.transaction().execute((trx) => commitStaging(trx, importId));
      await until(
        'the commit waiting on the uncommitted R1',
        async () => (await backendsWaitingForLocks(database.db)) >= 1,
      );
      await other.query('COMMIT');
      const result = await committing;

      // R1 now exists, so its insert fails on the identity; every row then takes the upsert, and the newer R1 wins.
      // The weeks are read again: R1's stored version (Acme, week of 2 November) changes too.
      expect(result.casesChanged).toBe(2);
      expect(result.rowsLoaded).toBe(2);
      const globex = await vendorId('Globex');
      const acme = await vendorId('Acme');
      expect(result.touched).toEqual([
        { vendorId: acme, week: '2026-11-02' },
        { vendorId: globex, week: '2026-11-16' },
      ]);
      const stored = await database.db
        .selectFrom('cases')
        .select(['external_id', 'vendor_id', 'created_at', 'import_id'])
        .where('external_id', 'in', ['R1', 'R2'])
        .orderBy('external_id')
        .execute();
      expect(stored).toEqual([
        { external_id: 'R1', vendor_id: globex, created_at: new Date('2026-11-16T09:00Z'), import_id: importId },
        { external_id: 'R2', vendor_id: globex, created_at: new Date('2026-11-17T09:00Z'), import_id: importId },
      ]);
    } finally {
      await other.end();
    }
  });
});
