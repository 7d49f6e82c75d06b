/**
 * The alert ledger's reads and the delivery lifecycle: queued → sending → delivered, or
 * retrying (back-off, by the job's retries) → failed. A worker claims a delivery before it talks to the
 * peer, so a second worker (or a duplicate job) finds nothing to send; a claim left in `sending` by a crash
 * may be taken again after CLAIM_LEASE_SECONDS (at least once for that case: receivers dedupe on the
 * delivery id header, docs/alerts.md).
 */
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { VendorScope } from '@scorecard/domain/vendors/scope';

export const CLAIM_LEASE_SECONDS = 300;

export interface ClaimedDelivery {
  id: number;
  channel: 'email' | 'webhook';
  recipient: string;
  attempts: number;
  firing: FiringRow;
  webhookSecret: string | null;
}

export interface FiringRow {
  id: number;
  ruleId: number;
  ruleName: string;
  vendorId: number;
  vendorName: string;
  metric: string | null;
  planId: number | null;
  week: string;
  severity: string;
  reason: string;
  figures: unknown;
  link: string;
  firedAt: string;
  resolvedAt: string | null;
}

function firingsQuery(db: Db) {
  return db
    .selectFrom('alert_firings as f')
    .innerJoin('alert_rules as r', 'r.id', 'f.rule_id')
    .innerJoin('vendors as v', 'v.id', 'f.vendor_id')
    .select([
      'f.id',
      'f.rule_id as ruleId',
      'r.name as ruleName',
      'f.vendor_id as vendorId',
      'v.name as vendorName',
      'f.metric',
      'f.plan_id as planId',
      'f.week',
      'f.severity',
      'f.reason',
      'f.figures',
      'f.link',
      'f.fired_at as firedAt',
      'f.resolved_at as resolvedAt',
    ]);
}

const toFiring = (row: Record<string, unknown>): FiringRow =>
  ({
    ...row,
    firedAt: new Date(row.firedAt as string).toISOString(),
    resolvedAt: row.resolvedAt === null ? null : new Date(row.resolvedAt as string).toISOString(),
  }) as FiringRow;

/** Newest first; a vendor scope sees its own vendor's firings only. */
export async function listFirings(db: Db, scope: VendorScope, limit: number, ruleId?: number): Promise<FiringRow[]> {
  let query = firingsQuery(db).orderBy('f.id', 'desc').limit(limit);
  if (scope.kind === 'vendor') query = query.where('f.vendor_id', '=', scope.vendorId);
  if (ruleId !== undefined) query = query.where('f.rule_id', '=', ruleId);
  return (await query.execute()).map(toFiring);
}

export interface DeliveryRow {
  id: number;
  firingId: number;
  channel: string;
  recipient: string;
  status: string;
  attempts: number;
  response: string | null;
  error: string | null;
  createdAt: string;
  deliveredAt: string | null;
  failedAt: string | null;
}

const iso = (value: unknown) => (value === null ? null : new Date(value as string).toISOString());

/** Newest first; a vendor scope sees its own vendor's deliveries, and only those addressed to email. */
export async function listDeliveries(
  db: Db,
  scope: VendorScope,
  limit: number,
  ruleId?: number,
): Promise<DeliveryRow[]> {
  let query = db
    .selectFrom('alert_deliveries as d')
    .innerJoin('alert_firings as f', 'f.id', 'd.firing_id')
    .select([
      'd.id',
      'd.firing_id as firingId',
      'd.channel',
      'd.recipient',
      'd.status',
      'd.attempts',
      'd.response',
      'd.error',
      'd.created_at as createdAt',
      'd.delivered_at as deliveredAt',
      'd.failed_at as failedAt',
    ])
    .orderBy('d.id', 'desc')
    .limit(limit);
  if (scope.kind === 'vendor') query = query.where('f.vendor_id', '=', scope.vendorId).where('d.channel', '=', 'email');
  if (ruleId !== undefined) query = query.where('f.rule_id', '=', ruleId);
  const rows = await query.execute();
  return rows.map((r) => ({
    ...r,
    createdAt: new Date(r.createdAt).toISOString(),
    deliveredAt: iso(r.deliveredAt),
    failedAt: iso(r.failedAt),
  }));
}

/** Takes a delivery for sending; null when it is delivered, failed, or being sent by someone else. */
export async function claimDelivery(db: Db, id: number): Promise<ClaimedDelivery | null> {
  const claimed = await sql<{
    id: number;
    channel: 'email' | 'webhook';
    recipient: string;
    attempts: number;
    firing_id: number;
  }>`
    UPDATE alert_deliveries SET status = 'sending', sending_at = now(), attempts = attempts + 1
    WHERE id = ${id} AND (status IN ('queued', 'retrying')
      OR (status = 'sending' AND sending_at < now() - make_interval(secs => ${CLAIM_LEASE_SECONDS})))
    RETURNING id, channel, recipient, attempts, firing_id`.execute(db);
  const row = claimed.rows[0];
  if (!row) return null;
  const firing = await firingsQuery(db).where('f.id', '=', row.firing_id).executeTakeFirstOrThrow();
  const rule = await db
    .selectFrom('alert_rules')
    .select('webhook_secret')
    .where('id', '=', firing.ruleId)
    .executeTakeFirstOrThrow();
  return {
    id: Number(row.id),
    channel: row.channel,
    recipient: row.recipient,
    attempts: row.attempts,
    firing: toFiring(firing),
    webhookSecret: rule.webhook_secret,
  };
}

export async function markDelivered(db: Db, id: number, response: string): Promise<void> {
  await db
    .updateTable('alert_deliveries')
    .set({ status: 'delivered', delivered_at: sql`now()`, response: response.slice(0, 1000), error: null })
    .where('id', '=', id)
    .execute();
}

/** `final`: no retry is left, the delivery is failed for good. */
export async function markAttemptFailed(db: Db, id: number, error: string, final: boolean): Promise<void> {
  await db
    .updateTable('alert_deliveries')
    .set({
      status: final ? 'failed' : 'retrying',
      error: error.slice(0, 1000),
      ...(final ? { failed_at: sql`now()` } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Deliveries to enqueue again: still queued a minute after they were created (their enqueue was lost), or
 * left `sending` past the claim lease (the worker died mid-send).
 */
export async function strandedDeliveries(db: Db): Promise<{ id: number; createdAt: Date; attempts: number }[]> {
  const rows = await db
    .selectFrom('alert_deliveries')
    .select(['id', 'created_at', 'attempts'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('created_at', '<', sql<Date>`now() - interval '1 minute'`)]),
        eb.and([
          eb('status', '=', 'sending'),
          eb('sending_at', '<', sql<Date>`now() - make_interval(secs => ${CLAIM_LEASE_SECONDS})`),
        ]),
      ]),
    )
    .limit(1000)
    .execute();
  return rows.map((r) => ({ id: r.id, createdAt: new Date(r.created_at), attempts: r.attempts }));
}
