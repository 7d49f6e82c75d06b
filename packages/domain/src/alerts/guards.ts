/**
 * Alert guards, pure: one state per rule × subject (vendor, metric or plan), advanced by each
 * evaluation. A rule fires only on enough sample, only once its condition has held on two evaluations in a
 * row (the pending period), again only when the state gets worse, and stays quiet once recovered: a condition
 * that flaps true/false never completes a new pending period, so it never alerts again.
 */

/** Discrete levels, so "worse" is a change of kind, not a decimal moving by noise. 0 = condition false. */
export const SEVERITIES = ['ok', 'at_risk', 'missed', 'already_lost'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const severityRank = (severity: Severity) => SEVERITIES.indexOf(severity);

export const PENDING_EVALUATIONS = 2;

export interface AlertState {
  phase: 'ok' | 'pending' | 'firing';
  /** The severity last seen while pending, or the one last alerted while firing. */
  severity: Severity;
  /** Consecutive evaluations the condition has held (counted while pending). */
  streak: number;
}

export const INITIAL_STATE: AlertState = { phase: 'ok', severity: 'ok', streak: 0 };

export interface Evaluation {
  severity: Severity;
  /** The count the minimum sample applies to (n so far). */
  sample: number;
}

export type Decision = 'fire' | 'refire' | 'resolve' | 'none';

export interface Step {
  state: AlertState;
  decision: Decision;
  reason: string;
}

export function nextAlertState(previous: AlertState, evaluation: Evaluation, minSample: number): Step {
  if (evaluation.sample < minSample) {
    // Too few cases to tell: neither fires nor clears; an alert already out stays open.
    return { state: previous, decision: 'none', reason: `sample ${evaluation.sample} under ${minSample}` };
  }
  const rank = severityRank(evaluation.severity);
  if (rank === 0) {
    if (previous.phase === 'firing') return { state: INITIAL_STATE, decision: 'resolve', reason: 'recovered' };
    return { state: INITIAL_STATE, decision: 'none', reason: 'condition does not hold' };
  }
  if (previous.phase === 'firing') {
    if (rank > severityRank(previous.severity)) {
      return {
        state: { ...previous, severity: evaluation.severity },
        decision: 'refire',
        reason: `worse: ${previous.severity} → ${evaluation.severity}`,
      };
    }
    return { state: previous, decision: 'none', reason: 'already alerted at this or a worse state' };
  }
  const streak = previous.phase === 'pending' ? previous.streak + 1 : 1;
  if (streak < PENDING_EVALUATIONS) {
    return {
      state: { phase: 'pending', severity: evaluation.severity, streak },
      decision: 'none',
      reason: `pending (${streak} of ${PENDING_EVALUATIONS} evaluations)`,
    };
  }
  return {
    state: { phase: 'firing', severity: evaluation.severity, streak },
    decision: 'fire',
    reason: `held on ${streak} evaluations in a row`,
  };
}
