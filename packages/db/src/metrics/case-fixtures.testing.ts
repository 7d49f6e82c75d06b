/**
 * Test fixtures: builds domain `MetricCase`s, writes them into `cases` and reads the stored parts back, so that
 * metric tests compare the SQL engine with the domain oracle on the same records. Used by tests only.
 */
import { emptyParts, PART_KEYS, partColumn, type Parts } from '@scorecard/domain/metrics/parts';
import type { MetricCase } from '@scorecard/domain/metrics/case-facts';
import { sql } from 'kysely';
import type { Db } from '../database.ts';

let nextCaseId = 1;

/**
 * A case for the fixtures: an email of queue Buyer, tier 1, site Manila, created at `createdAt`, not answered,
 * not solved, not surveyed, not escalated; `overrides` sets any other field (an explicit `id` names its
 * external id `case-<id>`).
 */
export function metricCase(vendorId: number, createdAt: Date, overrides: Partial<MetricCase> = {}): MetricCase {
  return {
    id: nextCaseId++,
    vendorId,
    queue: 'Buyer',
    channel: 'email',
    tier: 1,
    site: 'Manila',
    customerId: null,
    createdAt,
    firstResponseAt: null,
    solvedAt: null,
    reopenCount: 0,
    handleSeconds: null,
    waitSeconds: null,
    answered: null,
    abandoned: null,
    csatScore: null,
    csatScale: null,
    csatAt: null,
    escalated: false,
    firstContactResolved: null,
    ...overrides,
  };
}

const HOUR_MS = 3_600_000;

/**
 * An email case answered `responseHours` after `createdAt` and solved `solvedHours` after it (null: unsolved),
 * with an optional handling time and a 1–5 CSAT score.
 */
export function emailCase(
  vendorId: number,
  createdAt: Date,
  o: { responseHours: number; solvedHours: number | null; handleSeconds?: number; csatScore?: number },
): MetricCase {
  const after = (hours: number) => new Date(createdAt.getTime() + hours * HOUR_MS);
  return metricCase(vendorId, createdAt, {
    firstResponseAt: after(o.responseHours),
    solvedAt: o.solvedHours === null ? null : after(o.solvedHours),
    handleSeconds: o.handleSeconds ?? null,
    csatScore: o.csatScore ?? null,
    csatScale: o.csatScore === undefined ? null : 5,
  });
}

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
