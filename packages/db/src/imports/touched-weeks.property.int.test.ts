/**
 * Property: the vendor-weeks an import reports as touched include every vendor-week whose figures it changed.
 * The figures are read from `case_facts` itself (the rules the recompute runs) before and after the import, so
 * a case whose FCR a new case decides under its own vendor's repeat-contact window, longer or shorter than the
 * organisation's, must have its completion week recomputed.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/harness.ts';
import { commitStaging } from './commit.ts';
import { createRunningImport } from './commit.testing.ts';
import { stagingTable } from './staging.ts';

const DAY_SECONDS = 86_400;
const FIRST_MONDAY = Date.parse('2026-03-02T00:00:00Z');
const VENDORS = ['Acme', 'Globex'] as const;

interface Row {
  id: string;
  vendor: (typeof VENDORS)[number];
  customer: string;
  queue: string | null;
  createdHours: number;
  solvedAfterHours: number | null;
}

const row = (ids: readonly string[]) =>
  fc.record({
    id: fc.constantFrom(...ids),
    vendor: fc.constantFrom(...VENDORS),
    customer: fc.constantFrom('c1', 'c2'),
    queue: fc.constantFrom('Buyer', null),
    // Six weeks of arrivals, solved within ten days or not at all.
    createdHours: fc.integer({ min: 0, max: 6 * 7 * 24 }),
    solvedAfterHours: fc.option(fc.integer({ min: 0, max: 240 })),
  });

const scenario = fc.record({
  organisationWindowDays: fc.integer({ min: 0, max: 14 }),
  // Per vendor: no terms, or a contract window of 0..21 days in force from the first week.
  vendorWindowDays: fc.tuple(fc.option(fc.integer({ min: 0, max: 21 })), fc.option(fc.integer({ min: 0, max: 21 }))),
  earlier: fc.uniqueArray(row(['e1', 'e2', 'e3', 'e4', 'e5', 'e6']), {
    minLength: 1,
    maxLength: 6,
    selector: (r) => r.id,
  }),
  // New cases and new versions of earlier ones (a later updated_at wins).
  incoming: fc.uniqueArray(row(['e1', 'e2', 'n1', 'n2', 'n3']), { minLength: 1, maxLength: 4, selector: (r) => r.id }),
});

let database: TestDatabase;
let importNo = 0;

const iso = (hours: number) => new Date(FIRST_MONDAY + hours * 3_600_000).toISOString();

async function importRows(rows: readonly Row[]) {
  const { db } = database;
  importNo += 1;
  const id = await createRunningImport(db, importNo);
  for (const [index, r] of rows.entries()) {
    const solved = r.solvedAfterHours === null ? null : iso(r.createdHours + r.solvedAfterHours);
    await sql`INSERT INTO ${sql.table(stagingTable(id))} (line, source, external_id, vendor_field, vendor_value,
        channel, customer_id, queue, created_at, solved_at, updated_at)
      VALUES (${index + 2}, 'generic', ${r.id}, 'vendor', ${r.vendor}, 'email', ${r.customer}, ${r.queue},
        ${iso(r.createdHours)}::timestamptz, ${solved}::timestamptz, ${iso(importNo)}::timestamptz)`.execute(db);
  }
  return db.transaction().execute((trx) => commitStaging(trx, id));
}

/** Per case, the vendor-week of each attribution and the parts it contributes there (with their dimensions). */
async function facts(): Promise<Map<string, string[]>> {
  const result = await sql<{ external_id: string; weeks: string[] }>`
    SELECT f.external_id, array_remove(ARRAY[
      f.vendor_id || '/' || f.arrival_week || ' ' || jsonb_build_array(f.queue, f.channel, f.tier, f.site, f.volume,
        f.escalated, f.live_offered, f.live_answered_within, f.live_abandoned, f.async_due, f.async_met,
        f.frt_seconds),
      f.vendor_id || '/' || f.completion_week || ' ' || jsonb_build_array(f.queue, f.channel, f.tier, f.site,
        f.solved, f.handle_seconds, f.fcr_resolved, f.reopened, f.resolution_seconds),
      f.vendor_id || '/' || f.survey_week || ' ' || jsonb_build_array(f.queue, f.channel, f.tier, f.site,
        f.csat_responded, f.csat_satisfied)], NULL) AS weeks
    FROM case_facts f`.execute(database.db);
  return new Map(result.rows.map((r) => [r.external_id, r.weeks]));
}

describe('touched vendor-weeks of an import', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    await database.db
      .insertInto('vendors')
      .values(VENDORS.map((name) => ({ name })))
      .execute();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it(
    'cover every vendor-week whose case facts the import changed, under each vendor’s window',
    { timeout: 240_000 },
    async () => {
      const vendorIds = await database.db.selectFrom('vendors').select(['id', 'name']).orderBy('id').execute();
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          const { db } = database;
          await sql`TRUNCATE cases, contract_terms, import_touched_weeks, import_unmapped_values CASCADE`.execute(db);
          await db
            .updateTable('organisation_settings')
            .set({ repeat_window_seconds: s.organisationWindowDays * DAY_SECONDS })
            .execute();
          for (const [index, days] of s.vendorWindowDays.entries()) {
            if (days === null) continue;
            await db
              .insertInto('contract_terms')
              .values({
                vendor_id: vendorIds[index]!.id,
                effective_from: '2026-01-05',
                repeat_window_seconds: days * DAY_SECONDS,
              })
              .execute();
          }
          await importRows(s.earlier);
          const before = await facts();
          const { touched } = await importRows(s.incoming);
          const after = await facts();

          const reported = new Set(touched.map((t) => `${t.vendorId}/${t.week}`));
          // A contribution that differs (or exists on one side only) changes its vendor-week's figures.
          const changed = new Set<string>();
          for (const id of new Set([...before.keys(), ...after.keys()])) {
            const [old, now] = [before.get(id) ?? [], after.get(id) ?? []];
            for (const part of [...old.filter((p) => !now.includes(p)), ...now.filter((p) => !old.includes(p))]) {
              changed.add(part.split(' ')[0]!);
            }
          }
          expect([...changed].filter((week) => !reported.has(week))).toEqual([]);
        }),
        { numRuns: 30 },
      );
    },
  );
});
