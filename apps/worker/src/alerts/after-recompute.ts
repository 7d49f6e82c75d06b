/**
 * Alerts follow the figures: once a recompute has committed, `evaluate-alerts` runs for the vendors it touched.
 * Its job id derives from the recompute's, so a retried recompute does not queue a second evaluation.
 */
import { enqueue } from '@scorecard/jobs';
import type { JobHandler } from '../runtime.ts';
import { vendorsOf } from '../recompute-scope.ts';

export const alertsAfterRecomputeJobId = (recomputeJobId: string) => `alerts-after-${recomputeJobId}`;

export function thenEvaluateAlerts(recompute: JobHandler<'recompute'>): JobHandler<'recompute'> {
  return async (payload, context) => {
    const result = await recompute(payload, context);
    const vendorIds = vendorsOf(payload.scope);
    await enqueue(
      context.queues,
      'evaluate-alerts',
      { ...(vendorIds ? { vendorIds } : {}), reason: `after recompute (${payload.reason})`.slice(0, 200) },
      context.job.id ? { jobId: alertsAfterRecomputeJobId(context.job.id) } : {},
    );
    return result;
  };
}
