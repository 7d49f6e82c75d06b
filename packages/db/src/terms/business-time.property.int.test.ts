/**
 * Property: the SQL business_seconds() (materialised intervals) equals the domain businessSeconds() on random
 * calendars (several shifts a day, overnight shifts, 24/7, holidays, zones with DST, shift edges inside a DST
 * gap) and random instants around both 2026 DST changes.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessSeconds, type BusinessCalendar, type OpeningHours } from '@scorecard/domain/calendars/business-time';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../../test/harness.ts';
import { saveCalendar } from './calendars.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

const FROM_MS = Date.parse('2026-03-01T00:00:00Z');
const SPAN_MINUTES = 260 * 24 * 60;
// Multiples of 30 min, with 02:30 (inside the spring gap) and 01:30 (repeated in autumn) likely.
const minute = fc.oneof(
  fc.constantFrom(0, 90, 150, 480, 1200, 1320),
  fc.integer({ min: 0, max: 47 }).map((n) => n * 30),
);
const hours = fc.array(
  fc.record({
    weekday: fc.integer({ min: 1, max: 7 }),
    startMinute: minute,
    endMinute: fc.oneof(
      minute.filter((m) => m > 0),
      fc.constant(1440),
    ),
  }),
  { maxLength: 6 },
);
const always: OpeningHours[] = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 0, endMinute: 1440 }));
const holiday = fc.oneof(
  fc.constantFrom('2026-03-08', '2026-03-29', '2026-10-25', '2026-11-01', '2026-04-03'),
  fc.integer({ min: 0, max: 259 }).map((d) => new Date(FROM_MS + d * 86_400_000).toISOString().slice(0, 10)),
);
const calendarArbitrary = fc.record({
  timeZone: fc.constantFrom('UTC', 'Asia/Manila', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney'),
  hours: fc.oneof({ weight: 5, arbitrary: hours }, { weight: 1, arbitrary: fc.constant(always) }),
  holidays: fc.uniqueArray(holiday, { maxLength: 4 }),
});
const instants = fc.array(
  fc.tuple(fc.integer({ min: 0, max: SPAN_MINUTES }), fc.integer({ min: 0, max: 20 * 24 * 60 })),
  { minLength: 1, maxLength: 12 },
);

describe('business_seconds (SQL) = businessSeconds (domain)', () => {
  it('on random calendars and instants', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(calendarArbitrary, instants, async (calendar: BusinessCalendar, pairs) => {
        run += 1;
        const id = await database.db
          .transaction()
          .execute((trx) => saveCalendar(trx, { ...calendar, name: `c${run}` }));
        const froms = pairs.map(([start]) => new Date(FROM_MS + start * 60_000));
        const tos = pairs.map(
          ([start, length], i) => new Date(froms[i]!.getTime() + length * 60_000 + (start % 7) * 1000),
        );
        const result = await sql<{ seconds: number }>`
          SELECT business_seconds(${id}::bigint, f, t) AS seconds
          FROM unnest(${froms}::timestamptz[], ${tos}::timestamptz[]) WITH ORDINALITY AS u(f, t, n) ORDER BY n`.execute(
          database.db,
        );
        const expected = froms.map((from, i) => businessSeconds(from, tos[i]!, calendar));
        expect(result.rows.map((r) => r.seconds)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});
