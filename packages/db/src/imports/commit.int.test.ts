import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/harness.ts';
import { commitStaging } from './commit.ts';
import { stageImport, vendorIdNamed, type Staged } from './commit.testing.ts';

let database: TestDatabase;
let importNo = 0;

async function commit(rows: Staged[]) {
  importNo += 1;
  const id = await stageImport(database.db, importNo, rows);
  return database.db.transaction().execute((trx) => commitStaging(trx, id));
}

const vendorId = (name: string) => vendorIdNamed(database.db, name);

async function storedCase(externalId: string) {
  const rows = await database.db
    .selectFrom('cases')
    .select(['id', 'vendor_id', 'created_at', 'solved_at'])
    .where('source', '=', 'generic')
    .where('external_id', '=', externalId)
    .execute();
  expect(rows).toHaveLength(1);
  return rows[0];
}

/** The Monday of an instant's ISO week in UTC (the default reporting zone), by day arithmetic. */
function mondayOf(instant: string): string {
  const at = new Date(instant);
  const sinceMonday = (at.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() - sinceMonday))
    .toISOString()
    .slice(0, 10);
}

describe('commitStaging', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db
      .insertInto('vendors')
      .values([{ name: 'Acme' }, { name: 'Globex' }])
      .execute();
    // Earlier cases of customer c1: E in queue Buyer solved in 2026-W46, F in queue Seller, G long before.
    await commit([
      {
        line: 2,
        id: 'E',
        vendor: 'Acme',
        customer: 'c1',
        queue: 'Buyer',
        created: '2026-11-09T09:00Z',
        solved: '2026-11-10T09:00Z',
      },
      {
        line: 3,
        id: 'F',
        vendor: 'Acme',
        customer: 'c1',
        queue: 'Seller',
        created: '2026-11-02T09:00Z',
        solved: '2026-11-03T09:00Z',
      },
      {
        line: 4,
        id: 'G',
        vendor: 'Acme',
        customer: 'c1',
        queue: 'Buyer',
        created: '2026-10-01T09:00Z',
        solved: '2026-10-02T09:00Z',
      },
      {
        line: 5,
        id: 'H',
        vendor: 'Acme',
        customer: 'c2',
        queue: 'Buyer',
        created: '2026-11-09T09:00Z',
        solved: '2026-11-09T10:00Z',
      },
    ]);
  });
  afterAll(async () => database.drop());

  it('touches the completion week of an earlier case that a new case makes a repeat contact, and no other', async () => {
    const result = await commit([
      { line: 2, id: 'N', vendor: 'Globex', customer: 'c1', queue: 'Buyer', created: '2026-11-16T09:00Z' },
    ]);
    expect(result.casesChanged).toBe(1);
    // N's arrival week for Globex; E's completion week for Acme (N opened within 7 days of E's solve).
    // F (other queue), G (solved more than 7 days before N) and H (other customer) are not touched.
    expect(result.touched).toEqual([
      { vendorId: await vendorId('Acme'), week: '2026-11-09' },
      { vendorId: await vendorId('Globex'), week: '2026-11-16' },
    ]);
  });

  it('keeps the last row of a duplicated id (new or stored), and touches both versions of a changed case', async () => {
    const result = await commit([
      { line: 2, id: 'H', vendor: 'Globex', customer: 'c2', queue: 'Buyer', created: '2026-11-23T09:00Z' },
      { line: 3, id: 'H', vendor: 'Acme', customer: 'c2', queue: 'Buyer', created: '2026-11-30T09:00Z' },
      { line: 4, id: 'K', vendor: 'Acme', customer: 'c4', queue: 'Buyer', created: '2026-11-02T09:00Z' },
      { line: 5, id: 'K', vendor: 'Globex', customer: 'c4', queue: 'Buyer', created: '2026-11-23T09:00Z' },
    ]);
    expect(result).toMatchObject({ casesChanged: 2, rowsLoaded: 2, rowsReplaced: 2 });
    const replaced = await database.db
      .selectFrom('import_replaced_rows')
      .select(['line', 'external_id', 'replaced_by_line'])
      .orderBy('line')
      .execute();
    expect(replaced).toEqual([
      { line: 2, external_id: 'H', replaced_by_line: 3 },
      { line: 4, external_id: 'K', replaced_by_line: 5 },
    ]);
    const k = await database.db
      .selectFrom('cases')
      .select(['vendor_id', 'created_at'])
      .where('external_id', '=', 'K')
      .executeTakeFirstOrThrow();
    expect(k).toEqual({ vendor_id: await vendorId('Globex'), created_at: new Date('2026-11-23T09:00Z') });
    const h = await database.db
      .selectFrom('cases')
      .select(['vendor_id', 'created_at', 'solved_at'])
      .where('external_id', '=', 'H')
      .executeTakeFirstOrThrow();
    expect(h).toEqual({
      vendor_id: await vendorId('Acme'),
      created_at: new Date('2026-11-30T09:00Z'),
      solved_at: null,
    });
    // Old H: created and solved in W46; new H: created in W49.
    expect(result.touched).toEqual([
      { vendorId: await vendorId('Acme'), week: '2026-11-09' },
      { vendorId: await vendorId('Acme'), week: '2026-11-30' },
      { vendorId: await vendorId('Globex'), week: '2026-11-23' },
    ]);
  });

  it('changes and touches nothing when every incoming row is older than the stored case', async () => {
    await commit([
      {
        line: 2,
        id: 'U',
        vendor: 'Acme',
        customer: 'c3',
        queue: 'Buyer',
        created: '2026-11-02T09:00Z',
        updated: '2026-11-05T00:00Z',
      },
    ]);
    const result = await commit([
      {
        line: 2,
        id: 'U',
        vendor: 'Globex',
        customer: 'c3',
        queue: 'Buyer',
        created: '2026-11-02T09:00Z',
        updated: '2026-11-04T00:00Z',
      },
      // Equal updated_at and every value the same: the same row read again changes nothing either.
      {
        line: 3,
        id: 'U',
        vendor: 'Acme',
        customer: 'c3',
        queue: 'Buyer',
        created: '2026-11-02T09:00Z',
        updated: '2026-11-05T00:00Z',
      },
    ]);
    expect(result).toMatchObject({ casesChanged: 0, touched: [] });
    const u = await database.db
      .selectFrom('cases')
      .select('vendor_id')
      .where('external_id', '=', 'U')
      .executeTakeFirstOrThrow();
    expect(u.vendor_id).toBe(await vendorId('Acme'));
  });

  it('lets an equal updated_at win where the vendor or a value differs, and touches both vendors', async () => {
    const v: Staged = {
      line: 2,
      id: 'V',
      vendor: 'Acme',
      customer: 'c5',
      queue: 'Buyer',
      created: '2026-11-02T09:00Z',
      solved: '2026-11-03T09:00Z',
      updated: '2026-11-05T00:00Z',
    };
    await commit([v]);
    expect(await commit([v])).toMatchObject({ casesChanged: 0, touched: [] });

    // The same export read under a mapping that takes the vendor from elsewhere: re-attributed, and the old
    // vendor's week is recomputed as well as the new one's.
    const moved = await commit([{ ...v, vendor: 'Globex' }]);
    expect(moved).toMatchObject({
      casesChanged: 1,
      touched: [
        { vendorId: await vendorId('Acme'), week: '2026-11-02' },
        { vendorId: await vendorId('Globex'), week: '2026-11-02' },
      ],
    });
    // Read in another zone: the times move, so the case changes again (same vendor, same week).
    const shifted = await commit([{ ...v, vendor: 'Globex', solved: '2026-11-03T10:00Z' }]);
    expect(shifted).toMatchObject({
      casesChanged: 1,
      touched: [{ vendorId: await vendorId('Globex'), week: '2026-11-02' }],
    });
    const stored = await database.db
      .selectFrom('cases')
      .select(['vendor_id', 'solved_at'])
      .where('external_id', '=', 'V')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ vendor_id: await vendorId('Globex'), solved_at: new Date('2026-11-03T10:00Z') });
  });

  it('moves a re-imported case to another week and month: one case, same id, old and new weeks touched', async () => {
    const m: Staged = {
      line: 2,
      id: 'M',
      vendor: 'Acme',
      customer: 'c6',
      queue: 'Buyer',
      created: '2026-10-30T22:00Z',
      solved: '2026-11-02T08:00Z',
      updated: '2026-11-02T08:00Z',
    };
    await commit([m]);
    const before = await storedCase('M');
    const later = { ...m, created: '2026-11-27T09:00Z', solved: '2026-12-01T09:00Z', updated: '2026-12-01T09:00Z' };
    const result = await commit([later]);

    const acme = await vendorId('Acme');
    const weeks = [m.created, m.solved!, later.created, later.solved].map(mondayOf);
    const expected = [...new Set(weeks)].sort().map((week) => ({ vendorId: acme, week }));
    expect(expected).toHaveLength(4);
    expect(result).toMatchObject({ casesChanged: 1, touched: expected });
    const after = await storedCase('M');
    expect(after).toEqual({ ...before, created_at: new Date(later.created), solved_at: new Date(later.solved) });
  });

  it('keeps the rules of the vendor foreign key that 0008 replaces with statement triggers', async () => {
    const { db } = database;
    const bad = db
      .insertInto('cases')
      .values({ source: 'generic', external_id: 'X', channel: 'email', created_at: new Date(), vendor_id: 999_999 });
    await expect(bad.execute()).rejects.toMatchObject({
      code: '23503',
      detail: 'Key (vendor_id)=(999999) is not present in table "vendors".',
    });
    const move = db.updateTable('cases').set({ vendor_id: 999_998 }).where('external_id', '=', 'E');
    await expect(move.execute()).rejects.toMatchObject({ code: '23503' });

    const { id: initech } = await db
      .insertInto('vendors')
      .values({ name: 'Initech' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('cases').set({ vendor_id: initech }).where('external_id', 'in', ['E', 'F']).execute();
    await db.deleteFrom('vendors').where('id', '=', initech).execute();
    const detached = await db
      .selectFrom('cases')
      .select(['external_id', 'vendor_id'])
      .where('external_id', 'in', ['E', 'F', 'G'])
      .orderBy('external_id')
      .execute();
    expect(detached).toEqual([
      { external_id: 'E', vendor_id: null },
      { external_id: 'F', vendor_id: null },
      { external_id: 'G', vendor_id: await vendorId('Acme') },
    ]);
  });
});
