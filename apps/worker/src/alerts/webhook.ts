/**
 * Webhook delivery of an alert: a JSON POST signed with the rule's secret. The signature header is
 * `Scorecard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (docs/alerts.md shows how to
 * verify it); `Scorecard-Delivery` carries the delivery id, the same on every retry, for the receiver to dedupe.
 */
import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'scorecard-signature';
export const DELIVERY_HEADER = 'scorecard-delivery';
const WEBHOOK_TIMEOUT_MS = 10_000;

export function signWebhook(secret: string, timestampSeconds: number, body: string): string {
  const digest = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${digest}`;
}

export class WebhookRefused extends Error {
  override name = 'WebhookRefused';
}

/** Resolves with the receiver's status line on a 2xx; throws WebhookRefused (or a network error) otherwise. */
export async function postWebhook(url: string, secret: string, deliveryId: number, payload: unknown): Promise<string> {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
      [DELIVERY_HEADER]: String(deliveryId),
    },
    body,
    redirect: 'error',
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
  });
  // The body is read (and dropped) so the connection is released; receivers are not trusted to be short.
  await response.body?.cancel();
  if (!response.ok) throw new WebhookRefused(`HTTP ${response.status} ${response.statusText}`);
  return `HTTP ${response.status}`;
}
