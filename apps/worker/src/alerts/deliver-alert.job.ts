/**
 * Sends one alert delivery. Thin and idempotent: the claim (alerts/deliveries.ts) makes a duplicate job or a
 * second worker a no-op; a failed attempt is recorded and rethrown so BullMQ retries with back-off, and the
 * last allowed attempt marks the delivery failed.
 */
import { claimDelivery, markAttemptFailed, markDelivered } from '@scorecard/db/alerts/deliveries';
import { jobs } from '@scorecard/jobs';
import type { JobHandler } from '../runtime.ts';
import { createMailer } from '../mailer.ts';
import { alertPayload, alertSubject, alertText } from './alert-message.ts';
import { postWebhook } from './webhook.ts';

export const deliverAlertJob: JobHandler<'deliver-alert'> = async (payload, { db, config, job }) => {
  const delivery = await claimDelivery(db, payload.deliveryId);
  if (!delivery) return { sent: false, reason: 'already delivered, failed or being sent' };
  try {
    let response: string;
    if (delivery.channel === 'webhook') {
      if (!delivery.webhookSecret) throw new Error('the rule has no webhook secret');
      response = await postWebhook(
        delivery.recipient,
        delivery.webhookSecret,
        delivery.id,
        alertPayload(delivery.id, delivery.firing),
      );
    } else {
      const info = (await createMailer(config.smtp).sendMail({
        from: config.smtp.from,
        to: delivery.recipient,
        subject: alertSubject(delivery.firing),
        text: alertText(delivery.firing),
      })) as { response?: string };
      response = info.response ?? 'accepted';
    }
    await markDelivered(db, delivery.id, response);
    return { sent: true, response };
  } catch (error) {
    const attempts = job.opts.attempts ?? jobs['deliver-alert'].options.attempts;
    const final = job.attemptsMade + 1 >= attempts;
    await markAttemptFailed(db, delivery.id, error instanceof Error ? error.message : String(error), final);
    throw error;
  }
};
