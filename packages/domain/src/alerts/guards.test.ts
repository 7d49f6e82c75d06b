import { describe, expect, it } from 'vitest';
import { INITIAL_STATE, nextAlertState, type AlertState, type Decision, type Severity } from './guards.ts';

/** Runs a sequence of evaluations (severity, sample) from the initial state; returns the decisions. */
function run(evaluations: readonly [Severity, number][], minSample = 30): { decisions: Decision[]; last: AlertState } {
  let state = INITIAL_STATE;
  const decisions: Decision[] = [];
  for (const [severity, sample] of evaluations) {
    const step = nextAlertState(state, { severity, sample }, minSample);
    decisions.push(step.decision);
    state = step.state;
  }
  return { decisions, last: state };
}

describe('alert guards', () => {
  const cases: [string, [Severity, number][], Decision[]][] = [
    ['one bad evaluation is only pending', [['missed', 100]], ['none']],
    [
      'two in a row fire once',
      [
        ['missed', 100],
        ['missed', 100],
      ],
      ['none', 'fire'],
    ],
    [
      'the same state again fires none',
      [
        ['missed', 100],
        ['missed', 100],
        ['missed', 100],
      ],
      ['none', 'fire', 'none'],
    ],
    [
      'a better but still bad state fires none',
      [
        ['missed', 100],
        ['missed', 100],
        ['at_risk', 100],
      ],
      ['none', 'fire', 'none'],
    ],
    [
      'a worse state fires again',
      [
        ['at_risk', 100],
        ['at_risk', 100],
        ['missed', 100],
      ],
      ['none', 'fire', 'refire'],
    ],
    [
      'worse twice',
      [
        ['at_risk', 9e9],
        ['at_risk', 9e9],
        ['missed', 9e9],
        ['already_lost', 9e9],
      ],
      ['none', 'fire', 'refire', 'refire'],
    ],
    [
      'recovery resolves',
      [
        ['missed', 100],
        ['missed', 100],
        ['ok', 100],
      ],
      ['none', 'fire', 'resolve'],
    ],
    [
      'flapping after recovery stays quiet',
      [
        ['missed', 100],
        ['missed', 100],
        ['ok', 100],
        ['missed', 100],
        ['ok', 100],
        ['missed', 100],
        ['ok', 100],
      ],
      ['none', 'fire', 'resolve', 'none', 'none', 'none', 'none'],
    ],
    [
      'the pending period restarts after a clear evaluation',
      [
        ['missed', 100],
        ['ok', 100],
        ['missed', 100],
      ],
      ['none', 'none', 'none'],
    ],
    [
      'under the minimum sample nothing fires',
      [
        ['missed', 29],
        ['missed', 29],
        ['missed', 29],
      ],
      ['none', 'none', 'none'],
    ],
    [
      'a low-sample evaluation neither fires nor clears',
      [
        ['missed', 100],
        ['missed', 10],
        ['missed', 100],
      ],
      ['none', 'none', 'fire'],
    ],
    [
      'an open alert survives a low-sample evaluation',
      [
        ['missed', 100],
        ['missed', 100],
        ['ok', 5],
      ],
      ['none', 'fire', 'none'],
    ],
  ];
  for (const [name, evaluations, expected] of cases) {
    it(name, () => expect(run(evaluations).decisions).toEqual(expected));
  }

  it('states why', () => {
    const first = nextAlertState(INITIAL_STATE, { severity: 'missed', sample: 100 }, 30);
    expect(first.reason).toBe('pending (1 of 2 evaluations)');
    expect(nextAlertState(first.state, { severity: 'missed', sample: 100 }, 30).reason).toBe(
      'held on 2 evaluations in a row',
    );
  });

  it('remembers the severity alerted', () => {
    expect(
      run([
        ['at_risk', 100],
        ['at_risk', 100],
        ['missed', 100],
      ]).last,
    ).toEqual({
      phase: 'firing',
      severity: 'missed',
      streak: 2,
    });
  });
});
