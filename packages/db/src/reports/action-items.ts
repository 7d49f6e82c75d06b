/**
 * The open action items (not done) of a vendor's improvement plans, for the report: overdue ones first,
 * then by due date. Only plans the vendor itself can see (not draft) and that still run (not cancelled).
 * An owner's name is shown only when the owner is staff or a user of this same vendor.
 */
import type { ReportActionItem } from '@scorecard/domain/reports/report-model';
import { sql } from 'kysely';
import type { Db } from '../database.ts';

const MAX_ITEMS = 50;

/** `today` is the report's 'YYYY-MM-DD' in the vendor's zone: an item due before it is overdue. */
export async function openActionItems(db: Db, vendorId: number, today: string): Promise<ReportActionItem[]> {
  const rows = await db
    .selectFrom('plan_items as i')
    .innerJoin('plans as p', 'p.id', 'i.plan_id')
    .innerJoin('users as o', 'o.id', 'i.owner_user_id')
    .select([
      'i.description',
      'i.due_date',
      'i.status',
      sql<string | null>`CASE WHEN o.vendor_id IS NULL OR o.vendor_id = p.vendor_id THEN o.name END`.as('owner'),
      sql<boolean>`i.due_date < ${today}::date`.as('overdue'),
    ])
    .where('p.vendor_id', '=', vendorId)
    .where('p.status', 'not in', ['draft', 'cancelled'])
    .where('i.status', '<>', 'done')
    .orderBy(sql`i.due_date < ${today}::date`, 'desc')
    .orderBy('i.due_date')
    .orderBy('i.id')
    .limit(MAX_ITEMS)
    .execute();
  return rows.map((r) => ({
    description: r.description,
    owner: r.owner,
    dueDate: r.due_date,
    status: r.status === 'in_progress' ? 'in_progress' : 'open',
    overdue: r.overdue,
  }));
}
