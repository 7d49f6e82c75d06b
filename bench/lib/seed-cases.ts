/**
 * Fills a benchmark database with the demo generator's cases, written straight into `cases` (the import pipeline
 * has its own benchmark), and the demo vendors they belong to.
 */
import { sql } from 'kysely';
import type { Db } from '../../packages/db/src/database.ts';
import { demoRows, type DemoOptions, type DemoRow } from '../../scripts/demo/generate.ts';
import { DEMO_VENDORS } from '../../scripts/demo/vendors.ts';

const BATCH_ROWS = 2_000;

/** Returns the number of cases written and the vendors' ids by name. */
export async function seedDemoCases(
  db: Db,
  options: DemoOptions,
): Promise<{ cases: number; vendorIds: Map<string, number> }> {
  const vendors = await db
    .insertInto('vendors')
    .values(DEMO_VENDORS.map((v) => ({ name: v.name, time_zone: v.timeZone })))
    .onConflict((oc) => oc.column('name').doNothing())
    .returning(['id', 'name'])
    .execute();
  const vendorIds = new Map(vendors.map((v) => [v.name, v.id]));
  let batch: DemoRow[] = [];
  let cases = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await db
      .insertInto('cases')
      .values(batch.map((row) => toCase(row, vendorIds)))
      .execute();
    cases += batch.length;
    batch = [];
  };
  for (const row of demoRows(options)) {
    batch.push(row);
    if (batch.length >= BATCH_ROWS) await flush();
  }
  await flush();
  await sql`ANALYZE cases`.execute(db);
  return { cases, vendorIds };
}

function toCase(row: DemoRow, vendorIds: Map<string, number>) {
  const text = (value: string) => (value === '' ? null : value);
  const int = (value: string) => (value === '' ? null : Number(value));
  const bool = (value: string) => (value === '' ? null : value === 'true');
  const time = (value: string) => (value === '' ? null : new Date(value));
  return {
    source: 'generic',
    external_id: row.external_id,
    vendor_id: vendorIds.get(row.vendor) ?? null,
    vendor_field: 'vendor',
    vendor_value: row.vendor,
    site: text(row.site),
    queue: text(row.queue),
    channel: row.channel,
    tier: int(row.tier),
    customer_id: text(row.customer_id),
    agent_id: text(row.agent_id),
    created_at: new Date(row.created_at),
    first_response_at: time(row.first_response_at),
    solved_at: time(row.solved_at),
    status: text(row.status),
    reopen_count: int(row.reopen_count),
    handle_seconds: int(row.handle_seconds),
    wait_seconds: int(row.wait_seconds),
    answered: bool(row.answered),
    abandoned: bool(row.abandoned),
    csat_score: row.csat_score === 'good' ? 2 : row.csat_score === 'bad' ? 1 : int(row.csat_score),
    csat_scale: int(row.csat_scale),
    csat_at: time(row.csat_at),
    escalated: bool(row.escalated),
    first_contact_resolved: bool(row.first_contact_resolved),
    updated_at: time(row.updated_at),
  };
}
