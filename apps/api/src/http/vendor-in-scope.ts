import type { Db } from '@scorecard/db/database';
import { findVendorName } from '@scorecard/db/vendors/vendors';
import type { VendorScope } from '@scorecard/domain/vendors/scope';
import { Problem } from './problems.ts';

/** The vendor's name; 404 when it does not exist or lies outside the caller's scope (never a 403 that confirms it). */
export async function vendorInScope(db: Db, scope: VendorScope, id: number): Promise<string> {
  const vendor = await findVendorName(db, id, scope);
  if (!vendor) throw new Problem('not-found', `No vendor ${id}`);
  return vendor.name;
}
