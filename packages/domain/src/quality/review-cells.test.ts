import { describe, expect, it } from 'vitest';
import { readAnswer, readToolScore, splitRootCauses } from './review-cells.ts';

const NA = new Set(['n/a', 'na', '-']);
const fivePoint = { key: 'accuracy', scale: 'points_5', allowNa: false } as const;
const passFail = { key: 'greeting', scale: 'pass_fail', allowNa: true } as const;

describe('readAnswer', () => {
  it.each([
    ['4', fivePoint, false, { ok: true, value: 4 }],
    ['4.0', fivePoint, false, { ok: true, value: 4 }],
    ['7', fivePoint, false, { ok: false, reason: `"accuracy" takes 1..5, not '7'` }],
    ['4.5', fivePoint, false, { ok: false, reason: `"accuracy" takes 1..5, not '4.5'` }],
    ['yes', fivePoint, false, { ok: false, reason: `"accuracy" takes 1..5, not 'yes'` }],
    ['N/A', fivePoint, false, { ok: false, reason: '"accuracy" does not allow N/A' }],
    [null, fivePoint, true, { ok: false, reason: '"accuracy" does not allow N/A' }],
    [null, fivePoint, false, { ok: false, reason: '"accuracy" is not answered (blank)' }],
    ['Pass', passFail, false, { ok: true, value: 1 }],
    ['not met', passFail, false, { ok: true, value: 0 }],
    ['0', passFail, false, { ok: true, value: 0 }],
    ['n/a', passFail, false, { ok: true, value: null }],
    [null, passFail, true, { ok: true, value: null }],
    ['Maybe', passFail, false, { ok: false, reason: `"greeting" takes 0..1, not 'Maybe'` }],
  ] as const)('%s on %o (blank is N/A: %s)', (cell, criterion, blankIsNa, expected) => {
    expect(readAnswer(cell, criterion, NA, blankIsNa)).toEqual(expected);
  });
});

describe('readToolScore', () => {
  it.each([
    ['85', 85],
    ['85%', 85],
    ['85.5 %', 85.5],
    ['0.85', 85],
    ['1.00', 100],
    ['17/20', 85],
    ['1', 1],
    ['0', 0],
  ])('%s → %d', (cell, score) => {
    expect(readToolScore(cell)).toEqual({ ok: true, score });
  });
  it.each(['120', '-5', 'great', '3/0', ''])('%s is not a score', (cell) => {
    expect(readToolScore(cell).ok).toBe(false);
  });
});

describe('splitRootCauses', () => {
  it('reads criterion: cause and criterion=cause entries separated by ; or |', () => {
    expect(splitRootCauses('accuracy: agent error; policy=SOP unclear | training gap')).toEqual([
      { criterion: 'accuracy', cause: 'agent error' },
      { criterion: 'policy', cause: 'SOP unclear' },
      { criterion: null, cause: 'training gap' },
    ]);
  });
});
