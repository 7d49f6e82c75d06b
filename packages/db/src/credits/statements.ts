/**
 * Monthly statements: computed from the month's figures and the inputs in force, stored as drafts, then shared,
 * disputed line by line, decided and finalised; every change is a credit_statement_events row. A final
 * statement's `computed` is never rewritten: a later recompute is returned beside it as a difference.
 */
import { addMonths, type Month } from '@scorecard/domain/credits/levels';
import { computeStatement, type PastLine, type Statement } from '@scorecard/domain/credits/statement';
import type { MetricKey } from '@scorecard/domain/metrics/catalogue';
import type { Transaction } from 'kysely';
import type { Db } from '../database.ts';
import type { DB } from '../schema.generated.ts';
import { monthInputs } from './credit-terms.ts';
import { lockVendorCredits } from './vendor-lock.ts';
import { monthFigures } from './month-figures.ts';

export type StatementStatus = 'draft' | 'shared' | 'disputed' | 'final';

/** 'YYYY-MM' → 'YYYY-MM-01' and back. */
export const monthStart = (month: Month) => `${month}-01`;
export const monthOf = (day: string) => day.slice(0, 7);

/** Earlier months of the vendor's stored statements, by metric, as each statement recorded them. */
export async function history(db: Db, vendorId: number, month: Month, windowMonths: number) {
  const rows = await db
    .selectFrom('credit_statements')
    .select(['month', 'computed'])
    .where('vendor_id', '=', vendorId)
    .where('month', '<', monthStart(month))
    .where('month', '>=', monthStart(addMonths(month, -Math.max(windowMonths, 24))))
    .execute();
  const byMetric = new Map<MetricKey, Map<Month, PastLine>>();
  for (const row of rows) {
    for (const line of (row.computed as unknown as Statement).lines) {
      const past = byMetric.get(line.metric) ?? new Map<Month, PastLine>();
      past.set(monthOf(row.month), { outcome: line.outcome, chargedMinor: line.chargedMinor });
      byMetric.set(line.metric, past);
    }
  }
  return byMetric;
}

/** The vendor's statement for `month` as the cases and terms stand now; null when no money terms are in force. */
export async function computeVendorMonth(
  db: Db,
  vendorId: number,
  month: Month,
): Promise<{ termsId: number; invoiceId: number | null; statement: Statement } | null> {
  const inputs = await monthInputs(db, vendorId, monthStart(month));
  if (!inputs) return null;
  const [{ parts, figures }, past] = await Promise.all([
    monthFigures(db, vendorId, monthStart(month)),
    history(db, vendorId, month, inputs.terms.defaultRule.windowMonths),
  ]);
  const statement = computeStatement({
    month,
    terms: inputs.terms,
    levels: inputs.levels,
    figures,
    history: past,
    volume: { actual: parts.volume, forecast: inputs.forecast },
    reliefEvents: inputs.reliefEvents,
  });
  return { termsId: inputs.termsId, invoiceId: inputs.invoiceId, statement };
}

export interface StoredStatement {
  id: number;
  vendorId: number;
  month: Month;
  status: StatementStatus;
  /** The money terms row the statement was computed under. */
  termsId: number;
  /** The month's own invoice version it was computed with; null: the terms' amount applied. */
  invoiceId: number | null;
  computed: Statement;
  computedAt: string;
  sharedAt: string | null;
  finalisedAt: string | null;
}

export async function findStatement(
  db: Db | Transaction<DB>,
  id: number,
  vendorId: number | null,
): Promise<StoredStatement | null> {
  let query = db.selectFrom('credit_statements').selectAll().where('id', '=', id);
  if (vendorId !== null) query = query.where('vendor_id', '=', vendorId).where('status', '<>', 'draft');
  const row = await query.executeTakeFirst();
  return row ? toStored(row) : null;
}

/** Statements newest month first; `vendorId` restricts to one vendor and hides its drafts. */
export async function listStatements(db: Db, vendorId: number | null): Promise<StoredStatement[]> {
  let query = db.selectFrom('credit_statements').selectAll().orderBy('month', 'desc').orderBy('vendor_id');
  if (vendorId !== null) query = query.where('vendor_id', '=', vendorId).where('status', '<>', 'draft');
  return (await query.execute()).map(toStored);
}

function toStored(row: {
  id: number;
  vendor_id: number;
  month: string;
  status: string;
  terms_id: number;
  invoice_id: number | null;
  computed: unknown;
  computed_at: Date;
  shared_at: Date | null;
  finalised_at: Date | null;
}): StoredStatement {
  return {
    id: row.id,
    vendorId: row.vendor_id,
    month: monthOf(row.month),
    status: row.status as StatementStatus,
    termsId: row.terms_id,
    invoiceId: row.invoice_id,
    computed: row.computed as Statement,
    computedAt: row.computed_at.toISOString(),
    sharedAt: row.shared_at?.toISOString() ?? null,
    finalisedAt: row.finalised_at?.toISOString() ?? null,
  };
}

/**
 * Computes the vendor's month and stores it as its draft in one transaction under the vendor's credits lock
 * (lockVendorCredits), so the draft names exactly the terms and invoice versions it was computed with. 'no-vendor', 'no-terms'
 * (none in force) or 'past-draft' (the month's statement is shared or later) when nothing is stored.
 */
export async function computeDraft(
  trx: Transaction<DB>,
  vendorId: number,
  month: Month,
  actorUserId: number | null,
): Promise<number | 'no-vendor' | 'no-terms' | 'past-draft'> {
  if (!(await lockVendorCredits(trx, vendorId))) return 'no-vendor';
  const computed = await computeVendorMonth(trx, vendorId, month);
  if (!computed) return 'no-terms';
  return (await saveDraft(trx, vendorId, computed, actorUserId)) ?? 'past-draft';
}

/** Stores a (re)computed draft; returns null when the month's statement is past draft (shared or later). */
async function saveDraft(
  trx: Transaction<DB>,
  vendorId: number,
  { termsId, invoiceId, statement }: { termsId: number; invoiceId: number | null; statement: Statement },
  actorUserId: number | null,
): Promise<number | null> {
  const computed = JSON.stringify(statement);
  const inputs = { terms_id: termsId, invoice_id: invoiceId, computed };
  const row = await trx
    .insertInto('credit_statements')
    .values({ vendor_id: vendorId, month: monthStart(statement.month), ...inputs })
    .onConflict((oc) =>
      oc
        .columns(['vendor_id', 'month'])
        .doUpdateSet({ ...inputs, computed_at: new Date().toISOString() })
        .where('credit_statements.status', '=', 'draft'),
    )
    .returning(['id', 'computed_at'])
    .executeTakeFirst();
  if (!row) return null;
  await recordEvent(
    trx,
    row.id,
    'computed',
    null,
    `net ${statement.netMinor} ${statement.currency} minor units`,
    actorUserId,
  );
  return row.id;
}

export type EventKind = 'computed' | 'shared' | 'disputed' | DisputeResolution | 'finalised';

/** How finance closed a dispute: the line waived, waived in part (`waivedMinor`), or left standing. */
export type DisputeResolution = 'accepted' | 'accepted_in_part' | 'rejected';

export async function recordEvent(
  trx: Transaction<DB>,
  statementId: number,
  kind: EventKind,
  metric: string | null,
  detail: string | null,
  actorUserId: number | null,
): Promise<void> {
  await trx
    .insertInto('credit_statement_events')
    .values({ statement_id: statementId, kind, metric, detail, actor_user_id: actorUserId })
    .execute();
}

/** Moves a statement from one of `from` to `to`; false when it was not in one of them. */
export async function moveStatus(
  trx: Transaction<DB>,
  id: number,
  from: readonly StatementStatus[],
  to: StatementStatus,
  changes: { computed?: Statement } = {},
): Promise<boolean> {
  const now = new Date().toISOString();
  const result = await trx
    .updateTable('credit_statements')
    .set({
      status: to,
      ...(to === 'shared' ? { shared_at: now } : {}),
      ...(to === 'final' ? { finalised_at: now } : {}),
      ...(changes.computed ? { computed: JSON.stringify(changes.computed) } : {}),
    })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function statementEvents(db: Db, id: number) {
  return db
    .selectFrom('credit_statement_events')
    .select(['kind', 'metric', 'detail', 'actor_user_id as actorUserId', 'at'])
    .where('statement_id', '=', id)
    .orderBy('id')
    .execute();
}

export async function statementDisputes(db: Db | Transaction<DB>, id: number) {
  return db
    .selectFrom('credit_disputes')
    .select([
      'metric',
      'reason',
      'status',
      'decision_note as decisionNote',
      'waived_minor as waivedMinor',
      'created_at as createdAt',
      'decided_at as decidedAt',
    ])
    .where('statement_id', '=', id)
    .orderBy('created_at')
    .execute();
}

/** Decides the open dispute of `metric`; false when there is none open. */
export async function closeOpenDispute(
  trx: Transaction<DB>,
  statementId: number,
  metric: string,
  decision: { status: DisputeResolution; waivedMinor: number | null; note: string | null; actorUserId: number | null },
): Promise<boolean> {
  const decided = await trx
    .updateTable('credit_disputes')
    .set({
      status: decision.status,
      waived_minor: decision.waivedMinor,
      decision_note: decision.note,
      decided_by: decision.actorUserId,
      decided_at: new Date(),
    })
    .where('statement_id', '=', statementId)
    .where('metric', '=', metric)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return decided.numUpdatedRows > 0n;
}

/** The metrics of the statement's disputes still open. */
export async function openDisputeMetrics(trx: Transaction<DB>, statementId: number): Promise<string[]> {
  const rows = await trx
    .selectFrom('credit_disputes')
    .select('metric')
    .where('statement_id', '=', statementId)
    .where('status', '=', 'open')
    .execute();
  return rows.map((r) => r.metric);
}

/** Opens a dispute of one line; false when that line is disputed already (one dispute per line). */
export async function openDispute(
  trx: Transaction<DB>,
  statementId: number,
  metric: string,
  reason: string,
  raisedBy: number | null,
): Promise<boolean> {
  const inserted = await trx
    .insertInto('credit_disputes')
    .values({ statement_id: statementId, metric, reason, raised_by: raisedBy })
    .onConflict((oc) => oc.columns(['statement_id', 'metric']).doNothing())
    .returning('metric')
    .executeTakeFirst();
  return inserted !== undefined;
}
