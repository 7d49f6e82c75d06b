/**
 * One case's own facts, shown beside the review form so the reviewer scores what happened. Scoped like
 * every quality read: outside the caller's vendor the case does not exist.
 */
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { VendorScope } from '@scorecard/domain/vendors/scope';

export async function findCaseFacts(db: Db, scope: VendorScope, caseId: number) {
  return db
    .selectFrom('cases as c')
    .innerJoin('vendors as v', 'v.id', 'c.vendor_id')
    .select([
      'c.id',
      'c.external_id as externalId',
      'c.vendor_id as vendorId',
      'v.name as vendorName',
      'c.source',
      'c.queue',
      'c.channel',
      'c.status',
      'c.tier',
      'c.site',
      'c.agent_id as agentId',
      'c.created_at as createdAt',
      'c.first_response_at as firstResponseAt',
      'c.solved_at as solvedAt',
      'c.escalated',
      'c.reopen_count as reopenCount',
      'c.first_contact_resolved as firstContactResolved',
      'c.handle_seconds as handleSeconds',
      'c.wait_seconds as waitSeconds',
      'c.csat_score as csatScore',
      'c.csat_scale as csatScale',
    ])
    .select(
      sql<string>`scorecard_week(c.created_at, (SELECT reporting_time_zone FROM organisation_settings))`.as('week'),
    )
    .where('c.id', '=', caseId)
    .$if(scope.kind === 'vendor', (qb) => qb.where('c.vendor_id', '=', scope.kind === 'vendor' ? scope.vendorId : 0))
    .executeTakeFirst();
}
