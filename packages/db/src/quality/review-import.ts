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
    SELECT s.line, m.n, m.case_id, m.case_vendor_id, m.sources, v.id AS stated_vendor_id,
      (SELECT q.id FROM quality_reviews q WHERE q.vendor_id = m.case_vendor_id AND q.external_id = s.review_id) AS existing_id
    FROM ${staging} s
    CROSS JOIN LATERAL (
      SELECT count(*) AS n, min(c.id) AS case_id, min(c.vendor_id) AS case_vendor_id,
        string_agg(DISTINCT c.source, ', ') AS sources
      FROM cases c
      WHERE c.external_id = s.case_external_id AND (s.case_source IS NULL OR c.source = s.case_source)
    ) m
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

  // Within one file the last line of a review id (per vendor, as the table keys it) wins.
  const replaced = await sql<{ line: number }>`
    WITH ranked AS (
      SELECT s.line, s.review_id,
        max(s.line) OVER (PARTITION BY r.case_vendor_id, s.review_id) AS last_line
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

  // A re-imported review's history says which answers the import changed, as an accepted dispute's does.
  await sql`INSERT INTO quality_review_events (review_id, actor_user_id, actor_kind, kind, changes, note)
    SELECT u.review_id, NULL, 'system', CASE WHEN u.inserted THEN 'review_created' ELSE 'answer_changed' END,
      CASE WHEN u.inserted THEN jsonb_build_object('formId', s.form_id, 'reviewerKind', s.reviewer_kind)
        ELSE coalesce((SELECT jsonb_object_agg(n.key, jsonb_build_object('from', a.value, 'to', (n.value ->> 'value')::int))
          FROM jsonb_each(s.answers) n
          LEFT JOIN quality_review_answers a ON a.review_id = u.review_id AND a.criterion_key = n.key
          WHERE a.value IS DISTINCT FROM (n.value ->> 'value')::int), '{}') END,
      format('import %s, line %s', ${importId}::bigint, u.line)
    FROM review_lines u JOIN ${staging} s USING (line)`.execute(trx);
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
 * For the dry run: which (case source, case id) pairs name no imported case, as `${source ?? ''} ${id}`.
 * The import itself decides this in its final transaction (commitReviewStaging), with the vendor checks.
 */
export async function unknownCases(
  db: Db,
  keys: readonly { caseSource: string | null; caseId: string }[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const result = await sql<{ source: string | null; id: string }>`
    SELECT k.source, k.id
    FROM unnest(${keys.map((k) => k.caseSource)}::text[], ${keys.map((k) => k.caseId)}::text[]) AS k(source, id)
    WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.external_id = k.id AND (k.source IS NULL OR c.source = k.source))`.execute(
    db,
  );
  return new Set(result.rows.map((r) => caseKey(r.source, r.id)));
}

export function caseKey(caseSource: string | null, caseId: string): string {
  return `${caseSource ?? ''}\u0000${caseId}`;
}
