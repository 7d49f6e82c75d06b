/**
 * Property: terms resolution (channel → queue → vendor → organisation, field by field, the latest row in force)
 * gives the same terms in SQL, where `case_facts` measures every case under them, and in TypeScript, where
 * `resolveTerms` (through `termsResolver`) decides statuses, weights and the formula text beside a number.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '@scorecard/domain/channels';
import { addWeeks } from '@scorecard/domain/weeks';
import { createTestDatabase, type TestDatabase } from '../../../../test/harness.ts';
import { termsResolver } from './formulas.ts';

const FIRST_MONDAY = '2026-01-05';
const QUEUES = ['Buyer', 'Seller'] as const;

const maybe = <T>(value: fc.Arbitrary<T>) => fc.option(value, { freq: 2 });
const termsRow = fc.record({
  vendor: fc.integer({ min: 0, max: 1 }),
  // A row is for the vendor as a whole, one queue or one channel (never both: a CHECK in the table).
  scope: fc.oneof(
    fc.constant({ queue: null, channel: null }),
    fc.constantFrom(...QUEUES).map((queue) => ({ queue, channel: null })),
    fc.constantFrom(...CHANNELS).map((channel) => ({ queue: null, channel })),
  ),
  week: fc.integer({ min: 0, max: 5 }),
  calendar: fc.boolean(),
  frtBasis: maybe(fc.constantFrom('calendar', 'business')),
  asyncSlBasis: maybe(fc.constantFrom('calendar', 'business')),
  resolutionBasis: maybe(fc.constantFrom('calendar', 'business')),
  slThresholdVoiceSeconds: maybe(fc.integer({ min: 0, max: 120 })),
  slThresholdChatSeconds: maybe(fc.integer({ min: 0, max: 120 })),
  asyncSlaSeconds: maybe(fc.integer({ min: 1, max: 172_800 })),
  shortAbandonSeconds: maybe(fc.integer({ min: 0, max: 30 })),
  repeatWindowSeconds: maybe(fc.integer({ min: 0, max: 1_209_600 })),
  satisfiedScore: maybe(fc.integer({ min: 1, max: 5 })),
});
const caseRow = fc.record({
  vendor: fc.integer({ min: 0, max: 1 }),
  queue: fc.constantFrom(...QUEUES, null),
  channel: fc.constantFrom(...CHANNELS),
  // Arrivals from the week before the first terms to two weeks after the last.
  dayOffset: fc.integer({ min: -7, max: 8 * 7 }),
});
const scenario = fc.record({
  terms: fc.uniqueArray(termsRow, {
    maxLength: 12,
    selector: (t) => `${t.vendor}/${t.scope.queue}/${t.scope.channel}/${t.week}`,
  }),
  cases: fc.array(caseRow, { minLength: 1, maxLength: 20 }),
});

let database: TestDatabase;
let vendorIds: number[];
let calendarId: number;

describe('terms resolution: SQL case_facts = resolveTerms', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    const vendors = await database.db
      .insertInto('vendors')
      .values([{ name: 'Acme' }, { name: 'Globex' }])
      .returning('id')
      .execute();
    vendorIds = vendors.map((v) => v.id);
    const calendar = await database.db
      .insertInto('business_calendars')
      .values({ name: 'Office', time_zone: 'UTC' })
      .returning('id')
      .executeTakeFirstOrThrow();
    calendarId = calendar.id;
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('resolves every field of every case the same way', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { db } = database;
        await sql`TRUNCATE cases, contract_terms CASCADE`.execute(db);
        for (const t of s.terms) {
          await db
            .insertInto('contract_terms')
            .values({
              vendor_id: vendorIds[t.vendor]!,
              queue: t.scope.queue,
              channel: t.scope.channel,
              effective_from: addWeeks(FIRST_MONDAY, t.week),
              calendar_id: t.calendar ? calendarId : null,
              frt_basis: t.frtBasis,
              async_sl_basis: t.asyncSlBasis,
              resolution_basis: t.resolutionBasis,
              sl_threshold_voice_seconds: t.slThresholdVoiceSeconds,
              sl_threshold_chat_seconds: t.slThresholdChatSeconds,
              async_sla_seconds: t.asyncSlaSeconds,
              short_abandon_seconds: t.shortAbandonSeconds,
              repeat_window_seconds: t.repeatWindowSeconds,
              satisfied_score: t.satisfiedScore,
            })
            .execute();
        }
        await db
          .insertInto('cases')
          .values(
            s.cases.map((c, index) => ({
              source: 'generic',
              external_id: `c${index}`,
              vendor_id: vendorIds[c.vendor]!,
              queue: c.queue,
              channel: c.channel,
              created_at: new Date(Date.parse(`${FIRST_MONDAY}T12:00:00Z`) + c.dayOffset * 86_400_000),
            })),
          )
          .execute();
        const resolve = await termsResolver(db);
        const facts = await db
          .selectFrom('case_facts')
          .select([
            'vendor_id',
            'queue',
            'channel',
            'arrival_week',
            'calendar_id',
            'frt_basis',
            'async_sl_basis',
            'resolution_basis',
            'live_threshold_seconds',
            'async_sla_seconds',
            'short_abandon_seconds',
            'repeat_window_seconds',
            'satisfied_score',
          ])
          .execute();
        expect(facts).toHaveLength(s.cases.length);
        for (const f of facts) {
          const terms = resolve(f.vendor_id!, f.arrival_week!, { queue: f.queue, channel: f.channel });
          const liveThreshold =
            f.channel === 'voice'
              ? terms.slThresholdVoiceSeconds
              : f.channel === 'chat'
                ? terms.slThresholdChatSeconds
                : null;
          expect({
            calendarId: f.calendar_id,
            frtBasis: f.frt_basis,
            asyncSlBasis: f.async_sl_basis,
            resolutionBasis: f.resolution_basis,
            liveThreshold: f.live_threshold_seconds,
            asyncSlaSeconds: f.async_sla_seconds,
            shortAbandonSeconds: f.short_abandon_seconds,
            repeatWindowSeconds: f.repeat_window_seconds,
            satisfiedScore: f.satisfied_score,
          }).toEqual({
            calendarId: terms.calendarId,
            frtBasis: terms.frtBasis,
            asyncSlBasis: terms.asyncSlBasis,
            resolutionBasis: terms.resolutionBasis,
            liveThreshold,
            asyncSlaSeconds: terms.asyncSlaSeconds,
            shortAbandonSeconds: terms.shortAbandonSeconds,
            repeatWindowSeconds: terms.repeatWindowSeconds,
            satisfiedScore: terms.satisfiedScore,
          });
        }
      }),
      { numRuns: 60 },
    );
  });
});
