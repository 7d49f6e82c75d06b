import { loadConfig } from '@scorecard/config';
import { reconcileReportSchedulers } from './reports/report-schedulers.ts';
import { startWorkers } from './runtime.ts';
import { startImportReconciler } from './imports/reconcile-imports.ts';
import { reportingTimeZone } from './metrics/recompute.job.ts';
import { scheduleNightlyRecompute } from './metrics/nightly-recompute.ts';
import { scheduleDailyPlanEvaluation } from './plans/daily-evaluation.ts';
import { reconcileSourceSchedulers } from './sources/source-schedulers.ts';
import { scheduleAlertEvaluation } from './alerts/alert-scheduler.ts';
import { scheduleSessionPurge } from './sessions/purge-sessions.job.ts';

const config = loadConfig();
const runtime = startWorkers(config);
for (const worker of runtime.workers) {
  worker.on('failed', (job, error) => console.error(`[worker] ${job?.name} ${job?.id} failed: ${error.message}`));
}
reportingTimeZone(runtime.db)
  .then((timeZone) => scheduleNightlyRecompute(runtime.queues, timeZone))
  .catch((error: unknown) => console.error('[worker] could not schedule the nightly recompute', error));
reportingTimeZone(runtime.db)
  .then((timeZone) => scheduleDailyPlanEvaluation(runtime.queues, timeZone))
  .catch((error: unknown) => console.error('[worker] could not schedule the daily plan evaluation', error));
reportingTimeZone(runtime.db)
  .then((timeZone) => scheduleAlertEvaluation(runtime.queues, config.alerts.evaluationCron, timeZone))
  .catch((error: unknown) => console.error('[worker] could not schedule the alert evaluation', error));
scheduleSessionPurge(runtime.queues).catch((error: unknown) =>
  console.error('[worker] could not schedule the session purge', error),
);
reconcileReportSchedulers(runtime.db, runtime.queues).then(
  ({ active, removed }) => console.log(`[worker] report schedulers: ${active} active, ${removed} removed`),
  (error: unknown) => console.error('[worker] could not reconcile report schedulers', error),
);
startImportReconciler(runtime.db, runtime.queues, config.imports.reconcileIntervalMs, (message) =>
  console.log(`[worker] ${message}`),
).catch((error: unknown) => console.error('[worker] could not start the import reconciler', error));
reconcileSourceSchedulers(runtime.db, runtime.queues).then(
  ({ active, removed }) => console.log(`[worker] import source schedulers: ${active} active, ${removed} removed`),
  (error: unknown) => console.error('[worker] could not reconcile import source schedulers', error),
);
console.log(
  `[worker] listening on queues with prefix "${config.redis.queuePrefix}", concurrency ${config.worker.concurrency}`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`[worker] ${signal}: finishing current jobs`);
    runtime.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('[worker] shutdown failed', error);
        process.exit(1);
      },
    );
  });
}
