/**
 * The `targets` rows the targets API lists, adds and deletes. The scorecard reads them through
 * metrics/scorecard.ts (loadTargets), in the shape the domain's status rules take.
 */
import type { Selectable } from 'kysely';
import type { Db } from '../database.ts';
import type { VendorScope } from '@scorecard/domain/vendors/scope';
import type { Targets } from '../schema.generated.ts';

export type TargetRow = Selectable<Targets>;

/** Every target, or for a vendor the global ones and its own; by metric, then effective week. */
export async function listTargetRows(db: Db, scope: VendorScope): Promise<TargetRow[]> {
  let query = db.selectFrom('targets').selectAll().orderBy('metric').orderBy('effective_from').orderBy('id');
  if (scope.kind === 'vendor')
    query = query.where((eb) => eb.or([eb('vendor_id', 'is', null), eb('vendor_id', '=', scope.vendorId)]));
  return query.execute();
}

/** Undefined when a target of the same metric, vendor, channel/queue and week exists. */
export async function insertTarget(
  db: Db,
  target: {
    metric: string;
    value: number;
    vendorId: number | null;
    channel: string | null;
    queue: string | null;
    effectiveFrom: string;
  },
): Promise<TargetRow | undefined> {
  return db
    .insertInto('targets')
    .values({
      metric: target.metric,
      value: target.value,
      vendor_id: target.vendorId,
      channel: target.channel,
      queue: target.queue,
      effective_from: target.effectiveFrom,
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Whether a target was deleted. */
export async function deleteTarget(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('targets').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
