import type { HandlerTable } from './runtime.ts';
import { importFileJob } from './imports/import-file.job.ts';
import { recomputeJob } from './metrics/recompute.job.ts';
import { sendReportJob } from './reports/send-report.job.ts';

/** Every job of the registry has exactly one handler here; the runtime refuses to start otherwise. */
export const handlers: HandlerTable = {
  'import-file': importFileJob,
  recompute: recomputeJob,
  'send-report': sendReportJob,
};
