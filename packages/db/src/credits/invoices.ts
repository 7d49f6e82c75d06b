/**
 * A month's own invoice amount (credit_invoices), when it differs from the terms' amount: versioned like the
 * money terms, so a statement's invoice_id keeps naming exactly the amount it was computed with.
 */
import type { Transaction } from 'kysely';
import type { Db } from '../database.ts';
import type { DB } from '../schema.generated.ts';
import { lockVendorCredits } from './vendor-lock.ts';

export interface MonthInvoice {
  id: number;
  invoiceMinor: number;
  /** 1, 2, …: a change to an invoice a statement was computed with writes the next version. */
  version: number;
}

/** The month's own invoice in force ('YYYY-MM-01'), when one was entered; null: the terms' amount applies. */
export async function currentInvoice(db: Db, vendorId: number, month: string): Promise<MonthInvoice | null> {
  const row = await db
    .selectFrom('credit_invoices')
    .select(['id', 'invoice_minor as invoiceMinor', 'version'])
    .where('vendor_id', '=', vendorId)
    .where('month', '=', month)
    .where('superseded_at', 'is', null)
    .executeTakeFirst();
  return row ?? null;
}

/** One invoice version by id, superseded or not (a statement's invoice_id); null when there is none. */
export async function findInvoiceVersion(db: Db, id: number): Promise<MonthInvoice | null> {
  const row = await db
    .selectFrom('credit_invoices')
    .select(['id', 'invoice_minor as invoiceMinor', 'version'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Sets the vendor's own invoice of `month` ('YYYY-MM-01'). An invoice any statement was computed with is never
 * rewritten: it is marked superseded and the change becomes the next version; one no statement used yet is
 * replaced in place. Null when there is no such vendor.
 */
export async function setMonthInvoice(
  trx: Transaction<DB>,
  vendorId: number,
  month: string,
  invoiceMinor: number,
): Promise<MonthInvoice | null> {
  if (!(await lockVendorCredits(trx, vendorId))) return null;
  const current = await trx
    .selectFrom('credit_invoices as i')
    .select(['i.id', 'i.version'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('credit_statements as s').select('s.id').whereRef('s.invoice_id', '=', 'i.id'))
        .as('used'),
    )
    .where('i.vendor_id', '=', vendorId)
    .where('i.month', '=', month)
    .where('i.superseded_at', 'is', null)
    .executeTakeFirst();
  if (current && !current.used) {
    await trx
      .updateTable('credit_invoices')
      .set({ invoice_minor: invoiceMinor })
      .where('id', '=', current.id)
      .execute();
    return { id: current.id, invoiceMinor, version: current.version };
  }
  if (current)
    await trx.updateTable('credit_invoices').set({ superseded_at: new Date() }).where('id', '=', current.id).execute();
  const version = (current?.version ?? 0) + 1;
  const { id } = await trx
    .insertInto('credit_invoices')
    .values({ vendor_id: vendorId, month, invoice_minor: invoiceMinor, version })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, invoiceMinor, version };
}
