/**
 * Property: the daily parts the projections read (daily-parts.ts) add up, day by day, to the weekly parts the
 * recompute stores (metrics/recompute.ts), for random cases across a daylight-saving change: the two SQL
 * attributions of a case to its arrival, completion and survey period are the same rule.
 */
import fc from 'fast-check';
import type { Channel } from '@scorecard/domain/channels';
import type { MetricCase } from '@scorecard/domain/metrics/case-facts';
import { addParts, emptyParts, PART_KEYS, type Parts } from '@scorecard/domain/metrics/parts';
import { mondayOf } from '@scorecard/domain/plans/rules';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/harness.ts';
import { insertCases, readParts } from '../metrics/case-fixtures.testing.ts';
import { recompute } from '../metrics/recompute.ts';
import { readDailyParts } from './daily-parts.ts';

let database: TestDatabase;
let vendorId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  vendorId = (await database.db.insertInto('vendors').values({ name: 'D1' }).returning('id').executeTakeFirstOrThrow())
    .id;
});
afterAll(async () => database?.drop());

// Three weeks around the Berlin autumn change (25 Oct 2026); far enough in the past that no async case is pending.
const BASE_MS = Date.parse('2026-10-19T00:00:00Z');
const SPAN_MINUTES = 21 * 24 * 60;

const caseArbitrary = fc.record({
  createdMinute: fc.integer({ min: 0, max: SPAN_MINUTES }),
  channel: fc.constantFrom<Channel>('voice', 'chat', 'email'),
  solvedAfter: fc.option(fc.integer({ min: 0, max: 5 * 86_400 })),
  csat: fc.option(fc.integer({ min: 1, max: 5 })),
  csatAfter: fc.option(fc.integer({ min: 0, max: 5 * 86_400 })),
  firstResponseAfter: fc.option(fc.integer({ min: 0, max: 3 * 86_400 })),
});

const rounded = (p: Parts) => Object.fromEntries(PART_KEYS.map((k) => [k, Math.round(p[k] * 1e3) / 1e3]));

describe('daily parts sum to weekly parts', () => {
  it('for random cases in Europe/Berlin', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(caseArbitrary, { minLength: 1, maxLength: 30 }), async (raws) => {
        const cases: MetricCase[] = raws.map((raw, id) => {
          const createdAt = new Date(BASE_MS + raw.createdMinute * 60_000);
          const after = (s: number | null) => (s === null ? null : new Date(createdAt.getTime() + s * 1000));
          return {
            id,
            vendorId,
            queue: null,
            channel: raw.channel,
            tier: null,
            site: null,
            customerId: null,
            createdAt,
            firstResponseAt: after(raw.firstResponseAfter),
            solvedAt: after(raw.solvedAfter),
            reopenCount: 0,
            handleSeconds: 60,
            waitSeconds: 10,
            answered: null,
            abandoned: null,
            csatScore: raw.csat,
            csatScale: raw.csat === null ? null : 5,
            csatAt: raw.csat === null ? null : after(raw.csatAfter),
            escalated: false,
            firstContactResolved: null,
          };
        });
        await sql`DELETE FROM weekly_parts; DELETE FROM weekly_distributions; DELETE FROM cases`.execute(database.db);
        await sql`UPDATE organisation_settings SET reporting_time_zone = 'Europe/Berlin'`.execute(database.db);
        await insertCases(database.db, cases);
        await recompute(database.db, { kind: 'all' });
        const weekly = new Map<string, Parts>();
        for (const row of await readParts(database.db))
          weekly.set(row.week, addParts(weekly.get(row.week) ?? emptyParts(), row.parts));
        const fromDays = new Map<string, Parts>();
        for (const day of await readDailyParts(database.db, '2026-09-28', '2026-11-29')) {
          const week = mondayOf(day.day);
          fromDays.set(week, addParts(fromDays.get(week) ?? emptyParts(), day.parts));
        }
        expect(new Map([...fromDays].map(([w, p]) => [w, rounded(p)]))).toEqual(
          new Map([...weekly].map(([w, p]) => [w, rounded(p)])),
        );
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
