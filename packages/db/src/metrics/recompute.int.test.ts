import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TERMS, type MetricCase } from '@scorecard/domain/metrics/case-facts';
import { addParts, emptyParts, type Parts } from '@scorecard/domain/metrics/parts';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../../test/harness.ts';
import { insertCases, readDistributions, readParts } from './case-fixtures.testing.ts';
import { recompute } from './recompute.ts';

let database: TestDatabase;
let vendorA: number;
let vendorB: number;

beforeAll(async () => {
  database = await createTestDatabase();
  const vendors = await database.db
    .insertInto('vendors')
    .values([{ name: 'Alpha' }, { name: 'Beta' }])
    .returning('id')
    .execute();
  [vendorA, vendorB] = vendors.map((v) => v.id) as [number, number];
});
afterAll(async () => database?.drop());
beforeEach(async () => {
  await sql`TRUNCATE cases, weekly_parts, weekly_distributions CASCADE`.execute(database.db);
});

const MON = new Date('2026-11-16T00:00:00Z'); // 2026-W47, reporting zone UTC
const t = (hours: number, seconds = 0) => new Date(MON.getTime() + hours * 3_600_000 + seconds * 1000);
let nextId = 1;
function kase(overrides: Partial<MetricCase>): MetricCase {
  return {
    id: nextId++,
    vendorId: vendorA,
    queue: 'Buyer',
    channel: 'email',
    tier: 1,
    site: 'Manila',
    customerId: null,
    createdAt: t(10),
    firstResponseAt: null,
    solvedAt: null,
    reopenCount: 0,
    handleSeconds: null,
    waitSeconds: null,
    answered: null,
    abandoned: null,
    csatScore: null,
    csatScale: null,
    csatAt: null,
    escalated: null,
    firstContactResolved: null,
    ...overrides,
  };
}
const sumParts = (rows: { parts: Parts }[]) => rows.reduce((total, row) => addParts(total, row.parts), emptyParts());

describe('recompute: parts and medians worked out by hand', () => {
  it('stores every part of one vendor-week', async () => {
    await insertCases(database.db, [
      // live: offered 4 (20 s, 21 s, abandon 5 s, chat 60 s), within 2, abandoned 1; the 4 s abandon is left out
      kase({
        channel: 'voice',
        answered: true,
        waitSeconds: 20,
        firstResponseAt: t(10, 20),
        solvedAt: t(10, 200),
        handleSeconds: 180,
      }),
      kase({
        channel: 'voice',
        answered: true,
        waitSeconds: 21,
        firstResponseAt: t(10, 21),
        solvedAt: t(10, 300),
        handleSeconds: 240,
        escalated: true,
      }),
      kase({ channel: 'voice', abandoned: true, waitSeconds: 5 }),
      kase({ channel: 'voice', abandoned: true, waitSeconds: 4 }),
      kase({
        channel: 'chat',
        answered: true,
        waitSeconds: 60,
        firstResponseAt: t(10, 60),
        solvedAt: t(11),
        handleSeconds: 600,
      }),
      // async: due 3 (24 h exactly → met, 25 h → missed, unanswered for days → missed)
      kase({ firstResponseAt: t(34), solvedAt: t(40), reopenCount: 1, csatScore: 3, csatScale: 5 }),
      kase({ firstResponseAt: t(35), solvedAt: t(50), csatScore: 4, csatScale: 5, csatAt: t(60) }),
      kase({ channel: 'web' }),
      // solved next week: counts in W48's completion parts only
      kase({ channel: 'social', firstResponseAt: t(11), solvedAt: t(24 * 8), csatScore: 2, csatScale: 2 }),
    ]);
    await recompute(database.db, { kind: 'all' });

    const rows = await readParts(database.db);
    const w47 = sumParts(rows.filter((r) => r.vendorId === vendorA && r.week === '2026-11-16'));
    // The case parts; the quality parts (weekly_quality_parts) stay 0 without reviews.
    expect(w47).toEqual({
      ...emptyParts(),
      volume: 9,
      escalated: 1,
      liveOffered: 4,
      liveAnsweredWithin: 2,
      liveAbandoned: 1,
      asyncDue: 4,
      asyncMet: 2,
      frtCount: 6,
      frtSecondsSum: 20 + 21 + 60 + 24 * 3600 + 25 * 3600 + 3600,
      solved: 5,
      handleCount: 3,
      handleSecondsSum: 1020,
      fcrResolved: 4,
      reopened: 1,
      resolutionCount: 5,
      resolutionSecondsSum: 200 + 300 + 3600 + 30 * 3600 + 40 * 3600,
      csatResponses: 2,
      csatSatisfied: 1,
    });
    const w48 = sumParts(rows.filter((r) => r.vendorId === vendorA && r.week === '2026-11-23'));
    expect(w48).toMatchObject({ volume: 0, solved: 1, fcrResolved: 1, csatResponses: 1, csatSatisfied: 1 });
    // breakdown keys survive: one row per queue × channel × tier × site
    expect(
      rows
        .filter((r) => r.week === '2026-11-16')
        .map((r) => r.channel)
        .sort(),
    ).toEqual(['chat', 'email', 'social', 'voice', 'web']);

    const distributions = await readDistributions(database.db);
    const frt = distributions.find((d) => d.week === '2026-11-16' && d.metric === 'frt');
    // FRT seconds sorted: 20, 21, 60, 3600, 86400, 90000 → median (60 + 3600) / 2; p90 at rank 4.5
    expect(frt).toMatchObject({ n: 6, median_seconds: 1830 });
    expect(frt?.p90_seconds).toBeCloseTo(86400 + 0.5 * 3600, 6);
    const resolution = distributions.find((d) => d.week === '2026-11-16' && d.metric === 'resolution_time');
    expect(resolution).toMatchObject({ n: 5, median_seconds: 3600 });
  });

  it('FCR: a repeat contact by the same customer in the same queue (other vendor) at day 7, not at day 8', async () => {
    const solvedAt = t(12);
    await insertCases(database.db, [
      kase({ customerId: 'c1', solvedAt }),
      kase({ customerId: 'c1', vendorId: vendorB, createdAt: new Date(solvedAt.getTime() + 7 * 86_400_000) }),
      kase({ customerId: 'c2', solvedAt }),
      kase({ customerId: 'c2', createdAt: new Date(solvedAt.getTime() + 7 * 86_400_000 + 1000) }),
      kase({ customerId: 'c3', solvedAt, reopenCount: 2, firstContactResolved: true }),
    ]);
    await recompute(database.db, { kind: 'all' });
    const w47 = sumParts(
      (await readParts(database.db)).filter((r) => r.vendorId === vendorA && r.week === '2026-11-16'),
    );
    expect(w47).toMatchObject({ solved: 3, fcrResolved: 2, reopened: 1 });
  });

  it('weeks follow the reporting time zone across a Sunday midnight', async () => {
    await sql`UPDATE organisation_settings SET reporting_time_zone = 'America/New_York'`.execute(database.db);
    try {
      // Sunday 22 November 23:30 in New York = Monday 04:30 UTC
      await insertCases(database.db, [kase({ createdAt: new Date('2026-11-23T04:30:00Z') })]);
      await recompute(database.db, { kind: 'all' });
      expect((await readParts(database.db)).map((r) => r.week)).toEqual(['2026-11-16']);
    } finally {
      await sql`UPDATE organisation_settings SET reporting_time_zone = 'UTC'`.execute(database.db);
    }
  });
});

describe('recompute scopes', () => {
  async function seed() {
    const cases: MetricCase[] = [];
    for (let week = 0; week < 4; week++) {
      for (const vendorId of [vendorA, vendorB]) {
        for (let i = 0; i < 5; i++) {
          const createdAt = t(week * 168 + i * 7 + 1);
          cases.push(
            kase({
              vendorId,
              customerId: `c${i % 3}`,
              createdAt,
              channel: i % 2 ? 'voice' : 'email',
              answered: i % 2 ? true : null,
              waitSeconds: i % 2 ? 10 * i : null,
              firstResponseAt: new Date(createdAt.getTime() + i * 3_000_000),
              solvedAt: new Date(createdAt.getTime() + i * 40_000_000),
              csatScore: (i % 5) + 1,
              csatScale: 5,
            }),
          );
        }
      }
    }
    await insertCases(database.db, cases);
  }
  const snapshot = async () => ({
    parts: await readParts(database.db),
    distributions: await readDistributions(database.db),
  });

  it('is idempotent, and a vendor-week recompute after a change equals a full recompute', async () => {
    await seed();
    await insertCases(database.db, [kase({ vendorId: vendorA, customerId: 'z9', createdAt: t(90), solvedAt: t(100) })]);
    await recompute(database.db, { kind: 'all' });
    const first = await snapshot();
    await recompute(database.db, { kind: 'all' });
    expect(await snapshot()).toEqual(first);

    // A new case for vendor B in W48 that is a repeat contact of vendor A's W47 case (customer z9, Buyer):
    // the caller names B's W48 and the completion week of the case whose FCR it decides, A's W47.
    await insertCases(database.db, [
      kase({
        vendorId: vendorB,
        customerId: 'z9',
        createdAt: t(168 + 2),
        csatScore: 5,
        csatScale: 5,
        solvedAt: t(171),
      }),
    ]);
    await recompute(database.db, {
      kind: 'vendor-weeks',
      vendorWeeks: [
        { vendorId: vendorB, week: '2026-11-23' },
        { vendorId: vendorA, week: '2026-11-16' },
      ],
    });
    const incremental = await snapshot();
    const fcrOfA = (s: typeof first) =>
      sumParts(s.parts.filter((r) => r.vendorId === vendorA && r.week === '2026-11-16')).fcrResolved;
    expect(fcrOfA(incremental)).toBe(fcrOfA(first) - 1);
    await recompute(database.db, { kind: 'all' });
    expect(incremental).toEqual(await snapshot());
  });

  it('since a week rebuilds that week and later, and leaves earlier weeks alone', async () => {
    await seed();
    await recompute(database.db, { kind: 'all' });
    const full = await snapshot();
    await sql`DELETE FROM weekly_parts`.execute(database.db);
    await recompute(database.db, { kind: 'since', week: '2026-11-30' });
    const parts = await readParts(database.db);
    expect(parts.every((r) => r.week >= '2026-11-30')).toBe(true);
    expect(parts).toEqual(full.parts.filter((r) => r.week >= '2026-11-30'));
  });

  // Consecutive weeks of a vendor are looked up as one range; more ranges than the branched form takes go
  // through the join form. Either way exactly the named vendor-weeks are rebuilt, as the full recompute has them.
  it.each([
    {
      form: 'runs of consecutive weeks (branched form)',
      vendorWeeks: () => [
        ...['2026-11-16', '2026-11-23', '2026-11-30'].map((week) => ({ vendorId: vendorA, week })),
        { vendorId: vendorB, week: '2026-12-07' },
      ],
    },
    {
      form: 'more than 64 separate weeks (join form)',
      vendorWeeks: () =>
        Array.from({ length: 70 }, (_, i) => ({
          vendorId: vendorA,
          week: new Date(MON.getTime() + (i - 34) * 14 * 86_400_000).toISOString().slice(0, 10),
        })),
    },
  ])('a vendor-weeks scope of $form rebuilds exactly those vendor-weeks', async ({ vendorWeeks }) => {
    await seed();
    await recompute(database.db, { kind: 'all' });
    const full = await snapshot();
    await sql`DELETE FROM weekly_parts`.execute(database.db);
    await sql`DELETE FROM weekly_distributions`.execute(database.db);
    const scope = vendorWeeks();
    await recompute(database.db, { kind: 'vendor-weeks', vendorWeeks: scope });
    const named = new Set(scope.map((v) => `${v.vendorId} ${v.week}`));
    const inScope = (vendorId: number, week: string) => named.has(`${vendorId} ${week}`);
    const parts = await readParts(database.db);
    expect(parts.length).toBeGreaterThan(0);
    expect(parts).toEqual(full.parts.filter((r) => inScope(r.vendorId, r.week)));
    expect(await readDistributions(database.db)).toEqual(
      full.distributions.filter((r) => inScope(Number(r.vendor_id), String(r.week))),
    );
  });

  it('uses the settings it reads: a lower voice threshold changes service level', async () => {
    await insertCases(database.db, [kase({ channel: 'voice', answered: true, waitSeconds: 15 })]);
    await recompute(database.db, { kind: 'all' });
    expect(sumParts(await readParts(database.db)).liveAnsweredWithin).toBe(1);
    await sql`UPDATE organisation_settings SET sl_threshold_voice_seconds = 10`.execute(database.db);
    try {
      await recompute(database.db, { kind: 'all' });
      expect(sumParts(await readParts(database.db)).liveAnsweredWithin).toBe(0);
    } finally {
      await sql`UPDATE organisation_settings SET sl_threshold_voice_seconds = ${DEFAULT_TERMS.slThresholdVoiceSeconds}`.execute(
        database.db,
      );
    }
  });
});
