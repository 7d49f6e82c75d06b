/** The vendors a recompute touched, for the jobs that follow it (plans, alerts); undefined: every vendor. */
import type { JobPayload } from '@scorecard/jobs';

export function vendorsOf(scope: JobPayload<'recompute'>['scope']): number[] | undefined {
  if (scope.kind !== 'vendor-weeks') return undefined;
  return [...new Set(scope.vendorWeeks.map((v) => v.vendorId))].sort((a, b) => a - b);
}
