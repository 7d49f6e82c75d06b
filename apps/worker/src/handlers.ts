import type { HandlerTable } from './runtime.ts';
import { importFileJob } from './imports/import-file.job.ts';
import { reconcileImportsJob } from './imports/reconcile-imports.ts';
import { recomputeJob } from './metrics/recompute.job.ts';
import { sendReportJob } from './reports/send-report.job.ts';
import { thenEvaluatePlans } from './plans/after-recompute.ts';
import { evaluatePlansJob } from './plans/evaluate-plans.job.ts';
import { pullSourceJob } from './sources/pull-source.job.ts';
import { thenEvaluateAlerts } from './alerts/after-recompute.ts';
import { evaluateAlertsJob } from './alerts/evaluate-alerts.job.ts';
import { deliverAlertJob } from './alerts/deliver-alert.job.ts';
import { purgeSessionsJob } from './sessions/purge-sessions.job.ts';

/** Every job of the registry has exactly one handler here; the runtime refuses to start otherwise. */
export const handlers: HandlerTable = {
  'import-file': importFileJob,
  'reconcile-imports': reconcileImportsJob,
  // Plans are decided and alert rules evaluated on the new figures once a recompute has committed them.
  recompute: thenEvaluateAlerts(thenEvaluatePlans(recomputeJob)),
  'send-report': sendReportJob,
  'evaluate-plans': evaluatePlansJob,
  'evaluate-alerts': evaluateAlertsJob,
  'deliver-alert': deliverAlertJob,
  'pull-source': pullSourceJob,
  'purge-sessions': purgeSessionsJob,
};
