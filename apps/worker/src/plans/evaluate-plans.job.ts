import { evaluatePlans } from '@scorecard/db/plans/evaluate';
import type { JobHandler } from '../runtime.ts';

/** Thin and idempotent: a plan already decided is no longer active, so a retry changes nothing. */
export const evaluatePlansJob: JobHandler<'evaluate-plans'> = async (payload, { db }) => {
  const decisions = await evaluatePlans(db, payload.vendorIds ? { vendorIds: payload.vendorIds } : {});
  return { decided: decisions.length, decisions };
};
