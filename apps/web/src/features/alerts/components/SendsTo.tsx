/** Where a rule sends: its own addresses and webhook, plus the viewer when they subscribed (docs/alerts.md). */
import type { AlertRule } from '../api/list-rules.ts';

export function SendsTo({ rule }: { rule: AlertRule }) {
  const targets = [
    ...rule.emailTo,
    rule.hasWebhook ? (rule.webhookUrl ?? 'a webhook') : null,
    rule.subscribed ? 'you (subscribed)' : null,
  ].filter((t): t is string => t !== null);
  if (targets.length > 0) return <>{targets.join(', ')}</>;
  // The list does not carry other users' subscriptions, so an empty list means "subscribers only", not "nobody".
  return <span className="hint">— no address or webhook: only its subscribers hear</span>;
}
