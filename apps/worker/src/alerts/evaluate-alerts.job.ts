/**
 * Evaluates the alert rules and enqueues the deliveries of new firings. Thin: the ledger's unique firing and
 * delivery rows make a retry harmless; deliveries whose enqueue was lost (a crash after the commit) or whose
 * sender died mid-send are picked up by the next evaluation.
 */
import { strandedDeliveries } from '@scorecard/db/alerts/deliveries';
import { evaluateAlerts } from '@scorecard/db/alerts/evaluate';
import { alertDeliveryJobId, enqueue, type Queues } from '@scorecard/jobs';
import type { JobHandler } from '../runtime.ts';

export async function enqueueDeliveries(
  queues: Queues,
  deliveries: readonly { id: number; createdAt: Date; attempts: number }[],
) {
  for (const delivery of deliveries) {
    await enqueue(
      queues,
      'deliver-alert',
      { deliveryId: delivery.id },
      {
        jobId: alertDeliveryJobId(delivery.id, delivery.createdAt, delivery.attempts),
      },
    );
  }
}

export const evaluateAlertsJob: JobHandler<'evaluate-alerts'> = async (payload, { db, queues, config }) => {
  const result = await evaluateAlerts(db, {
    ...(payload.vendorIds ? { vendorIds: payload.vendorIds } : {}),
    publicUrl: config.http.publicUrl,
  });
  await enqueueDeliveries(queues, [...result.deliveries, ...(await strandedDeliveries(db))]);
  return { evaluated: result.evaluated, fired: result.fired.length, resolved: result.resolved };
};
