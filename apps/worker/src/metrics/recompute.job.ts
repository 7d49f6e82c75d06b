import type { JobHandler } from '../runtime.ts';

export const recomputeJob: JobHandler<'recompute'> = async () => {
  throw new Error('recompute: being built (issue 4)');
};
