/**
 * docs/definitions.md: a plan is decided when the metric's weeks change, i.e. after every recompute. The recompute handler
 * is the metrics engine's; this wrapper enqueues `evaluate-plans` for the vendors it touched once it succeeded.
 */
import { enqueue } from '@scorecard/jobs';
import { vendorsOf } from '../recompute-scope.ts';
import type { JobHandler } from '../runtime.ts';

export function thenEvaluatePlans(recompute: JobHandler<'recompute'>): JobHandler<'recompute'> {
  return async (payload, context) => {
    const result = await recompute(payload, context);
    const vendorIds = vendorsOf(payload.scope);
    await enqueue(context.queues, 'evaluate-plans', {
      ...(vendorIds ? { vendorIds } : {}),
      reason: `after recompute (${payload.reason})`.slice(0, 200),
    });
    return result;
  };
}
