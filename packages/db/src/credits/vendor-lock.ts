/** The lock that orders the changes of a vendor's statement inputs against its drafts (docs/credits.md). */
import type { Transaction } from 'kysely';
import type { DB } from '../schema.generated.ts';

/**
 * Takes the vendor's credits lock until the transaction ends: every writer of a statement's inputs that are
 * versioned (terms, invoices) and every draft computed and stored holds it, so two changes never both read the
 * same current version, and a change never lands between a draft's computing and its storing (it waits, and
 * then sees the draft's use of the version it would change). False when there is no such vendor.
 */
export async function lockVendorCredits(trx: Transaction<DB>, vendorId: number): Promise<boolean> {
  const row = await trx.selectFrom('vendors').select('id').where('id', '=', vendorId).forUpdate().executeTakeFirst();
  return row !== undefined;
}
