import type { HandlerTable } from './runtime.ts';
import { importFileJob } from './imports/import-file.job.ts';
import { recomputeJob } from './metrics/recompute.job.ts';
import { sendReportJob } from './reports/send-report.job.ts';
import { thenEvaluatePlans } from './plans/after-recompute.ts';
import { evaluatePlansJob } from './plans/evaluate-plans.job.ts';
import { purgeSessionsJob } from './sessions/purge-sessions.job.ts';

/** Every job of the registry has exactly one handler here; the runtime refuses to start otherwise. */
export const handlers: HandlerTable = {
  'import-file': importFileJob,
  // Plans are decided on the new figures once a recompute has committed them.
  recompute: thenEvaluatePlans(recomputeJob),
  'send-report': sendReportJob,
  'evaluate-plans': evaluatePlansJob,
  'purge-sessions': purgeSessionsJob,
};
