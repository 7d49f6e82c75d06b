/**
 * The database side of a review import: the single final transaction that turns the staged rows
 * (review-staging.ts) into ordinary reviews (docs/imports.md "Review imports"). What needs the
 * database is decided here, set-based: the case a row names (rejected when unknown, ambiguous, without a vendor,
 * or another vendor's than the one whose QA made the review), then repeated review ids (the later line replaces
 * the earlier), then the upsert on (vendor, review id) with the answers and a history row per review.
 */
import { sql, type Transaction } from 'kysely';
import type { Db, DB } from '../database.ts';
import { reviewStagingTable } from './review-staging.ts';

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
    SELECT s.line, r.n, r.case_id, r.case_vendor_id, r.sources, v.id AS stated_vendor_id,
      (SELECT q.id FROM quality_reviews q WHERE q.vendor_id = r.case_vendor_id AND q.external_id = s.review_id) AS existing_id,
      ${REPEAT_KEY} AS repeat_key
    FROM ${staging} s
    CROSS JOIN LATERAL (${CASE_MATCH}) r
    LEFT JOIN vendors v ON lower(v.name) = lower(s.vendor_name)`.execute(trx);

  // The first reason that applies, in the order a lead would fix them.
  const rejected = await sql<{ line: number }>`
    INSERT INTO import_rejects (import_id, line, column_name, reason, raw)
    SELECT ${importId}, s.line,
      CASE WHEN r.n = 0 OR r.n > 1 OR r.case_vendor_id IS NULL THEN ${columns.caseId}::text
           WHEN r.existing_id IS NOT NULL AND EXISTS (SELECT 1 FROM quality_disputes d WHERE d.review_id = r.existing_id)
             THEN ${columns.reviewId}::text
           ELSE ${columns.vendor}::text END,
      CASE
        WHEN r.n = 0 THEN format('case: no case %L%s has been imported', s.case_external_id,
          coalesce(' from ' || s.case_source, ''))
        WHEN r.n > 1 THEN format('case: %L is the id of %s cases (sources %s); map the case source to tell them apart',
          s.case_external_id, r.n, r.sources)
        WHEN r.case_vendor_id IS NULL THEN format('case: case %L has no vendor yet (its vendor value is unmapped)',
          s.case_external_id)
        WHEN s.vendor_name IS NOT NULL AND r.stated_vendor_id IS NULL THEN format('vendor: no vendor named %L', s.vendor_name)
        WHEN s.reviewer_kind = 'vendor' AND s.vendor_name IS NULL
          THEN 'vendor: a vendor QA review must name the vendor whose QA made it'
        WHEN r.stated_vendor_id IS DISTINCT FROM r.case_vendor_id AND s.vendor_name IS NOT NULL
          THEN format('case: case %L is another vendor''s, not %s''s', s.case_external_id, s.vendor_name)
        ELSE format('review id: review %L is disputed; a re-import would overwrite the decided answers', s.review_id)
      END,
      s.raw
    FROM ${staging} s JOIN review_rows r USING (line)
    WHERE r.n <> 1 OR r.case_vendor_id IS NULL
       OR (s.vendor_name IS NOT NULL AND r.stated_vendor_id IS DISTINCT FROM r.case_vendor_id)
       OR (s.reviewer_kind = 'vendor' AND s.vendor_name IS NULL)
       OR (r.existing_id IS NOT NULL AND EXISTS (SELECT 1 FROM quality_disputes d WHERE d.review_id = r.existing_id))
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

  // A re-imported review's history says which answers the import changed, as an accepted dispute's does; a
  // re-import that changes no answer writes none.
  await sql`INSERT INTO quality_review_events (review_id, actor_user_id, actor_kind, kind, changes, note)
    SELECT e.review_id, NULL, 'system', e.kind, e.changes, e.note
    FROM (
      SELECT u.review_id, CASE WHEN u.inserted THEN 'review_created' ELSE 'answer_changed' END AS kind,
        CASE WHEN u.inserted THEN jsonb_build_object('formId', s.form_id, 'reviewerKind', s.reviewer_kind)
          ELSE coalesce((SELECT jsonb_object_agg(n.key, jsonb_build_object('from', a.value, 'to', (n.value ->> 'value')::int))
            FROM jsonb_each(s.answers) n
            LEFT JOIN quality_review_answers a ON a.review_id = u.review_id AND a.criterion_key = n.key
            WHERE a.value IS DISTINCT FROM (n.value ->> 'value')::int), '{}') END AS changes,
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

/**
 * For the dry run, per row in order: whether its case is imported (the import rejects it otherwise) and its
 * repeat key (REPEAT_KEY). The import decides the rest of a row's case in its commit, with the vendor checks.
 */
export async function lookUpReviewCases(
  db: Db,
  rows: readonly { caseSource: string | null; caseId: string; reviewId: string }[],
): Promise<{ known: boolean; repeatKey: string }[]> {
  if (rows.length === 0) return [];
  const result = await sql<{ known: boolean; repeat_key: string }>`
    SELECT r.n > 0 AS known, ${REPEAT_KEY} AS repeat_key
    FROM unnest(${rows.map((k) => k.caseSource)}::text[], ${rows.map((k) => k.caseId)}::text[],
      ${rows.map((k) => k.reviewId)}::text[]) WITH ORDINALITY AS s(case_source, case_external_id, review_id, i)
    CROSS JOIN LATERAL (${CASE_MATCH}) r
    ORDER BY s.i`.execute(db);
  return result.rows.map((r) => ({ known: r.known, repeatKey: r.repeat_key }));
}
