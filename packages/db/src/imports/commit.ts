/**
 * The single final transaction of an import: staging → cases, set-based. Everything an import changes
 * becomes visible at once or not at all, which is what makes a retried import equal an uninterrupted one.
 */
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../database.ts';
import { stagingTable } from './staging.ts';

export interface CommitResult {
  /** Cases inserted or updated (a row older than the stored case changes nothing). */
  casesChanged: number;
  touched: { vendorId: number; week: string }[];
}

/** SPEC identity rule: a newer `updated_at` wins; where either side has none, the later import wins. */
const INCOMING_WINS = sql`(i.updated_at > c.updated_at OR i.updated_at IS NULL OR c.updated_at IS NULL)`;

/**
 * Upserts the staged rows of `importId` into `cases`, records the unmapped vendor values and the touched
 * vendor-weeks, and drops the staging table. The caller owns the transaction and sets the import's status.
 */
export async function commitStaging(trx: Transaction<DB>, importId: number): Promise<CommitResult> {
  const staging = sql.table(stagingTable(importId));
  // Sorts of a million rows stay in memory; JIT compilation costs more than it saves on these one-off queries.
  await sql`SET LOCAL work_mem = '128MB'`.execute(trx);
  await sql`SET LOCAL jit = off`.execute(trx);
  const settings = await sql<{ tz: string; window_seconds: number }>`
    SELECT reporting_time_zone AS tz, repeat_window_seconds AS window_seconds FROM organisation_settings`.execute(trx);
  const { tz, window_seconds: windowSeconds } = settings.rows[0] ?? { tz: 'UTC', window_seconds: 604_800 };
  const window = sql`make_interval(secs => ${windowSeconds})`;

  // Within one file the last row of an external id wins; vendors resolve once per distinct key
  // (plain equality joins on a coalesced field key, so PostgreSQL can hash-join a million rows).
  await sql`CREATE TEMP TABLE incoming ON COMMIT DROP AS
    SELECT DISTINCT ON (source, external_id) * FROM ${staging} ORDER BY source, external_id, line DESC`.execute(trx);
  await sql`CREATE TEMP TABLE attribution ON COMMIT DROP AS
    SELECT k.source, k.field_key, k.vendor_value,
      coalesce(
        (SELECT m.vendor_id FROM vendor_mappings m
          WHERE m.source = k.source AND m.field = k.field_key AND m.value = k.vendor_value),
        (SELECT v.id FROM vendors v WHERE lower(v.name) = lower(k.vendor_value) ORDER BY v.id LIMIT 1)
      ) AS vendor_id
    FROM (SELECT DISTINCT source, coalesce(vendor_field, '') AS field_key, vendor_value
          FROM incoming WHERE vendor_value IS NOT NULL) k`.execute(trx);
  await sql`ANALYZE incoming`.execute(trx);

  await sql`CREATE TEMP TABLE touched (vendor_id bigint, week date) ON COMMIT DROP`.execute(trx);
  // Old versions of the cases this import will overwrite, and the earlier cases whose FCR they decided.
  await sql`CREATE TEMP TABLE affected_old ON COMMIT DROP AS
    SELECT c.vendor_id, c.customer_id, c.queue, c.created_at, c.solved_at, c.csat_at
    FROM incoming i JOIN cases c ON c.source = i.source AND c.external_id = i.external_id
    WHERE ${INCOMING_WINS}`.execute(trx);
  await recordWeeks(trx, sql`affected_old`, tz, window);

  // The upsert's RETURNING is the set of new versions: every case this import now defines.
  await sql`CREATE TEMP TABLE affected_new ON COMMIT DROP AS
    WITH up AS (
      INSERT INTO cases (source, external_id, vendor_id, vendor_field, vendor_value, site, queue, channel, tier,
        customer_id, agent_id, created_at, first_response_at, solved_at, status, reopen_count, handle_seconds,
        wait_seconds, answered, abandoned, csat_score, csat_scale, csat_at, escalated, first_contact_resolved,
        updated_at, reported, import_id)
      SELECT i.source, i.external_id, a.vendor_id, i.vendor_field, i.vendor_value, i.site, i.queue, i.channel,
        i.tier, i.customer_id, i.agent_id, i.created_at, i.first_response_at, i.solved_at, i.status,
        i.reopen_count, i.handle_seconds, i.wait_seconds, i.answered, i.abandoned, i.csat_score, i.csat_scale,
        i.csat_at, i.escalated, i.first_contact_resolved, i.updated_at, i.reported, ${importId}::bigint
      FROM incoming i
      LEFT JOIN attribution a ON a.source = i.source
        AND a.field_key = coalesce(i.vendor_field, '') AND a.vendor_value = i.vendor_value
      ON CONFLICT (source, external_id) DO UPDATE SET
        vendor_id = excluded.vendor_id, vendor_field = excluded.vendor_field, vendor_value = excluded.vendor_value,
        site = excluded.site, queue = excluded.queue, channel = excluded.channel, tier = excluded.tier,
        customer_id = excluded.customer_id, agent_id = excluded.agent_id, created_at = excluded.created_at,
        first_response_at = excluded.first_response_at, solved_at = excluded.solved_at, status = excluded.status,
        reopen_count = excluded.reopen_count, handle_seconds = excluded.handle_seconds,
        wait_seconds = excluded.wait_seconds, answered = excluded.answered, abandoned = excluded.abandoned,
        csat_score = excluded.csat_score, csat_scale = excluded.csat_scale, csat_at = excluded.csat_at,
        escalated = excluded.escalated, first_contact_resolved = excluded.first_contact_resolved,
        updated_at = excluded.updated_at, reported = excluded.reported, import_id = excluded.import_id,
        loaded_at = now()
      WHERE excluded.updated_at > cases.updated_at OR excluded.updated_at IS NULL OR cases.updated_at IS NULL
      RETURNING vendor_id, customer_id, queue, created_at, solved_at, csat_at
    )
    SELECT * FROM up`.execute(trx);
  const upserted = await sql<{ count: number }>`SELECT count(*)::int AS count FROM affected_new`.execute(trx);
  await recordWeeks(trx, sql`affected_new`, tz, window);

  await sql`INSERT INTO import_unmapped_values (import_id, field, value, case_count)
    SELECT ${importId}::bigint, a.field_key, a.vendor_value, count(*)::int
    FROM incoming i
    JOIN attribution a ON a.source = i.source
      AND a.field_key = coalesce(i.vendor_field, '') AND a.vendor_value = i.vendor_value
    WHERE a.vendor_id IS NULL
    GROUP BY a.field_key, a.vendor_value`.execute(trx);

  const touched = await sql<{ vendor_id: number; week: string }>`
    INSERT INTO import_touched_weeks (import_id, vendor_id, week)
    SELECT DISTINCT ${importId}::bigint, vendor_id, week FROM touched WHERE vendor_id IS NOT NULL
    ORDER BY 2, 3
    RETURNING vendor_id, week`.execute(trx);
  await sql`DROP TABLE ${staging}`.execute(trx);

  return {
    casesChanged: upserted.rows[0]?.count ?? 0,
    touched: touched.rows
      .map((r) => ({ vendorId: r.vendor_id, week: r.week }))
      .sort((a, b) => a.vendorId - b.vendorId || a.week.localeCompare(b.week)),
  };
}

/**
 * SPEC attribution: arrival week (created_at), completion week (solved_at), survey week (csat_at, else
 * solved_at); plus the completion weeks of earlier cases of the same customer and queue that these cases
 * may make repeat contacts (opened after the earlier case, no later than the window after its solve).
 * The repeat-contact part is computed per (customer, queue) over the span of the new cases, one index probe
 * per group instead of per case: a small superset at most, which only costs a harmless extra recompute.
 */
async function recordWeeks(trx: Transaction<DB>, from: RawBuilder<unknown>, tz: string, window: RawBuilder<unknown>) {
  await sql`INSERT INTO touched (vendor_id, week)
    SELECT vendor_id, scorecard_week(created_at, ${tz}) FROM ${from}
    UNION SELECT vendor_id, scorecard_week(solved_at, ${tz}) FROM ${from} WHERE solved_at IS NOT NULL
    UNION SELECT vendor_id, scorecard_week(coalesce(csat_at, solved_at), ${tz}) FROM ${from}
      WHERE coalesce(csat_at, solved_at) IS NOT NULL
    UNION SELECT e.vendor_id, scorecard_week(e.solved_at, ${tz})
      FROM (SELECT customer_id, queue, min(created_at) AS first_created, max(created_at) AS last_created
            FROM ${from} WHERE customer_id IS NOT NULL GROUP BY customer_id, queue) g
      JOIN cases e ON e.customer_id = g.customer_id AND e.queue IS NOT DISTINCT FROM g.queue
        AND e.created_at < g.last_created
      WHERE e.solved_at IS NOT NULL AND e.solved_at + ${window} >= g.first_created`.execute(trx);
}
