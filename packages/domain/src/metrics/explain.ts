/**
 * Why a case contributes to a metric the way it does, in words a vendor can check, from the per-case facts
 * the SQL view `case_facts` computed (this file restates no rule: it reads the view's decisions).
 */
import type { MetricKey } from './catalogue.ts';

export interface FactsRow {
  channel: string;
  escalated: number;
  liveOffered: number;
  liveAnsweredWithin: number;
  liveAbandoned: number;
  liveShortAbandon: boolean | null;
  liveWaitSeconds: number | null;
  liveThresholdSeconds: number | null;
  asyncDue: number;
  asyncMet: number;
  asyncSlaSeconds: number;
  frtSeconds: number | null;
  solved: number;
  handleSeconds: number | null;
  fcrResolved: number;
  fcrFlag: boolean | null;
  reopenCount: number | null;
  repeatContactExternalId: string | null;
  /**
   * A repeat contact exists but is another vendor's case and the viewer is that vendor's user: it is
   * described without its id (docs/security.md "Vendor isolation"); `repeatContactExternalId` is then null.
   */
  repeatContactHidden: boolean;
  repeatWindowSeconds: number;
  resolutionSeconds: number | null;
  csatResponded: number;
  csatSatisfied: number;
  csatScore: number | null;
  csatScale: number | null;
  satisfiedScore: number;
}

export interface Contribution {
  contributes: boolean;
  outcome: string;
  why: string;
}

/**
 * Seconds as a person reads them, with the exact seconds beside anything of a minute or more:
 * "34 s", "2 min 5 s (125 s)", "28 h (100800 s)", "3 d 2 h (266400 s)". Days only from 48 h, as SLAs are
 * stated in hours up to two days.
 */
export function readableSeconds(seconds: number | null): string {
  if (seconds === null) return 'unknown';
  const exact = `${round(seconds)} s`;
  if (Math.abs(seconds) < 60) return exact;
  let rest = Math.round(Math.abs(seconds));
  const parts: string[] = [];
  const units = [
    ['d', 86_400],
    ['h', 3_600],
    ['min', 60],
  ] as const;
  for (const [unit, size] of rest >= 2 * 86_400 ? units : units.slice(1)) {
    if (rest >= size) parts.push(`${Math.floor(rest / size)} ${unit}`);
    rest %= size;
  }
  if (rest > 0) parts.push(`${rest} s`);
  return `${seconds < 0 ? '−' : ''}${parts.join(' ')} (${exact})`;
}
const s = readableSeconds;
const round = (n: number) => Math.round(n * 10) / 10;
const duration = (seconds: number) => (seconds % 3600 === 0 ? `${seconds / 3600} h` : `${seconds} s`);
const out = (contributes: boolean, outcome: string, why: string): Contribution => ({ contributes, outcome, why });

export function explainContribution(metric: MetricKey, f: FactsRow): Contribution {
  switch (metric) {
    case 'volume':
      return out(true, 'counted', 'created in this week');
    case 'escalation_rate':
      return out(
        true,
        f.escalated ? 'escalated' : 'not_escalated',
        f.escalated ? 'marked escalated' : 'not marked escalated',
      );
    case 'service_level':
    case 'abandon_rate':
      return explainServiceLevel(metric, f);
    case 'frt':
      return f.frtSeconds === null
        ? out(false, 'left_out', 'no first response yet')
        : out(true, 'measured', `first response after ${s(f.frtSeconds)}`);
    case 'aht':
      if (!f.solved) return out(false, 'left_out', 'not solved');
      return f.handleSeconds === null
        ? out(false, 'left_out', 'solved without a handle time')
        : out(true, 'measured', `handled for ${s(f.handleSeconds)}`);
    case 'resolution_time':
      return f.solved
        ? out(true, 'measured', `solved after ${s(f.resolutionSeconds)}`)
        : out(false, 'left_out', 'not solved');
    case 'reopen_rate':
      if (!f.solved) return out(false, 'left_out', 'not solved');
      return (f.reopenCount ?? 0) > 0
        ? out(true, 'reopened', `reopened ${f.reopenCount} time(s)`)
        : out(true, 'not_reopened', 'never reopened');
    case 'fcr':
      return explainFcr(f);
    case 'quality_score':
    case 'fatal_error_rate':
    case 'calibration_gap':
    case 'dispute_rate':
    case 'dispute_acceptance_rate':
    case 'avoidable_escalation_rate':
      // Review metrics are drilled down to the reviews (GET /api/quality/reviews/drill-down), never to cases.
      return out(false, 'left_out', 'a quality figure counts the reviews made in the week, not the cases');
    case 'csat':
      if (!f.csatResponded) return out(false, 'left_out', 'no survey response');
      return f.csatSatisfied
        ? out(
            true,
            'satisfied',
            f.csatScale === 2 ? 'rated good' : `scored ${f.csatScore} of 5 (satisfied from ${f.satisfiedScore})`,
          )
        : out(
            true,
            'unsatisfied',
            f.csatScale === 2 ? 'rated bad' : `scored ${f.csatScore} of 5 (satisfied from ${f.satisfiedScore})`,
          );
  }
}

function explainServiceLevel(metric: 'service_level' | 'abandon_rate', f: FactsRow): Contribution {
  if (f.channel === 'voice' || f.channel === 'chat') {
    if (f.liveShortAbandon) return out(false, 'left_out', `abandoned after ${s(f.liveWaitSeconds)}, a short abandon`);
    if (!f.liveOffered) return out(false, 'left_out', 'neither answered nor abandoned');
    if (f.liveAbandoned)
      return out(true, metric === 'abandon_rate' ? 'abandoned' : 'missed', `abandoned after ${s(f.liveWaitSeconds)}`);
    if (metric === 'abandon_rate') return out(true, 'answered', `answered after ${s(f.liveWaitSeconds)}`);
    return f.liveAnsweredWithin
      ? out(true, 'met', `answered after ${s(f.liveWaitSeconds)} ≤ ${s(f.liveThresholdSeconds)} threshold`)
      : out(true, 'missed', `answered after ${s(f.liveWaitSeconds)} > ${s(f.liveThresholdSeconds)} threshold`);
  }
  if (metric === 'abandon_rate') return out(false, 'left_out', 'not a live channel');
  const target = duration(f.asyncSlaSeconds);
  if (!f.asyncDue) return out(false, 'left_out', `no first response yet, not older than the ${target} target`);
  if (f.frtSeconds === null) return out(true, 'missed', `no first response and older than the ${target} target`);
  return f.asyncMet
    ? out(true, 'met', `first response after ${s(f.frtSeconds)} ≤ ${target}`)
    : out(true, 'missed', `first response after ${s(f.frtSeconds)} > ${target}`);
}

function explainFcr(f: FactsRow): Contribution {
  if (!f.solved) return out(false, 'left_out', 'not solved');
  if (f.fcrFlag !== null) {
    return out(
      true,
      f.fcrResolved ? 'resolved' : 'not_resolved',
      `the help desk's first-contact flag says ${f.fcrFlag ? 'yes' : 'no'}`,
    );
  }
  if ((f.reopenCount ?? 0) > 0) return out(true, 'not_resolved', `reopened ${f.reopenCount} time(s)`);
  if (f.repeatContactHidden) {
    return out(
      true,
      'not_resolved',
      `the same customer contacted the same queue again within ${duration(f.repeatWindowSeconds)} of solving: a later contact handled by another vendor`,
    );
  }
  if (f.repeatContactExternalId !== null) {
    return out(
      true,
      'not_resolved',
      `same customer opened ${f.repeatContactExternalId} in the same queue within ${duration(f.repeatWindowSeconds)} of solving`,
    );
  }
  return out(true, 'resolved', `never reopened and no repeat contact within ${duration(f.repeatWindowSeconds)}`);
}
