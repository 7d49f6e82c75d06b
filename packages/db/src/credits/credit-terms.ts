/**
 * Money terms (credit_terms + credit_levels), monthly invoices, volume forecasts and relief events: the inputs
 * of a month's statement, read as they stood for that month (the latest terms in force from its first day).
 */
import type { DefaultRule, LevelKind } from '@scorecard/domain/credits/levels';
import type { ReliefEvent } from '@scorecard/domain/credits/relief';
import type { MoneyTerms, ServiceLevel } from '@scorecard/domain/credits/statement';
import type { MetricKey } from '@scorecard/domain/metrics/catalogue';
import { sql, type Selectable, type Transaction } from 'kysely';
import type { Db } from '../database.ts';
import type { DB } from '../schema.generated.ts';
import { currentInvoice } from './invoices.ts';
import { lockVendorCredits } from './vendor-lock.ts';

export interface CreditTermsInput {
  vendorId: number;
  /** 'YYYY-MM-01' */
  effectiveMonth: string;
  currency: string;
  invoiceMinor: number;
  atRiskBp: number;
  poolBp: number;
  capBp: number | null;
  defaultRule: DefaultRule;
  earnBackMonths: number | null;
  bonusBp: number | null;
  volumeLowBp: number;
  volumeHighBp: number;
  note: string | null;
  levels: ServiceLevel[];
}

export interface StoredCreditTerms extends CreditTermsInput {
  id: number;
  /** 1, 2, …: a change to terms a statement was computed under writes the next version. */
  version: number;
  /** When a newer version replaced this one; null: the version in force. */
  supersededAt: string | null;
}

/**
 * Sets the vendor's terms of that month (and their levels). A statement's terms_id must keep naming exactly the
 * terms it was computed under, so terms any statement used are never rewritten: they are marked superseded and
 * the change becomes the next version. Terms no statement used yet are replaced in place.
 */
export async function upsertCreditTerms(trx: Transaction<DB>, input: CreditTermsInput): Promise<number> {
  await lockVendorCredits(trx, input.vendorId);
  const current = await trx
    .selectFrom('credit_terms as t')
    .select(['t.id', 't.version'])
    .select((eb) =>
      eb.exists(eb.selectFrom('credit_statements as s').select('s.id').whereRef('s.terms_id', '=', 't.id')).as('used'),
    )
    .where('t.vendor_id', '=', input.vendorId)
    .where('t.effective_month', '=', input.effectiveMonth)
    .where('t.superseded_at', 'is', null)
    .executeTakeFirst();
  const values = {
    vendor_id: input.vendorId,
    effective_month: input.effectiveMonth,
    currency: input.currency,
    invoice_minor: input.invoiceMinor,
    at_risk_bp: input.atRiskBp,
    pool_bp: input.poolBp,
    cap_bp: input.capBp,
    default_misses: input.defaultRule.misses,
    default_window_months: input.defaultRule.windowMonths,
    earn_back_months: input.earnBackMonths,
    bonus_bp: input.bonusBp,
    volume_low_bp: input.volumeLowBp,
    volume_high_bp: input.volumeHighBp,
    note: input.note,
  };
  let id: number;
  if (current && !current.used) {
    await trx.updateTable('credit_terms').set(values).where('id', '=', current.id).execute();
    await trx.deleteFrom('credit_levels').where('terms_id', '=', current.id).execute();
    id = current.id;
  } else {
    if (current)
      await trx.updateTable('credit_terms').set({ superseded_at: new Date() }).where('id', '=', current.id).execute();
    ({ id } = await trx
      .insertInto('credit_terms')
      .values({ ...values, version: (current?.version ?? 0) + 1 })
      .returning('id')
      .executeTakeFirstOrThrow());
  }
  if (input.levels.length > 0)
    await trx
      .insertInto('credit_levels')
      .values(
        input.levels.map((l) => ({
          terms_id: id,
          metric: l.metric,
          kind: l.kind,
          expected: l.expected,
          minimum: l.minimum,
          allocation_bp: l.allocationBp,
          bonus_level: l.bonusLevel,
          volume_sensitive: l.volumeSensitive,
        })),
      )
      .execute();
  return id;
}

/**
 * The terms in force of the vendors in `vendorIds` (all when undefined): the current version of each dated row,
 * newest month first, with their levels.
 */
export async function listCreditTerms(db: Db, vendorIds?: number[]): Promise<StoredCreditTerms[]> {
  let query = db
    .selectFrom('credit_terms')
    .selectAll()
    .where('superseded_at', 'is', null)
    .orderBy('vendor_id')
    .orderBy('effective_month', 'desc');
  if (vendorIds) query = query.where('vendor_id', 'in', vendorIds.length > 0 ? vendorIds : [-1]);
  return withLevels(db, await query.execute());
}

/** One terms version by id, superseded or not (a statement's terms_id); null when there is none. */
export async function findCreditTermsVersion(db: Db, id: number): Promise<StoredCreditTerms | null> {
  const rows = await db.selectFrom('credit_terms').selectAll().where('id', '=', id).execute();
  return (await withLevels(db, rows))[0] ?? null;
}

async function withLevels(db: Db, rows: Selectable<DB['credit_terms']>[]): Promise<StoredCreditTerms[]> {
  const levels = rows.length
    ? await db
        .selectFrom('credit_levels')
        .selectAll()
        .where(
          'terms_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    vendorId: r.vendor_id,
    effectiveMonth: r.effective_month,
    currency: r.currency,
    invoiceMinor: r.invoice_minor,
    atRiskBp: r.at_risk_bp,
    poolBp: r.pool_bp,
    capBp: r.cap_bp,
    defaultRule: { misses: r.default_misses, windowMonths: r.default_window_months },
    earnBackMonths: r.earn_back_months,
    bonusBp: r.bonus_bp,
    volumeLowBp: r.volume_low_bp,
    volumeHighBp: r.volume_high_bp,
    note: r.note,
    version: r.version,
    supersededAt: r.superseded_at?.toISOString() ?? null,
    levels: levels
      .filter((l) => l.terms_id === r.id)
      .map((l) => ({
        metric: l.metric as MetricKey,
        kind: l.kind as LevelKind,
        expected: l.expected,
        minimum: l.minimum,
        allocationBp: l.allocation_bp,
        bonusLevel: l.bonus_level,
        volumeSensitive: l.volume_sensitive,
      })),
  }));
}

export interface MonthInputs {
  termsId: number;
  /** The month's own invoice version in force; null: none was entered, the terms' amount applies. */
  invoiceId: number | null;
  terms: MoneyTerms;
  levels: ServiceLevel[];
  forecast: number | null;
  /** Every event touching the month, agreed or not (the rule excuses only agreed ones), with its evidence. */
  reliefEvents: (ReliefEvent & { startsAt: Date; endsAt: Date; caseIds: number[] })[];
}

/** The inputs in force for the vendor's month; null when no money terms are in force. */
export async function monthInputs(db: Db, vendorId: number, month: string): Promise<MonthInputs | null> {
  const inForce = (await listCreditTerms(db, [vendorId])).find((t) => t.effectiveMonth <= month);
  if (!inForce) return null;
  const [invoice, forecast, events] = await Promise.all([
    currentInvoice(db, vendorId, month),
    db
      .selectFrom('volume_forecasts')
      .select('forecast')
      .where('vendor_id', '=', vendorId)
      .where('month', '=', month)
      .executeTakeFirst(),
    // Events touching the month in the reporting time zone.
    sql<{
      id: number;
      title: string;
      metrics: string[];
      agreed: boolean;
      startsAt: Date;
      endsAt: Date;
      caseIds: string[];
    }>`
      SELECT e.id, e.title, e.metrics, e.agreed_at IS NOT NULL AS agreed, e.starts_at AS "startsAt",
        e.ends_at AS "endsAt", e.case_ids AS "caseIds"
      FROM relief_events e CROSS JOIN organisation_settings s
      WHERE e.vendor_id = ${vendorId}
        AND e.starts_at < ((${month}::date + interval '1 month')::timestamp AT TIME ZONE s.reporting_time_zone)
        AND e.ends_at > (${month}::date::timestamp AT TIME ZONE s.reporting_time_zone)
      ORDER BY e.id`.execute(db),
  ]);
  return {
    termsId: inForce.id,
    invoiceId: invoice?.id ?? null,
    terms: {
      currency: inForce.currency,
      invoiceMinor: invoice?.invoiceMinor ?? inForce.invoiceMinor,
      atRiskBp: inForce.atRiskBp,
      poolBp: inForce.poolBp,
      capBp: inForce.capBp,
      defaultRule: inForce.defaultRule,
      earnBackMonths: inForce.earnBackMonths,
      bonusBp: inForce.bonusBp,
      volumeBand: { lowBp: inForce.volumeLowBp, highBp: inForce.volumeHighBp },
    },
    levels: inForce.levels,
    forecast: forecast?.forecast ?? null,
    reliefEvents: events.rows.map((e) => ({
      ...e,
      id: Number(e.id),
      metrics: e.metrics as MetricKey[],
      caseIds: e.caseIds.map(Number),
    })),
  };
}
