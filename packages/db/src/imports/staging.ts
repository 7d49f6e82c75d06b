/**
 * The per-import UNLOGGED staging table that accepted rows are COPYed into, and the COPY text encoding
 * of a canonical case. Staging is recreated on every attempt, so a retried import starts clean.
 */
import type { CanonicalCase } from '@scorecard/domain/mapping/canonical';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { bool, instant, num, opt, text, time } from './copy-text.ts';

export function stagingTable(importId: number): string {
  return `import_staging_${importId}`;
}

/** Column order of the COPY text lines written by `encodeCase`. */
export const STAGED_COLUMNS = [
  'line',
  'source',
  'external_id',
  'vendor_field',
  'vendor_value',
  'site',
  'queue',
  'channel',
  'tier',
  'customer_id',
  'agent_id',
  'created_at',
  'first_response_at',
  'solved_at',
  'status',
  'reopen_count',
  'handle_seconds',
  'wait_seconds',
  'answered',
  'abandoned',
  'csat_score',
  'csat_scale',
  'csat_at',
  'escalated',
  'first_contact_resolved',
  'updated_at',
  'reported',
] as const;

export async function createStaging(db: Db, importId: number): Promise<void> {
  const table = sql.table(stagingTable(importId));
  await sql`DROP TABLE IF EXISTS ${table}`.execute(db);
  await sql`CREATE UNLOGGED TABLE ${table} (
    line integer NOT NULL,
    source text NOT NULL,
    external_id text NOT NULL,
    vendor_field text,
    vendor_value text,
    site text,
    queue text,
    channel text NOT NULL,
    tier smallint,
    customer_id text,
    agent_id text,
    created_at timestamptz NOT NULL,
    first_response_at timestamptz,
    solved_at timestamptz,
    status text,
    reopen_count integer,
    handle_seconds integer,
    wait_seconds integer,
    answered boolean,
    abandoned boolean,
    csat_score smallint,
    csat_scale smallint,
    csat_at timestamptz,
    escalated boolean,
    first_contact_resolved boolean,
    updated_at timestamptz,
    reported jsonb
  )`.execute(db);
}

export async function dropStaging(db: Db, importId: number): Promise<void> {
  await sql`DROP TABLE IF EXISTS ${sql.table(stagingTable(importId))}`.execute(db);
}

export function copyStatement(importId: number): string {
  return `COPY ${stagingTable(importId)} (${STAGED_COLUMNS.join(', ')}) FROM STDIN`;
}

/** One COPY text-format line (tab-separated, `\N` for null, backslash escapes), newline included. */
export function encodeCase(c: CanonicalCase, line: number): string {
  return (
    `${line}\t${c.source}\t${text(c.externalId)}\t${opt(c.vendorField)}\t${opt(c.vendorValue)}\t` +
    `${opt(c.site)}\t${opt(c.queue)}\t${c.channel}\t${num(c.tier)}\t${opt(c.customerId)}\t${opt(c.agentId)}\t` +
    `${instant(c.createdAt)}\t${time(c.firstResponseAt)}\t${time(c.solvedAt)}\t${opt(c.status)}\t` +
    `${num(c.reopenCount)}\t${num(c.handleSeconds)}\t${num(c.waitSeconds)}\t${bool(c.answered)}\t` +
    `${bool(c.abandoned)}\t${num(c.csatScore)}\t${num(c.csatScale)}\t${time(c.csatAt)}\t${bool(c.escalated)}\t` +
    `${bool(c.firstContactResolved)}\t${time(c.updatedAt)}\t${c.reported ? text(JSON.stringify(c.reported)) : '\\N'}\n`
  );
}
