import { describe, expect, it } from 'vitest';
import { explainContribution, readableSeconds, type FactsRow } from './explain.ts';

const row = (overrides: Partial<FactsRow>): FactsRow => ({
  channel: 'voice',
  escalated: 0,
  liveOffered: 0,
  liveAnsweredWithin: 0,
  liveAbandoned: 0,
  liveShortAbandon: false,
  liveWaitSeconds: null,
  liveThresholdSeconds: 20,
  asyncDue: 0,
  asyncMet: 0,
  asyncSlaSeconds: 86_400,
  frtSeconds: null,
  solved: 0,
  handleSeconds: null,
  fcrResolved: 0,
  fcrFlag: null,
  reopenCount: 0,
  repeatContactExternalId: null,
  repeatContactHidden: false,
  repeatWindowSeconds: 604_800,
  resolutionSeconds: null,
  csatResponded: 0,
  csatSatisfied: 0,
  csatScore: null,
  csatScale: null,
  satisfiedScore: 4,
  ...overrides,
});

describe('explainContribution', () => {
  it.each([
    [
      'service_level',
      { liveOffered: 1, liveAnsweredWithin: 0, liveWaitSeconds: 34 },
      { contributes: true, outcome: 'missed', why: 'answered after 34 s > 20 s threshold' },
    ],
    [
      'service_level',
      { liveOffered: 1, liveAnsweredWithin: 1, liveWaitSeconds: 20 },
      { contributes: true, outcome: 'met', why: 'answered after 20 s ≤ 20 s threshold' },
    ],
    ['abandon_rate', { liveShortAbandon: true, liveWaitSeconds: 4 }, { contributes: false, outcome: 'left_out' }],
    [
      'abandon_rate',
      { liveOffered: 1, liveAbandoned: 1, liveWaitSeconds: 5 },
      { contributes: true, outcome: 'abandoned' },
    ],
    [
      'service_level',
      { channel: 'email', asyncDue: 0 },
      { contributes: false, outcome: 'left_out', why: 'no first response yet, not older than the 24 h target' },
    ],
    [
      'service_level',
      { channel: 'email', asyncDue: 1, asyncMet: 1, frtSeconds: 86_400 },
      { contributes: true, outcome: 'met', why: 'first response after 24 h (86400 s) ≤ 24 h' },
    ],
    [
      'fcr',
      { solved: 1, fcrResolved: 1, fcrFlag: true, reopenCount: 2 },
      { outcome: 'resolved', why: "the help desk's first-contact flag says yes" },
    ],
    [
      'fcr',
      { solved: 1, repeatContactExternalId: 'Z-9' },
      { outcome: 'not_resolved', why: 'same customer opened Z-9 in the same queue within 168 h of solving' },
    ],
    [
      'fcr',
      { solved: 1, repeatContactHidden: true },
      {
        outcome: 'not_resolved',
        why: 'the same customer contacted the same queue again within 168 h of solving: a later contact handled by another vendor',
      },
    ],
    ['fcr', { solved: 0 }, { contributes: false, outcome: 'left_out', why: 'not solved' }],
    [
      'csat',
      { csatResponded: 1, csatScore: 3, csatScale: 5 },
      { contributes: true, outcome: 'unsatisfied', why: 'scored 3 of 5 (satisfied from 4)' },
    ],
    [
      'csat',
      { csatResponded: 1, csatSatisfied: 1, csatScore: 2, csatScale: 2 },
      { outcome: 'satisfied', why: 'rated good' },
    ],
    ['aht', { solved: 1, handleSeconds: null }, { contributes: false, why: 'solved without a handle time' }],
  ] as const)('%s %j', (metric, overrides, expected) => {
    expect(explainContribution(metric, row(overrides))).toMatchObject(expected);
  });
});

describe('readableSeconds', () => {
  it.each([
    [null, 'unknown'],
    [0, '0 s'],
    [34, '34 s'],
    [59.94, '59.9 s'],
    [60, '1 min (60 s)'],
    [125, '2 min 5 s (125 s)'],
    [3_600, '1 h (3600 s)'],
    [5_520.4, '1 h 32 min (5520.4 s)'],
    [86_400, '24 h (86400 s)'],
    [100_800, '28 h (100800 s)'],
    [172_799, '47 h 59 min 59 s (172799 s)'],
    [172_800, '2 d (172800 s)'],
    [266_400, '3 d 2 h (266400 s)'],
    [-90, '−1 min 30 s (-90 s)'],
  ])('%s → %s', (seconds, expected) => {
    expect(readableSeconds(seconds)).toBe(expected);
  });
});
