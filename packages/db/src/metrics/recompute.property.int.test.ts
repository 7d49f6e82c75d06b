/**
 * Property: for random case sets in two reporting time zones, the stored parts (finest breakdown, so every
 * roll-up) and medians equal a direct computation over the cases with the domain oracle.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseFacts, DEFAULT_TERMS, hasRepeatContact, type MetricCase } from '@scorecard/domain/metrics/case-facts';
import { CHANNELS } from '@scorecard/domain/channels';
import { addParts, emptyParts, PART_KEYS, type Parts } from '@scorecard/domain/metrics/parts';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../../test/harness.ts';
import { insertCases, readDistributions, readParts } from './case-fixtures.testing.ts';
import { recompute } from './recompute.ts';

let database: TestDatabase;
let vendorIds: number[];

beforeAll(async () => {
  database = await createTestDatabase();
  const rows = await database.db
    .insertInto('vendors')
    .values([{ name: 'P1' }, { name: 'P2' }])
    .returning('id')
    .execute();
  vendorIds = rows.map((r) => r.id);
});
afterAll(async () => database?.drop());

// Spans both autumn daylight-saving changes (Berlin 25 Oct, New York 1 Nov) and reaches past today's date.
const BASE_MS = Date.parse('2026-10-20T00:00:00Z');
const SPAN_MINUTES = 40 * 24 * 60;
const SLA_MS = DEFAULT_TERMS.asyncSlaSeconds * 1000;
const HOUR_MS = 3_600_000;

const seconds = fc.oneof(
  fc.constantFrom(0, 4, 5, 20, 21, 60, 61, 86_400, 86_401, 7 * 86_400),
  fc.integer({ min: 0, max: 10 * 86_400 }),
);
const caseArbitrary = fc.record({
  vendor: fc.integer({ min: 0, max: 1 }),
  queue: fc.constantFrom('Buyer', 'Seller', null),
  channel: fc.constantFrom(...CHANNELS),
  tier: fc.constantFrom(1, 2, null),
  site: fc.constantFrom('Manila', null),
  customerId: fc.constantFrom('c1', 'c2', 'c3', null),
  createdMinute: fc.integer({ min: 0, max: SPAN_MINUTES }),
  firstResponse: fc.option(seconds),
  solved: fc.option(seconds),
  reopenCount: fc.constantFrom(0, 1, 2, null),
  handleSeconds: fc.option(fc.integer({ min: 0, max: 3000 })),
  waitSeconds: fc.option(fc.constantFrom(0, 4, 5, 6, 20, 21, 59, 60, 61, 200)),
  answered: fc.constantFrom(true, false, null),
  abandoned: fc.constantFrom(true, false, null),
  csat: fc.option(
    fc.oneof(
      fc.record({ score: fc.integer({ min: 1, max: 5 }), scale: fc.constant<5>(5) }),
      fc.record({ score: fc.integer({ min: 1, max: 2 }), scale: fc.constant<2>(2) }),
    ),
  ),
  csatLag: fc.option(fc.integer({ min: 0, max: 20 * 86_400 })),
  escalated: fc.constantFrom(true, false, null),
  fcrFlag: fc.constantFrom(true, false, null, null),
});

type RawCase = typeof caseArbitrary extends fc.Arbitrary<infer T> ? T : never;

function toCase(raw: RawCase, id: number): MetricCase {
  const createdAt = new Date(BASE_MS + raw.createdMinute * 60_000);
  const after = (s: number | null) => (s === null ? null : new Date(createdAt.getTime() + s * 1000));
  const solvedAt = after(raw.solved);
  return {
    id,
    vendorId: vendorIds[raw.vendor]!,
    queue: raw.queue,
    channel: raw.channel,
    tier: raw.tier,
    site: raw.site,
    customerId: raw.customerId,
    createdAt,
    firstResponseAt: after(raw.firstResponse),
    solvedAt,
    reopenCount: raw.reopenCount,
    handleSeconds: raw.handleSeconds,
    waitSeconds: raw.waitSeconds,
    answered: raw.answered,
    abandoned: raw.abandoned,
    csatScore: raw.csat?.score ?? null,
    csatScale: raw.csat?.scale ?? null,
    csatAt: raw.csat && raw.csatLag !== null ? new Date(createdAt.getTime() + raw.csatLag * 1000) : null,
    escalated: raw.escalated,
    firstContactResolved: raw.fcrFlag,
  };
}

/** percentile_cont: linear interpolation between the closest ranks. */
function percentileCont(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

function oracle(cases: MetricCase[], timeZone: string, now: Date) {
  const parts = new Map<string, Parts>();
  const samples = new Map<string, number[]>();
  const add = (key: string, more: Partial<Parts>) => parts.set(key, addParts(parts.get(key) ?? emptyParts(), more));
  const sample = (key: string, value: number) => samples.set(key, [...(samples.get(key) ?? []), value]);
  for (const c of cases) {
    const repeatContact = hasRepeatContact(c, cases, DEFAULT_TERMS.repeatWindowSeconds);
    const f = caseFacts(c, DEFAULT_TERMS, { timeZone, now, repeatContact });
    const group = (week: string) => [c.vendorId, week, c.queue, c.channel, c.tier, c.site].join('|');
    add(group(f.arrivalWeek), f.arrival);
    if (f.completionWeek) add(group(f.completionWeek), f.completion);
    if (f.surveyWeek) add(group(f.surveyWeek), f.survey);
    if (f.frtSeconds !== null) sample(`${c.vendorId}|${f.arrivalWeek}|frt`, f.frtSeconds);
    if (f.completionWeek && f.resolutionSeconds !== null)
      sample(`${c.vendorId}|${f.completionWeek}|resolution_time`, f.resolutionSeconds);
  }
  return { parts, samples };
}

const rounded = (p: Parts) => Object.fromEntries(PART_KEYS.map((k) => [k, Math.round(p[k] * 1e3) / 1e3]));

describe('stored roll-up equals the domain oracle', () => {
  it('for random case sets in two time zones', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(caseArbitrary, { minLength: 1, maxLength: 40 }),
        fc.constantFrom('Europe/Berlin', 'America/New_York'),
        async (raws, timeZone) => {
          const now = new Date();
          // Unanswered async cases within an hour of their SLA deadline would race the clock: left out.
          const cases = raws
            .map(toCase)
            .filter((c) => Math.abs(now.getTime() - c.createdAt.getTime() - SLA_MS) > HOUR_MS);
          await sql`DELETE FROM weekly_parts; DELETE FROM weekly_distributions; DELETE FROM cases`.execute(database.db);
          await sql`UPDATE organisation_settings SET reporting_time_zone = ${timeZone}`.execute(database.db);
          await insertCases(database.db, cases);
          await recompute(database.db, { kind: 'all' });

          const expected = oracle(cases, timeZone, now);
          const stored = await readParts(database.db);
          const actual = new Map(
            stored.map((r) => [[r.vendorId, r.week, r.queue, r.channel, r.tier, r.site].join('|'), rounded(r.parts)]),
          );
          expect(actual).toEqual(new Map([...expected.parts].map(([k, p]) => [k, rounded(p)])));

          const distributions = await readDistributions(database.db);
          expect(distributions.length).toBe(expected.samples.size);
          for (const d of distributions) {
            const values = expected.samples.get(`${d.vendor_id}|${d.week}|${d.metric}`);
            expect(values, `${d.vendor_id} ${d.week} ${d.metric}`).toBeDefined();
            expect(d.n).toBe(values!.length);
            expect(d.median_seconds).toBeCloseTo(percentileCont(values!, 0.5), 6);
            expect(d.p90_seconds).toBeCloseTo(percentileCont(values!, 0.9), 6);
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 180_000);
});
