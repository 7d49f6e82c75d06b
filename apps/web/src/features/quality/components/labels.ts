import type { SamplingPlan } from '../api/sampling.ts';

/** The words the quality pages print for the API's keys. */
export const ROOT_CAUSE_LABELS: Record<string, string> = {
  agent_error: 'Agent error',
  sop_unclear_or_missing: 'SOP unclear or missing',
  tool_or_product_bug: 'Tool or product bug',
  policy: 'Policy',
};

export function rootCauseLabel(key: string | null | undefined): string {
  if (!key) return '—';
  return ROOT_CAUSE_LABELS[key] ?? key.replaceAll('_', ' ');
}

export const SCALE_LABELS = {
  pass_fail: 'Pass / fail',
  points_3: '3-point',
  points_4: '4-point',
  points_5: '5-point',
} as const;

export const KIND_LABELS = {
  qa_audit: 'QA audit',
  escalation_review: 'Escalation review',
  calibration: 'Calibration',
} as const;

export const DISPUTE_STATUS_LABELS: Record<string, string> = {
  open: 'Open',
  accepted: 'Accepted',
  partly_accepted: 'Partly accepted',
  rejected: 'Rejected',
};

/** An answer as the reviewer gave it: pass/fail in words, points as "3 of 5", N/A. */
export function answerText(value: number | null | undefined, scale: keyof typeof SCALE_LABELS): string {
  if (value === null || value === undefined) return 'N/A';
  if (scale === 'pass_fail') return value === 1 ? 'Pass' : 'Fail';
  return `${value} of ${scale.slice('points_'.length)}`;
}

export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : score.toFixed(1);
}

export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${value.toFixed(1)} %`;
}

export function planScope(plan: SamplingPlan): string {
  return [plan.queue ?? 'every queue', plan.channel ?? 'every channel'].join(' · ');
}

export function planPeriod(plan: SamplingPlan): string {
  return plan.period === 'week' ? `week of ${plan.periodStart}` : `month ${plan.periodStart.slice(0, 7)}`;
}
