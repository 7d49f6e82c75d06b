import { describe, expect, it } from 'vitest';
import { caseFacts, DEFAULT_TERMS, hasRepeatContact, type MetricCase } from './case-facts.ts';

const T0 = new Date('2026-11-17T10:00:00Z'); // Tuesday of 2026-W47
const at = (secondsAfter: number) => new Date(T0.getTime() + secondsAfter * 1000);
const DAY = 86_400;

function kase(overrides: Partial<MetricCase> = {}): MetricCase {
  return {
    id: 1,
    vendorId: 1,
    queue: 'Buyer',
    channel: 'email',
    tier: 1,
    site: null,
    customerId: 'c1',
    createdAt: T0,
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
const facts = (c: MetricCase, options: { now?: Date; repeatContact?: boolean; timeZone?: string } = {}) =>
  caseFacts(c, DEFAULT_TERMS, {
    timeZone: options.timeZone ?? 'UTC',
    now: options.now ?? at(400 * DAY),
    repeatContact: options.repeatContact ?? false,
  });

describe('live service level and abandonment (defined edges)', () => {
  it.each([
    [
      'abandoned after exactly 5 s counts',
      { abandoned: true, waitSeconds: 5 },
      { liveOffered: 1, liveAbandoned: 1, liveAnsweredWithin: 0 },
    ],
    [
      'abandoned after 4 s is left out',
      { abandoned: true, waitSeconds: 4 },
      { liveOffered: 0, liveAbandoned: 0, liveAnsweredWithin: 0 },
    ],
    [
      'abandoned with unknown wait counts',
      { abandoned: true, waitSeconds: null },
      { liveOffered: 1, liveAbandoned: 1, liveAnsweredWithin: 0 },
    ],
    [
      'abandoned without a wait, 3 s after a first response, is a short abandon',
      { abandoned: true, waitSeconds: null, firstResponseAt: at(3) },
      { liveOffered: 0, liveAbandoned: 0, liveAnsweredWithin: 0 },
    ],
    [
      'voice answered at exactly 20 s is within',
      { answered: true, waitSeconds: 20 },
      { liveOffered: 1, liveAbandoned: 0, liveAnsweredWithin: 1 },
    ],
    [
      'voice answered at 21 s is not within',
      { answered: true, waitSeconds: 21 },
      { liveOffered: 1, liveAbandoned: 0, liveAnsweredWithin: 0 },
    ],
    [
      'answered with unknown wait is offered, not within',
      { answered: true, waitSeconds: null },
      { liveOffered: 1, liveAbandoned: 0, liveAnsweredWithin: 0 },
    ],
    [
      'neither answered nor abandoned is left out',
      { answered: false, waitSeconds: 3 },
      { liveOffered: 0, liveAbandoned: 0, liveAnsweredWithin: 0 },
    ],
  ] as const)('%s', (_name, overrides, expected) => {
    expect(facts(kase({ channel: 'voice', ...overrides })).arrival).toMatchObject(expected);
  });

  it('abandoned after 4.9 s is left out', () => {
    const c = kase({ channel: 'chat', abandoned: true, waitSeconds: 4.9 });
    expect(facts(c).arrival).toMatchObject({ liveOffered: 0, liveAbandoned: 0 });
  });

  it('chat uses the 60 s threshold and falls back to the first response for the wait', () => {
    expect(facts(kase({ channel: 'chat', firstResponseAt: at(60) })).arrival).toMatchObject({
      liveOffered: 1,
      liveAnsweredWithin: 1,
    });
    expect(facts(kase({ channel: 'chat', firstResponseAt: at(61) })).arrival).toMatchObject({
      liveOffered: 1,
      liveAnsweredWithin: 0,
    });
  });

  it('live contacts never count towards the async parts', () => {
    expect(facts(kase({ channel: 'voice', answered: true, waitSeconds: 1 })).arrival).toMatchObject({
      asyncDue: 0,
      asyncMet: 0,
    });
  });
});

describe('async service level (defined edges)', () => {
  it.each([
    [
      'email answered at exactly 24 h is within',
      { firstResponseAt: at(DAY) },
      at(400 * DAY),
      { asyncDue: 1, asyncMet: 1 },
    ],
    [
      'email answered at 24 h + 1 s is missed',
      { firstResponseAt: at(DAY + 1) },
      at(400 * DAY),
      { asyncDue: 1, asyncMet: 0 },
    ],
    ['unanswered, 23 h old: left out', {}, at(23 * 3600), { asyncDue: 0, asyncMet: 0 }],
    ['unanswered, exactly 24 h old: still left out', {}, at(DAY), { asyncDue: 0, asyncMet: 0 }],
    ['unanswered, 24 h + 1 s old: missed', {}, at(DAY + 1), { asyncDue: 1, asyncMet: 0 }],
  ] as const)('%s', (_name, overrides, now, expected) => {
    expect(facts(kase({ channel: 'web', ...overrides }), { now }).arrival).toMatchObject(expected);
  });
});

describe('FRT, handling, resolution, reopen, escalation', () => {
  it('FRT is calendar time from creation to first response; none without a response', () => {
    expect(facts(kase({ firstResponseAt: at(3600) })).frtSeconds).toBe(3600);
    expect(facts(kase()).arrival).toMatchObject({ frtCount: 0, frtSecondsSum: 0 });
  });

  it('unsolved cases are left out of completion metrics', () => {
    const f = facts(kase({ handleSeconds: 300, reopenCount: 2 }));
    expect(f.completionWeek).toBeNull();
    expect(f.completion).toEqual({
      solved: 0,
      handleCount: 0,
      handleSecondsSum: 0,
      fcrResolved: 0,
      reopened: 0,
      resolutionCount: 0,
      resolutionSecondsSum: 0,
    });
  });

  it('solved case: handle time, resolution time, reopen', () => {
    const f = facts(kase({ solvedAt: at(7200), handleSeconds: 300, reopenCount: 1, escalated: true }));
    expect(f.completion).toEqual({
      solved: 1,
      handleCount: 1,
      handleSecondsSum: 300,
      fcrResolved: 0,
      reopened: 1,
      resolutionCount: 1,
      resolutionSecondsSum: 7200,
    });
    expect(f.arrival.escalated).toBe(1);
  });

  it('a solved case without a handle time is left out of AHT only', () => {
    expect(facts(kase({ solvedAt: at(60) })).completion).toMatchObject({ solved: 1, handleCount: 0 });
  });
});

describe('FCR', () => {
  const solved = kase({ id: 1, solvedAt: at(DAY) });
  const later = (id: number, secondsAfterSolve: number, overrides: Partial<MetricCase> = {}) =>
    kase({ id, createdAt: at(DAY + secondsAfterSolve), ...overrides });

  it('a repeat contact exactly 7 days after solved_at counts; 7 days + 1 s does not', () => {
    expect(hasRepeatContact(solved, [solved, later(2, 7 * DAY)], DEFAULT_TERMS.repeatWindowSeconds)).toBe(true);
    expect(hasRepeatContact(solved, [solved, later(2, 7 * DAY + 1)], DEFAULT_TERMS.repeatWindowSeconds)).toBe(false);
  });

  it('day 7 is a repeat, day 8 is not', () => {
    expect(hasRepeatContact(solved, [later(2, 6 * DAY + 3600)], DEFAULT_TERMS.repeatWindowSeconds)).toBe(true);
    expect(hasRepeatContact(solved, [later(2, 7 * DAY + 3600)], DEFAULT_TERMS.repeatWindowSeconds)).toBe(false);
  });

  it('only the same customer in the same queue, created after this case, of any vendor', () => {
    const window = DEFAULT_TERMS.repeatWindowSeconds;
    expect(hasRepeatContact(solved, [later(2, 60, { queue: 'Seller' })], window)).toBe(false);
    expect(hasRepeatContact(solved, [later(2, 60, { customerId: 'c2' })], window)).toBe(false);
    expect(hasRepeatContact(solved, [later(2, 60, { vendorId: 9 })], window)).toBe(true);
    expect(hasRepeatContact(solved, [kase({ id: 2, createdAt: at(-60) })], window)).toBe(false);
    expect(
      hasRepeatContact(kase({ solvedAt: at(DAY), customerId: null }), [later(2, 60, { customerId: null })], window),
    ).toBe(false);
  });

  it.each([
    ['never reopened, no repeat', { reopenCount: 0 }, false, 1],
    ['reopened', { reopenCount: 1 }, false, 0],
    ['repeat contact', { reopenCount: 0 }, true, 0],
    ['explicit flag true overrides a reopen and a repeat', { reopenCount: 3, firstContactResolved: true }, true, 1],
    ['explicit flag false overrides a clean case', { reopenCount: 0, firstContactResolved: false }, false, 0],
  ] as const)('%s', (_name, overrides, repeatContact, expected) => {
    expect(facts(kase({ solvedAt: at(60), ...overrides }), { repeatContact }).completion.fcrResolved).toBe(expected);
  });
});

describe('CSAT', () => {
  it.each([
    ['3 of 5 is not satisfied', 3, 5, 0],
    ['4 of 5 is satisfied', 4, 5, 1],
    ['good (2) is satisfied', 2, 2, 1],
    ['bad (1) is not satisfied', 1, 2, 0],
  ] as const)('%s', (_name, score, scale, satisfied) => {
    expect(facts(kase({ solvedAt: at(60), csatScore: score, csatScale: scale })).survey).toEqual({
      csatResponses: 1,
      csatSatisfied: satisfied,
    });
  });

  it('survey week is csat_at, falling back to solved_at; no response, no survey week', () => {
    expect(facts(kase({ solvedAt: at(60), csatScore: 5, csatScale: 5, csatAt: at(10 * DAY) })).surveyWeek).toBe(
      '2026-11-23',
    );
    expect(facts(kase({ solvedAt: at(60), csatScore: 5, csatScale: 5 })).surveyWeek).toBe('2026-11-16');
    expect(facts(kase({ solvedAt: at(60) })).surveyWeek).toBeNull();
  });
});

describe('attribution weeks in the reporting time zone', () => {
  it('a case crossing midnight Sunday in a non-UTC zone', () => {
    // Sunday 2026-11-22 23:30 in New York is Monday 04:30 UTC: arrival in W47 there, W48 in UTC.
    const c = kase({ createdAt: new Date('2026-11-23T04:30:00Z'), solvedAt: new Date('2026-11-23T05:30:00Z') });
    expect(facts(c, { timeZone: 'America/New_York' })).toMatchObject({
      arrivalWeek: '2026-11-16',
      completionWeek: '2026-11-23',
    });
    expect(facts(c, { timeZone: 'UTC' })).toMatchObject({ arrivalWeek: '2026-11-23', completionWeek: '2026-11-23' });
  });

  it('daylight-saving weeks: the week of the autumn change ends at local midnight', () => {
    // Europe/Berlin leaves DST on Sunday 2026-10-25; Monday 2026-10-26 00:00 local is 2026-10-25 23:00 UTC.
    expect(
      facts(kase({ createdAt: new Date('2026-10-25T22:59:59Z') }), { timeZone: 'Europe/Berlin' }).arrivalWeek,
    ).toBe('2026-10-19');
    expect(
      facts(kase({ createdAt: new Date('2026-10-25T23:00:00Z') }), { timeZone: 'Europe/Berlin' }).arrivalWeek,
    ).toBe('2026-10-26');
    // Spring change, Sunday 2026-03-29: Monday 2026-03-30 00:00 local is 2026-03-29 22:00 UTC.
    expect(
      facts(kase({ createdAt: new Date('2026-03-29T21:59:59Z') }), { timeZone: 'Europe/Berlin' }).arrivalWeek,
    ).toBe('2026-03-23');
    expect(
      facts(kase({ createdAt: new Date('2026-03-29T22:00:00Z') }), { timeZone: 'Europe/Berlin' }).arrivalWeek,
    ).toBe('2026-03-30');
  });
});
