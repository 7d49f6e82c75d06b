/**
 * The per-import UNLOGGED staging table that a review import COPYs its accepted rows into (as a case import
 * does, packages/db/src/imports/staging.ts), and the COPY text encoding of one row. Staging is recreated on
 * every attempt, so a retried import starts clean; the commit (review-import.ts) drops it.
 */
import type { ImportedReview } from '@scorecard/domain/quality/review-normalise';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { num, opt, text, time } from '../imports/copy-text.ts';

export function reviewStagingTable(importId: number): string {
  return `import_review_staging_${importId}`;
}

export async function createReviewStaging(db: Db, importId: number): Promise<void> {
  const table = sql.table(reviewStagingTable(importId));
  await sql`DROP TABLE IF EXISTS ${table}`.execute(db);
  await sql`CREATE UNLOGGED TABLE ${table} (
    line integer PRIMARY KEY,
    raw text NOT NULL,
    case_source text,
    case_external_id text NOT NULL,
    review_id text NOT NULL,
    form_id bigint NOT NULL,
    reviewer_name text NOT NULL,
    reviewer_kind text NOT NULL,
    vendor_name text,
    reviewed_at timestamptz NOT NULL,
    feedback text NOT NULL,
    tool_score double precision,
    answers jsonb NOT NULL
  )`.execute(db);
}

export async function dropReviewStaging(db: Db, importId: number): Promise<void> {
  await sql`DROP TABLE IF EXISTS ${sql.table(reviewStagingTable(importId))}`.execute(db);
}

/** The table's columns in order, so `encodeReview` lines need no column list. */
export function reviewCopyStatement(importId: number): string {
  return `COPY ${reviewStagingTable(importId)} FROM STDIN`;
}

/** One COPY text-format line of an accepted review row, newline included. */
export function encodeReview(line: number, raw: string, r: ImportedReview): string {
  return (
    `${line}\t${text(raw)}\t${opt(r.caseSource)}\t${text(r.caseId)}\t${text(r.reviewId)}\t${r.formId}\t` +
    `${text(r.reviewerName)}\t${r.reviewerKind}\t${opt(r.vendorName)}\t${time(r.reviewedAt)}\t` +
    `${text(r.feedback)}\t${num(r.toolScore)}\t${text(JSON.stringify(r.answers))}\n`
  );
}
