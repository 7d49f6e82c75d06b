/**
 * The single final transaction of an import: staging → cases, set-based. Everything an import changes
 * becomes visible at once or not at all, which is what makes a retried import equal an uninterrupted one.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../database.ts';
import { STAGED_COLUMNS, stagingTable } from './staging.ts';

export interface CommitResult {
  /** Cases inserted or updated (a row older than the stored case changes nothing). */
  casesChanged: number;
  /** Distinct cases the file loaded (its last row of each external id). */
  rowsLoaded: number;
  /** Rows replaced by a later row with the same external id in the same file (listed in import_replaced_rows). */
  rowsReplaced: number;
  touched: { vendorId: number; week: string }[];
}

type Table = ReturnType<typeof sql.table>;

/** What a case takes from its row besides its key, vendor and `updated_at`: compared when `updated_at` is equal. */
const VALUE_COLUMNS = STAGED_COLUMNS.filter(
  (column) => column !== 'line' && column !== 'source' && column !== 'external_id' && column !== 'updated_at',
);

/**
 * docs/definitions.md identity rule: a newer `updated_at` wins and an older one never does; where either side has none, the
 * later import wins. An equal `updated_at` (the same export read again) wins when any value or the vendor
 * differs: a re-import under a changed preset, mapping or time zone re-attributes and corrects its cases,
 * while an unchanged case is not rewritten and its weeks are not recomputed. `incoming` is the
 * alias of the incoming row, `incomingVendor` its attributed vendor id, `stored` the alias of the stored case.
 * The upsert and the weeks read before it use this one predicate, so they agree on which cases change.
 */
function incomingWins(incoming: string, incomingVendor: string, stored: string) {
  const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`);
  const values = (alias: string, vendor: string) =>
    sql`ROW(${sql.ref(vendor)}, ${sql.join(VALUE_COLUMNS.map((column) => ref(alias, column)))})`;
  const [newer, older] = [ref(incoming, 'updated_at'), ref(stored, 'updated_at')];
  return sql`(${newer} > ${older} OR ${newer} IS NULL OR ${older} IS NULL
    OR (${newer} = ${older} AND ${values(incoming, incomingVendor)} IS DISTINCT FROM ${values(stored, `${stored}.vendor_id`)}))`;
}

/**
 * Upserts the staged rows of `importId` into `cases`, records the unmapped vendor values and the touched
 * vendor-weeks, and drops the staging table. The caller owns the transaction and sets the import's status.
 * Each statement reads staging (or a write's RETURNING) once, the two writes of `writeCases` each their own
 * rows; no million-row temp table of cases is written.
 */
export async function commitStaging(trx: Transaction<DB>, importId: number): Promise<CommitResult> {
  const staging = sql.table(stagingTable(importId));
  // Hash tables of a million keys stay in memory; JIT compilation costs more than it saves on these one-off queries.
  await sql`SET LOCAL work_mem = '256MB'`.execute(trx);
  await sql`SET LOCAL jit = off`.execute(trx);
  // Each earlier case is measured under its own vendor's repeat-contact window (case_facts: the contract terms
  // in force at its arrival week, else the organisation's). The longest window in force anywhere bounds them
  // all: a superset of the earlier cases whose FCR may change (an extra vendor-week is harmless, a missed one
  // leaves a stale figure), without resolving terms per case here a second time.
  const settings = await sql<{ tz: string; window_seconds: number }>`
    SELECT s.reporting_time_zone AS tz,
      greatest(s.repeat_window_seconds, (SELECT max(t.repeat_window_seconds) FROM contract_terms t)) AS window_seconds
    FROM organisation_settings s`.execute(trx);
  const { tz, window_seconds: windowSeconds } = settings.rows[0] ?? { tz: 'UTC', window_seconds: 604_800 };

  const { rowsLoaded, rowsReplaced } = await replaceRepeatedIds(trx, staging, importId);
  await sql`ANALYZE ${staging}`.execute(trx);
  // Vendors resolve once per distinct key (plain equality joins on a coalesced field key, so PostgreSQL can
  // hash-join a million rows).
  await sql`CREATE TEMP TABLE attribution ON COMMIT DROP AS
    SELECT k.source, k.field_key, k.vendor_value,
      coalesce(
        (SELECT m.vendor_id FROM vendor_mappings m
          WHERE m.source = k.source AND m.field = k.field_key AND m.value = k.vendor_value),
        vendor_named(k.vendor_value)
      ) AS vendor_id
    FROM (SELECT DISTINCT source, coalesce(vendor_field, '') AS field_key, vendor_value
          FROM ${staging} WHERE vendor_value IS NOT NULL) k`.execute(trx);

  await sql`CREATE TEMP TABLE touched (vendor_id bigint, week date) ON COMMIT DROP`.execute(trx);
  await sql`CREATE TEMP TABLE stored_lines (line integer PRIMARY KEY) ON COMMIT DROP`.execute(trx);
  const casesChanged = await writeCases(trx, staging, importId, { tz, windowSeconds });

  await sql`INSERT INTO import_unmapped_values (import_id, field, value, case_count)
    SELECT ${importId}::bigint, a.field_key, a.vendor_value, count(*)::int
    FROM ${staging} i
    JOIN attribution a ON a.source = i.source
      AND a.field_key = coalesce(i.vendor_field, '') AND a.vendor_value = i.vendor_value
    WHERE a.vendor_id IS NULL
    GROUP BY a.field_key, a.vendor_value`.execute(trx);

  // Rows of an archived vendor load and count as any other; the import names them so none go unseen.
  await sql`INSERT INTO import_archived_vendor_cases (import_id, vendor_id, case_count)
    SELECT ${importId}::bigint, a.vendor_id, count(*)::int
    FROM ${staging} i
    JOIN attribution a ON a.source = i.source
      AND a.field_key = coalesce(i.vendor_field, '') AND a.vendor_value = i.vendor_value
    JOIN vendors v ON v.id = a.vendor_id AND v.archived_at IS NOT NULL
    GROUP BY a.vendor_id`.execute(trx);

  const touched = await sql<{ vendor_id: number; week: string }>`
    INSERT INTO import_touched_weeks (import_id, vendor_id, week)
    SELECT DISTINCT ${importId}::bigint, vendor_id, week FROM touched WHERE vendor_id IS NOT NULL
    ORDER BY 2, 3
    RETURNING vendor_id, week`.execute(trx);
  await sql`DROP TABLE ${staging}`.execute(trx);

  return {
    casesChanged,
    rowsLoaded,
    rowsReplaced,
    touched: touched.rows
      .map((r) => ({ vendorId: r.vendor_id, week: r.week }))
      .sort((a, b) => a.vendorId - b.vendorId || a.week.localeCompare(b.week)),
  };
}

/**
 * Within one file the last row of an external id wins (SPEC "Every row is accounted for"): the earlier rows
 * of a repeated id leave staging and are recorded with the line that replaced them. Always run, because the
 * count must be exact: an upsert cannot tell a repeated id from an unchanged case (when the stored case wins
 * against the first row, the second row meets no row changed by the statement). Returns the distinct cases
 * left in staging and the rows replaced.
 */
async function replaceRepeatedIds(trx: Transaction<DB>, staging: Table, importId: number) {
  const replaced = await sql<{ count: number }>`
    WITH repeated AS (
      SELECT source, external_id, max(line) AS kept_line FROM ${staging}
      GROUP BY source, external_id HAVING count(*) > 1
    ),
    gone AS (
      DELETE FROM ${staging} s USING repeated r
      WHERE s.source = r.source AND s.external_id = r.external_id AND s.line <> r.kept_line
      RETURNING s.line, s.external_id, r.kept_line
    ),
    recorded AS (
      INSERT INTO import_replaced_rows (import_id, line, external_id, replaced_by_line)
      SELECT ${importId}::bigint, line, external_id, kept_line FROM gone
    )
    SELECT count(*)::int AS count FROM gone`.execute(trx);
  const loaded = await sql<{ count: number }>`SELECT count(*)::int AS count FROM ${staging}`.execute(trx);
  return { rowsLoaded: loaded.rows[0]?.count ?? 0, rowsReplaced: replaced.rows[0]?.count ?? 0 };
}

/**
 * Records the weeks read before the write (`recordWeeksBeforeUpsert`), then writes every staged row into
 * `cases` (`incomingWins`); the RETURNING of each write is the set of new versions, whose weeks go straight
 * into `touched`. Rows whose case was not stored when the weeks were read (not in `stored_lines`) are a plain
 * INSERT: `ON CONFLICT` costs a speculative insertion per row, about 40 % more backend CPU on a million new
 * cases (docs/scaling.md "The commit"). A concurrent import can still store one of those cases first; the
 * INSERT then fails on the identity and is rolled back to its savepoint, the weeks are read again (now seeing
 * that case's stored version) and every row takes the upsert. Returns the number of cases changed.
 */
async function writeCases(
  trx: Transaction<DB>,
  staging: Table,
  importId: number,
  window: { tz: string; windowSeconds: number },
): Promise<number> {
  const { tz, windowSeconds } = window;
  await recordWeeksBeforeUpsert(trx, staging, tz, windowSeconds);
  await sql`SAVEPOINT new_cases`.execute(trx);
  let inserted: number;
  try {
    inserted = await writeRows(trx, staging, importId, tz, 'new');
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
    await sql`ROLLBACK TO SAVEPOINT new_cases`.execute(trx);
    await sql`TRUNCATE stored_lines`.execute(trx);
    await recordWeeksBeforeUpsert(trx, staging, tz, windowSeconds);
    return writeRows(trx, staging, importId, tz, 'all');
  }
  await sql`RELEASE SAVEPOINT new_cases`.execute(trx);
  return inserted + (await writeRows(trx, staging, importId, tz, 'stored'));
}

const UNIQUE_VIOLATION = '23505';

/**
 * One INSERT of the staged rows `which` selects: 'new' (not in `stored_lines`) without a conflict clause,
 * 'stored' (in `stored_lines`) or 'all' as INSERT … ON CONFLICT DO UPDATE. Returns the rows written.
 */
async function writeRows(
  trx: Transaction<DB>,
  staging: Table,
  importId: number,
  tz: string,
  which: 'new' | 'stored' | 'all',
): Promise<number> {
  const stored = sql`EXISTS (SELECT 1 FROM stored_lines s WHERE s.line = i.line)`;
  const rows = which === 'new' ? sql`WHERE NOT ${stored}` : which === 'stored' ? sql`WHERE ${stored}` : sql``;
  const onConflict =
    which === 'new'
      ? sql``
      : sql`ON CONFLICT (source, external_id) DO UPDATE SET
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
      WHERE ${incomingWins('excluded', 'excluded.vendor_id', 'cases')}`;
  const written = await sql<{ count: number }>`
    WITH up AS (
      INSERT INTO cases (source, external_id, vendor_id, vendor_field, vendor_value, site, queue, channel, tier,
        customer_id, agent_id, created_at, first_response_at, solved_at, status, reopen_count, handle_seconds,
        wait_seconds, answered, abandoned, csat_score, csat_scale, csat_at, escalated, first_contact_resolved,
        updated_at, reported, import_id)
      SELECT i.source, i.external_id, a.vendor_id, i.vendor_field, i.vendor_value, i.site, i.queue, i.channel,
        i.tier, i.customer_id, i.agent_id, i.created_at, i.first_response_at, i.solved_at, i.status,
        i.reopen_count, i.handle_seconds, i.wait_seconds, i.answered, i.abandoned, i.csat_score, i.csat_scale,
        i.csat_at, i.escalated, i.first_contact_resolved, i.updated_at, i.reported, ${importId}::bigint
      FROM ${staging} i
      LEFT JOIN attribution a ON a.source = i.source
        AND a.field_key = coalesce(i.vendor_field, '') AND a.vendor_value = i.vendor_value
      ${rows}
      ${onConflict}
      RETURNING vendor_id, created_at, solved_at, csat_at
    ),
    weeks AS (
      INSERT INTO touched (vendor_id, week)
      SELECT DISTINCT vendor_id, w.week FROM up
      CROSS JOIN LATERAL case_weeks(created_at, solved_at, csat_at, ${tz}) AS w(week)
      WHERE vendor_id IS NOT NULL
    )
    SELECT count(*)::int AS count FROM up`.execute(trx);
  return written.rows[0]?.count ?? 0;
}

/**
 * Touched weeks that must be read before the upsert overwrites them: the attribution weeks (SQL `case_weeks`)
 * of the OLD version of every case the import will change; plus the completion weeks of earlier cases of the
 * same customer and queue that an old or a new version may make a repeat contact (opened after the earlier
 * case, no later than the longest repeat-contact window in force after its solve). That repeat-contact part is
 * read from `cases` as it is before the upsert: an earlier case that the import itself changes has its own
 * weeks recorded (old version here, new version from the upsert), and every other earlier case is the same
 * before and after. It is computed per (customer, queue) over the span of the changing cases, one index probe
 * per group: a small superset at most, which
 * only costs a harmless extra recompute. On a first import of new cases it finds nothing to read.
 *
 * Both reads of `cases` are index probes per staged row or group, written so that PostgreSQL cannot turn them
 * into hash joins: the identity lookup as a LATERAL … LIMIT 1 (the identity is unique, so the limit changes
 * nothing), the earlier cases as a LATERAL … OFFSET 0 (an optimisation fence). The identity lookup also fills
 * `stored_lines`, the staged rows whose case is stored already, which `writeCases` writes with the upsert. As joins they were planned as a
 * sequential scan of every case (docs/scaling.md "Growth with history"), so an import's cost grew with the
 * history rather than with the file and the customers it touches.
 */
async function recordWeeksBeforeUpsert(trx: Transaction<DB>, staging: Table, tz: string, windowSeconds: number) {
  await sql`WITH probed AS MATERIALIZED (
      SELECT i.line, i.customer_id, i.queue, i.created_at, c.id AS old_id, c.vendor_id AS old_vendor_id,
        c.customer_id AS old_customer_id, c.queue AS old_queue, c.created_at AS old_created_at,
        c.solved_at AS old_solved_at, c.csat_at AS old_csat_at,
        c.id IS NULL OR ${incomingWins('i', 'a.vendor_id', 'c')} AS changes
      FROM ${staging} i
      LEFT JOIN LATERAL (
        SELECT * FROM cases c WHERE c.source = i.source AND c.external_id = i.external_id LIMIT 1
      ) c ON true
      LEFT JOIN attribution a ON a.source = i.source
        AND a.field_key = coalesce(i.vendor_field, '') AND a.vendor_value = i.vendor_value
    ),
    stored AS (
      INSERT INTO stored_lines (line) SELECT line FROM probed WHERE old_id IS NOT NULL
    ),
    changing AS (
      SELECT * FROM probed WHERE changes
    ),
    keys AS (
      SELECT customer_id, queue, created_at FROM changing WHERE customer_id IS NOT NULL
      UNION ALL
      SELECT old_customer_id, old_queue, old_created_at FROM changing WHERE old_customer_id IS NOT NULL
    ),
    groups AS (
      SELECT customer_id, queue, min(created_at) AS first_created, max(created_at) AS last_created
      FROM keys GROUP BY customer_id, queue
    )
    INSERT INTO touched (vendor_id, week)
    SELECT DISTINCT old_vendor_id, w.week FROM changing
    CROSS JOIN LATERAL case_weeks(old_created_at, old_solved_at, old_csat_at, ${tz}) AS w(week)
    WHERE old_id IS NOT NULL AND old_vendor_id IS NOT NULL
    UNION
    SELECT e.vendor_id, w.completion_week
    FROM groups g
    CROSS JOIN LATERAL (
      SELECT e.vendor_id, e.created_at, e.solved_at, e.csat_at FROM cases e
      WHERE e.customer_id = g.customer_id AND e.queue IS NOT DISTINCT FROM g.queue
        AND e.created_at < g.last_created AND e.solved_at IS NOT NULL AND e.vendor_id IS NOT NULL
        AND e.solved_at + make_interval(secs => ${windowSeconds}) >= g.first_created
      OFFSET 0
    ) e
    CROSS JOIN LATERAL attribution_weeks(e.created_at, e.solved_at, e.csat_at, false, ${tz}) w`.execute(trx);
}
