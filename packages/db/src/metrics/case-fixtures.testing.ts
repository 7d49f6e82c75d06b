/**
 * Test fixtures: writes domain `MetricCase`s into `cases` and reads the stored parts back, so that metric
 * tests compare the SQL engine with the domain oracle on the same records. Used by *.int.test.ts only.
 */
import { emptyParts, PART_KEYS, partColumn, type Parts } from '@scorecard/domain/metrics/parts';
import type { MetricCase } from '@scorecard/domain/metrics/case-facts';
import { sql } from 'kysely';
import type { Db } from '../database.ts';

export async function insertCases(db: Db, cases: readonly MetricCase[]): Promise<void> {
  if (cases.length === 0) return;
  await db
    .insertInto('cases')
    .values(
      cases.map((c) => ({
        source: 'generic',
        external_id: `case-${c.id}`,
        vendor_id: c.vendorId,
        queue: c.queue,
        channel: c.channel,
        tier: c.tier,
        site: c.site,
        customer_id: c.customerId,
        created_at: c.createdAt,
        first_response_at: c.firstResponseAt,
        solved_at: c.solvedAt,
        reopen_count: c.reopenCount,
        handle_seconds: c.handleSeconds,
        wait_seconds: c.waitSeconds,
        answered: c.answered,
        abandoned: c.abandoned,
        csat_score: c.csatScore,
        csat_scale: c.csatScale,
        csat_at: c.csatAt,
        escalated: c.escalated,
        first_contact_resolved: c.firstContactResolved,
      })),
    )
    .execute();
}

export interface StoredPartRow {
  vendorId: number;
  week: string;
  queue: string | null;
  channel: string;
  tier: number | null;
  site: string | null;
  parts: Parts;
}

export async function readParts(db: Db): Promise<StoredPartRow[]> {
  const columns = PART_KEYS.map((key) => sql.ref(partColumn(key)));
  const result = await sql<Record<string, unknown>>`
    SELECT vendor_id, week, queue, channel, tier, site, ${sql.join(columns)}
    FROM weekly_parts ORDER BY vendor_id, week, queue, channel, tier, site`.execute(db);
  return result.rows.map((row) => {
    const parts = emptyParts();
    for (const key of PART_KEYS) parts[key] = Number(row[partColumn(key)]);
    return {
      vendorId: Number(row.vendor_id),
      week: String(row.week),
      queue: row.queue as string | null,
      channel: String(row.channel),
      tier: row.tier as number | null,
      site: row.site as string | null,
      parts,
    };
  });
}

export async function readDistributions(db: Db) {
  return db
    .selectFrom('weekly_distributions')
    .select(['vendor_id', 'week', 'metric', 'n', 'median_seconds', 'p90_seconds', 'mean_seconds'])
    .orderBy('vendor_id')
    .orderBy('week')
    .orderBy('metric')
    .execute();
}
