/**
 * A draft is computed and stored in one transaction: a terms change that arrives while a draft is being stored
 * waits for it (and then becomes a new version), so the draft never names terms edited after it was computed.
 * The race is made deterministic over real connections: a test transaction holds a lock on credit_statements
 * that stops the draft at its insert, the terms change is sent meanwhile, then the lock is released.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCases } from '@scorecard/db/metrics/case-fixtures.testing';
import type { Caller } from '../../../../test/http.ts';
import { backendsWaitingForLocks, until } from '../../../../test/waits.ts';
import {
  defaultCredit,
  halfInTimeCalls,
  putTerms,
  serviceLevelTerms,
  startCreditsFixture,
  type CreditsFixture,
} from './credits.testing.ts';

let fixture: CreditsFixture;
let finance: Caller;
let vendorId: number;

const termsOf = (invoiceMinor: number) => serviceLevelTerms(vendorId, 4000, { invoiceMinor });

beforeAll(async () => {
  fixture = await startCreditsFixture(['Racing Terms Ltd']);
  ({ finance } = fixture);
  [vendorId] = fixture.vendorIds as [number];
  await insertCases(fixture.app.db, halfInTimeCalls(vendorId, '2026-03'));
});
afterAll(async () => {
  await fixture?.close();
});

describe('a terms change racing a draft', () => {
  it('never leaves the draft naming terms other than those it was computed under', async () => {
    await putTerms(finance, termsOf(10_000_000));
    let locked!: () => void;
    let release!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    // Blocks every insert into credit_statements (ROW EXCLUSIVE) but no read, until released.
    const holder = fixture.database.db.transaction().execute(async (trx) => {
      await sql`LOCK TABLE credit_statements IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
      locked();
      await released;
    });
    await isLocked;

    const draft = finance.post('/api/credits/statements', { vendorId, month: '2026-03' });
    await until(
      'the draft waiting on the held lock',
      async () => (await backendsWaitingForLocks(fixture.database.db)) >= 1,
    );
    let changed = false;
    const change = finance.put('/api/credits/terms', termsOf(20_000_000)).then((response) => {
      changed = true;
      return response;
    });
    // The change either goes through while the draft waits (the gap) or waits behind the draft's lock.
    await until(
      'the terms change through, or waiting too',
      async () => changed || (await backendsWaitingForLocks(fixture.database.db)) >= 2,
    );
    release();
    await holder;
    const [drafted, changeResponse] = await Promise.all([draft, change]);
    expect([drafted.statusCode, changeResponse.statusCode]).toEqual([200, 200]);

    const statement = drafted.json();
    const terms = (await finance.get(`/api/credits/statements/${statement.id}/terms`)).json();
    // The draft came first: it was computed under the first terms, and names them, kept as version 1.
    expect(statement.lines[0].chargedMinor).toBe(defaultCredit(4000, 10_000_000));
    expect(terms.money).toMatchObject({ version: 1, invoiceMinor: 10_000_000 });
    expect(terms.money.supersededAt).not.toBeNull();
    const inForce = (await finance.get('/api/credits/terms')).json().items;
    expect(inForce.map((t: { version: number; invoiceMinor: number }) => [t.version, t.invoiceMinor])).toEqual([
      [2, 20_000_000],
    ]);
  });
});
