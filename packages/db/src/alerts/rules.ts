/**
 * Alert rules and subscriptions. A vendor user's scope sees the rules that can fire about their
 * vendor (organisation-wide or their own), without other people's addresses or the webhook; filtered in SQL.
 */
import type { ConditionKind } from '@scorecard/domain/alerts/conditions';
import type { MetricKey } from '@scorecard/domain/metrics/catalogue';
import type { VendorScope } from '@scorecard/domain/vendors/scope';
import { sql, type Selectable } from 'kysely';
import type { Db } from '../database.ts';
import type { AlertRules } from '../schema.generated.ts';

export interface AlertRuleInput {
  name: string;
  vendorId: number | null;
  metric: MetricKey | null;
  condition: ConditionKind;
  threshold: number | null;
  minSample: number | null;
  emailTo: string[];
  webhookUrl: string | null;
  enabled: boolean;
}

export interface AlertRule extends AlertRuleInput {
  id: number;
  hasWebhook: boolean;
  /** The user's own subscription (by email) to this rule. */
  subscribed: boolean;
  createdAt: string;
}

function toRule(row: Selectable<AlertRules> & { subscribed: boolean }, scope: VendorScope): AlertRule {
  const own = scope.kind === 'all';
  return {
    id: row.id,
    name: row.name,
    vendorId: row.vendor_id,
    metric: row.metric as MetricKey | null,
    condition: row.condition as ConditionKind,
    threshold: row.threshold,
    minSample: row.min_sample,
    emailTo: own ? row.email_to : [],
    webhookUrl: own ? row.webhook_url : null,
    hasWebhook: row.webhook_url !== null,
    enabled: row.enabled,
    subscribed: row.subscribed,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

function scoped(db: Db, scope: VendorScope, userId: number) {
  let query = db
    .selectFrom('alert_rules as r')
    .selectAll('r')
    .select(
      sql<boolean>`EXISTS (SELECT 1 FROM alert_subscriptions s WHERE s.rule_id = r.id AND s.user_id = ${userId})`.as(
        'subscribed',
      ),
    );
  if (scope.kind === 'vendor') {
    query = query.where((eb) => eb.or([eb('r.vendor_id', 'is', null), eb('r.vendor_id', '=', scope.vendorId)]));
  }
  return query;
}

export async function listAlertRules(db: Db, scope: VendorScope, userId: number): Promise<AlertRule[]> {
  const rows = await scoped(db, scope, userId).orderBy('r.id').execute();
  return rows.map((row) => toRule(row, scope));
}

export async function findAlertRule(db: Db, scope: VendorScope, userId: number, id: number): Promise<AlertRule | null> {
  const row = await scoped(db, scope, userId).where('r.id', '=', id).executeTakeFirst();
  return row ? toRule(row, scope) : null;
}

const columns = (input: AlertRuleInput) => ({
  name: input.name,
  vendor_id: input.vendorId,
  metric: input.metric,
  condition: input.condition,
  threshold: input.threshold,
  min_sample: input.minSample,
  email_to: input.emailTo,
  webhook_url: input.webhookUrl,
  enabled: input.enabled,
});

/** `webhookSecret` is set whenever a webhook URL is (the caller generates it and shows it once). */
export async function createAlertRule(
  db: Db,
  input: AlertRuleInput,
  webhookSecret: string | null,
  createdBy: number,
): Promise<number> {
  const row = await db
    .insertInto('alert_rules')
    .values({ ...columns(input), webhook_secret: webhookSecret, created_by: createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A changed webhook URL gets a new secret (`webhookSecret`); an unchanged one keeps its secret. */
export async function updateAlertRule(
  db: Db,
  id: number,
  input: AlertRuleInput,
  webhookSecret: string | null | undefined,
): Promise<boolean> {
  const result = await db
    .updateTable('alert_rules')
    .set({
      ...columns(input),
      ...(webhookSecret !== undefined ? { webhook_secret: webhookSecret } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteAlertRule(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('alert_rules').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function webhookOf(db: Db, id: number): Promise<{ url: string | null; secret: string | null } | null> {
  const row = await db
    .selectFrom('alert_rules')
    .select(['webhook_url', 'webhook_secret'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { url: row.webhook_url, secret: row.webhook_secret } : null;
}

export async function setSubscription(db: Db, ruleId: number, userId: number, subscribed: boolean): Promise<void> {
  if (subscribed) {
    await db
      .insertInto('alert_subscriptions')
      .values({ rule_id: ruleId, user_id: userId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  } else {
    await db.deleteFrom('alert_subscriptions').where('rule_id', '=', ruleId).where('user_id', '=', userId).execute();
  }
}
