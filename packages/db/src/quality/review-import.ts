/**
 * The database side of a review import: the single final transaction that turns the staged rows
 * (review-staging.ts) into ordinary reviews (docs/imports.md "Review imports"). What needs the
 * database is decided here, set-based: the case a row names (rejected when unknown, ambiguous, without a vendor,
 * or another vendor's than the one whose QA made the review; checkRows, which the dry run reads too), then repeated
 * review ids (the later line replaces the earlier), then the upsert on (vendor, review id) with the answers and a
 * history row per changed review.
 */
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Db, DB } from '../database.ts';
import { reviewStagingTable } from './review-staging.ts';
import { primaryColumn } from '@scorecard/domain/mapping/readers';
import type { ReviewMappingDocument } from '@scorecard/domain/quality/review-mapping';

/**
 * The cases a row names: its case id, and its source when the row gives one. Over `s` (case_source,
 * case_external_id); the import's commit and the dry run's lookup both read a row's case this way.
 */
const CASE_MATCH = sql`SELECT count(*) AS n, min(c.id) AS case_id, min(c.vendor_id) AS case_vendor_id,
    string_agg(DISTINCT c.source, ', ') AS sources
  FROM cases c
  WHERE c.external_id = s.case_external_id AND (s.case_source IS NULL OR c.source = s.case_source)`;

/**
 * The one rule of repeated review ids, for the commit and the dry run: rows repeat each other when they name the
 * same review id for the same vendor (their case's), as quality_reviews is keyed on (vendor_id, external_id).
 * Over `r` (a CASE_MATCH) and `s` (review_id).
 */
const REPEAT_KEY = sql`coalesce(r.case_vendor_id::text, '') || ' ' || s.review_id`;

/**
 * The one rule of the rows the database refuses, for the commit and the dry run: each row of `rows` (aliased `s`,
 * with case_source, case_external_id, review_id, reviewer_kind and vendor_name) with its case (CASE_MATCH), its
 * repeat key (REPEAT_KEY), and `reject`: null when the row is kept, else the field whose column the reject names
 * and the reason, the first that applies in the order a lead would fix them.
 */
function checkRows(rows: RawBuilder<unknown>) {
  return sql`SELECT s.*, r.n, r.case_id, r.case_vendor_id, ${REPEAT_KEY} AS repeat_key,
    CASE
      WHEN r.n = 0 THEN ARRAY['caseId', format('case: no case %L%s has been imported', s.case_external_id,
        coalesce(' from ' || s.case_source, ''))]
      WHEN r.n > 1 THEN ARRAY['caseId', format('case: %L is the id of %s cases (sources %s); map the case source to tell them apart',
        s.case_external_id, r.n, r.sources)]
      WHEN r.case_vendor_id IS NULL THEN ARRAY['caseId', format('case: case %L has no vendor yet (its vendor value is unmapped)',
        s.case_external_id)]
      WHEN s.vendor_name IS NOT NULL AND v.id IS NULL THEN ARRAY['vendor', format('vendor: no vendor named %L', s.vendor_name)]
      WHEN s.reviewer_kind = 'vendor' AND s.vendor_name IS NULL
        THEN ARRAY['vendor', 'vendor: a vendor QA review must name the vendor whose QA made it']
      WHEN s.vendor_name IS NOT NULL AND v.id IS DISTINCT FROM r.case_vendor_id
        THEN ARRAY['vendor', format('case: case %L is another vendor''s, not %s''s', s.case_external_id, s.vendor_name)]
      WHEN EXISTS (SELECT 1 FROM quality_reviews q JOIN quality_disputes d ON d.review_id = q.id
                   WHERE q.vendor_id = r.case_vendor_id AND q.external_id = s.review_id)
        THEN ARRAY['reviewId', format('review id: review %L is disputed; a re-import would overwrite the decided answers', s.review_id)]
    END AS reject
  FROM ${rows}
  CROSS JOIN LATERAL (${CASE_MATCH}) r
  CROSS JOIN LATERAL (SELECT vendor_named(s.vendor_name) AS id) v`;
}

export interface ReviewCommitResult {
  /** Distinct reviews the file loaded (inserted or updated): its last accepted row of each review id. */
  rowsLoaded: number;
  rowsReplaced: number;
  /** Rows staged before the commit: each is loaded, replaced or rejected here. */
  rowsStaged: number;
  /** Staged rows the database refused (unknown case, another vendor's case, a disputed review…). */
  rowsRejected: number;
  /** Loaded rows with a warning, after the refused rows' warnings are gone. */
  rowsWarned: number;
  inserted: number;
  updated: number;
}

/** Columns a database reject names: the document's own headers, so the reject points at the cell. */
export interface RejectColumns {
  caseId: string | null;
  vendor: string | null;
  reviewId: string | null;
}

/** Staging → quality_reviews in the caller's transaction; drops the staging table. */
export async function commitReviewStaging(
  trx: Transaction<DB>,
  importId: number,
  columns: RejectColumns,
): Promise<ReviewCommitResult> {
  const staging = sql.table(reviewStagingTable(importId));
  const staged = await sql<{ n: string }>`SELECT count(*) AS n FROM ${staging}`.execute(trx);
  await sql`CREATE TEMP TABLE review_rows ON COMMIT DROP AS
    SELECT c.line, c.case_id, c.case_vendor_id, c.repeat_key, c.reject FROM (${checkRows(sql`${staging} s`)}) c`.execute(
    trx,
  );

  const rejected = await sql<{ line: number }>`
    INSERT INTO import_rejects (import_id, line, column_name, reason, raw)
    SELECT ${importId}, s.line,
      CASE r.reject[1] WHEN 'caseId' THEN ${columns.caseId}::text WHEN 'vendor' THEN ${columns.vendor}::text
        ELSE ${columns.reviewId}::text END,
      r.reject[2], s.raw
    FROM ${staging} s JOIN review_rows r USING (line)
    WHERE r.reject IS NOT NULL
    RETURNING line`.execute(trx);
  const rejectedLines = rejected.rows.map((r) => r.line);
  if (rejectedLines.length > 0) {
    await sql`DELETE FROM ${staging} WHERE line = ANY(${rejectedLines}::int[])`.execute(trx);
    await sql`DELETE FROM import_warnings WHERE import_id = ${importId} AND line = ANY(${rejectedLines}::int[])`.execute(
      trx,
    );
  }

  // Within one file the last line of a repeated review id (REPEAT_KEY) wins.
  const replaced = await sql<{ line: number }>`
    WITH ranked AS (
      SELECT s.line, s.review_id, max(s.line) OVER (PARTITION BY r.repeat_key) AS last_line
      FROM ${staging} s JOIN review_rows r USING (line))
    INSERT INTO import_replaced_rows (import_id, line, external_id, replaced_by_line)
    SELECT ${importId}, line, review_id, last_line FROM ranked WHERE line < last_line
    RETURNING line`.execute(trx);
  const replacedLines = replaced.rows.map((r) => r.line);
  if (replacedLines.length > 0) {
    await sql`DELETE FROM ${staging} WHERE line = ANY(${replacedLines}::int[])`.execute(trx);
  }

  const upserted = await sql<{ id: number; inserted: boolean; line: number }>`
    INSERT INTO quality_reviews AS q (case_id, vendor_id, form_id, reviewer_kind, reviewer_user_id, reviewer_name,
      feedback, reviewed_at, week, external_id, import_id, tool_score)
    SELECT r.case_id, r.case_vendor_id, s.form_id, s.reviewer_kind, NULL, s.reviewer_name, s.feedback, s.reviewed_at,
      scorecard_week(s.reviewed_at, o.reporting_time_zone), s.review_id, ${importId}, s.tool_score
    FROM ${staging} s JOIN review_rows r USING (line) CROSS JOIN organisation_settings o
    ON CONFLICT (vendor_id, external_id) DO UPDATE SET
      case_id = excluded.case_id, form_id = excluded.form_id, reviewer_kind = excluded.reviewer_kind,
      reviewer_name = excluded.reviewer_name, feedback = excluded.feedback, reviewed_at = excluded.reviewed_at,
      week = excluded.week, import_id = excluded.import_id, tool_score = excluded.tool_score
    RETURNING q.id, (xmax = 0) AS inserted,
      (SELECT s2.line FROM ${staging} s2 JOIN review_rows r2 USING (line)
        WHERE s2.review_id = q.external_id AND r2.case_vendor_id = q.vendor_id) AS line`.execute(trx);
  const ids = upserted.rows.map((r) => r.id);
  await sql`CREATE TEMP TABLE review_lines ON COMMIT DROP AS
    SELECT * FROM unnest(${ids}::bigint[], ${upserted.rows.map((r) => r.line)}::int[],
      ${upserted.rows.map((r) => r.inserted)}::boolean[]) AS u(review_id, line, inserted)`.execute(trx);

  // A re-imported review's history says which answers the import changed, as an accepted dispute's does: its value
  // (N/A is null) and, when it changed, its root cause. A re-import that changes neither writes none.
  await sql`INSERT INTO quality_review_events (review_id, actor_user_id, actor_kind, kind, changes, note)
    SELECT e.review_id, NULL, 'system', e.kind, e.changes, e.note
    FROM (
      SELECT u.review_id, CASE WHEN u.inserted THEN 'review_created' ELSE 'answer_changed' END AS kind,
        CASE WHEN u.inserted THEN jsonb_build_object('formId', s.form_id, 'reviewerKind', s.reviewer_kind)
          ELSE coalesce((SELECT jsonb_object_agg(n.key, jsonb_build_object('from', a.value, 'to', n.to_value)
              || CASE WHEN a.root_cause IS DISTINCT FROM n.to_cause
                   THEN jsonb_build_object('rootCause', jsonb_build_object('from', a.root_cause, 'to', n.to_cause))
                   ELSE '{}' END)
            FROM (SELECT key, (value ->> 'value')::int AS to_value, value ->> 'rootCause' AS to_cause
                  FROM jsonb_each(s.answers)) n
            LEFT JOIN quality_review_answers a ON a.review_id = u.review_id AND a.criterion_key = n.key
            WHERE a.value IS DISTINCT FROM n.to_value OR a.root_cause IS DISTINCT FROM n.to_cause), '{}') END AS changes,
        format('import %s, line %s', ${importId}::bigint, u.line) AS note
      FROM review_lines u JOIN ${staging} s USING (line)) e
    WHERE e.kind = 'review_created' OR e.changes <> '{}'::jsonb`.execute(trx);
  await sql`DELETE FROM quality_review_answers WHERE review_id = ANY(${ids}::bigint[])`.execute(trx);
  await sql`INSERT INTO quality_review_answers (review_id, criterion_key, value, root_cause)
    SELECT u.review_id, n.key, (n.value ->> 'value')::smallint, n.value ->> 'rootCause'
    FROM review_lines u JOIN ${staging} s USING (line) CROSS JOIN jsonb_each(s.answers) n`.execute(trx);

  const warned = await sql<{ n: string }>`
    SELECT count(DISTINCT line) AS n FROM import_warnings WHERE import_id = ${importId}`.execute(trx);
  await sql`DROP TABLE ${staging}`.execute(trx);
  const inserted = upserted.rows.filter((r) => r.inserted).length;
  return {
    rowsLoaded: upserted.rows.length,
    rowsStaged: Number(staged.rows[0]?.n ?? 0),
    rowsReplaced: replacedLines.length,
    rowsRejected: rejectedLines.length,
    rowsWarned: Number(warned.rows[0]?.n ?? 0),
    inserted,
    updated: upserted.rows.length - inserted,
  };
}

/** A row the dry run checks: the staged columns the import's rule (checkRows) reads. */
export interface ReviewCaseRow {
  caseSource: string | null;
  caseId: string;
  reviewId: string;
  reviewerKind: string;
  vendorName: string | null;
}

/**
 * For the dry run, per row in order: the import's verdict on it (checkRows: the reject with its column from
 * `columns`, or null when the import keeps it) and its repeat key (REPEAT_KEY).
 */
export async function checkReviewRows(
  db: Db,
  rows: readonly ReviewCaseRow[],
  columns: RejectColumns,
): Promise<{ reject: { column: string | null; reason: string } | null; repeatKey: string }[]> {
  if (rows.length === 0) return [];
  const values = sql`unnest(${rows.map((k) => k.caseSource)}::text[], ${rows.map((k) => k.caseId)}::text[],
      ${rows.map((k) => k.reviewId)}::text[], ${rows.map((k) => k.reviewerKind)}::text[],
      ${rows.map((k) => k.vendorName)}::text[])
    WITH ORDINALITY AS s(case_source, case_external_id, review_id, reviewer_kind, vendor_name, i)`;
  const result = await sql<{ reject: [keyof RejectColumns, string] | null; repeat_key: string }>`
    SELECT c.reject, c.repeat_key FROM (${checkRows(values)}) c ORDER BY c.i`.execute(db);
  return result.rows.map((r) => ({
    reject: r.reject ? { column: columns[r.reject[0]], reason: r.reject[1] } : null,
    repeatKey: r.repeat_key,
  }));
}

/** The columns a database reject names, from the review mapping's fields. */
export function rejectColumnsOf(fields: ReviewMappingDocument['fields']): RejectColumns {
  const columnOf = (source: ReviewMappingDocument['fields']['caseId'] | undefined) =>
    source ? primaryColumn(source) : null;
  return { caseId: columnOf(fields.caseId), vendor: columnOf(fields.vendor), reviewId: columnOf(fields.reviewId) };
}
