/**
 * Contract terms rows (history: one row per vendor × queue/channel × effective week) and the vendor-weeks a
 * change affects. Terms resolve at a case's arrival week (migrations/0007_contract_terms.sql), so a row
 * effective from week W changes only cases of its vendor created in W or later, and with them only weeks ≥ W.
 */
import type { TermsFields, TermsRow } from '@scorecard/domain/terms/terms';
import { sql, type Selectable } from 'kysely';
import type { ContractTerms } from '../schema.generated.ts';
import type { Db } from '../database.ts';

export type TermsInput = Omit<TermsRow, 'id'> & { note: string | null };
export type StoredTerms = TermsRow & { note: string | null; createdAt: string };

const columns = {
  calendarId: 'calendar_id',
  frtBasis: 'frt_basis',
  asyncSlBasis: 'async_sl_basis',
  resolutionBasis: 'resolution_basis',
  slThresholdVoiceSeconds: 'sl_threshold_voice_seconds',
  slThresholdChatSeconds: 'sl_threshold_chat_seconds',
  asyncSlaSeconds: 'async_sla_seconds',
  shortAbandonSeconds: 'short_abandon_seconds',
  repeatWindowSeconds: 'repeat_window_seconds',
  satisfiedScore: 'satisfied_score',
  minSample: 'min_sample',
  compositeWeights: 'composite_weights',
} as const satisfies Record<keyof TermsFields, keyof ContractTerms>;

function toTerms(r: Selectable<ContractTerms>): StoredTerms {
  return {
    id: r.id,
    vendorId: r.vendor_id,
    queue: r.queue,
    channel: r.channel,
    effectiveFrom: r.effective_from,
    calendarId: r.calendar_id,
    frtBasis: r.frt_basis as TermsRow['frtBasis'],
    asyncSlBasis: r.async_sl_basis as TermsRow['asyncSlBasis'],
    resolutionBasis: r.resolution_basis as TermsRow['resolutionBasis'],
    slThresholdVoiceSeconds: r.sl_threshold_voice_seconds,
    slThresholdChatSeconds: r.sl_threshold_chat_seconds,
    asyncSlaSeconds: r.async_sla_seconds,
    shortAbandonSeconds: r.short_abandon_seconds,
    repeatWindowSeconds: r.repeat_window_seconds,
    satisfiedScore: r.satisfied_score,
    minSample: r.min_sample,
    compositeWeights: r.composite_weights as Record<string, number> | null,
    note: r.note,
    createdAt: r.created_at.toISOString(),
  };
}

/** Every terms row of one vendor (or all vendors), newest first. */
export async function listTerms(db: Db, vendorId?: number): Promise<StoredTerms[]> {
  let query = db
    .selectFrom('contract_terms')
    .selectAll()
    .orderBy('vendor_id')
    .orderBy('effective_from', 'desc')
    .orderBy('id');
  if (vendorId !== undefined) query = query.where('vendor_id', '=', vendorId);
  return (await query.execute()).map(toTerms);
}

function values(input: Partial<TermsFields>) {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(columns)) {
    const value = input[key as keyof TermsFields];
    if (value !== undefined) out[column] = key === 'compositeWeights' && value !== null ? JSON.stringify(value) : value;
  }
  return out;
}

/** Inserts one row; a row for the same vendor, queue/channel and week is replaced (its history entry is that week). */
export async function upsertTerms(db: Db, input: TermsInput): Promise<StoredTerms> {
  const row = await db
    .insertInto('contract_terms')
    .values({
      vendor_id: input.vendorId,
      queue: input.queue,
      channel: input.channel,
      effective_from: input.effectiveFrom,
      note: input.note,
      ...values(input),
    })
    .onConflict((oc) =>
      oc
        .columns(['vendor_id', 'queue', 'channel', 'effective_from'])
        .doUpdateSet({ note: input.note, ...values(input) }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toTerms(row);
}

export async function deleteTerms(db: Db, id: number): Promise<StoredTerms | undefined> {
  const row = await db.deleteFrom('contract_terms').where('id', '=', id).returningAll().executeTakeFirst();
  return row && toTerms(row);
}

/**
 * The vendor-weeks a terms change effective from `fromWeek` affects: every attribution week (arrival, completion,
 * survey) of the vendor's cases created in that week or later, in the reporting time zone.
 */
export async function affectedVendorWeeks(
  db: Db,
  vendorId: number,
  fromWeek: string,
): Promise<{ vendorId: number; week: string }[]> {
  const result = await sql<{ week: string }>`
    WITH o AS (SELECT reporting_time_zone AS tz FROM organisation_settings)
    SELECT DISTINCT w.week::text AS week
    FROM o, cases c
    CROSS JOIN LATERAL (VALUES (scorecard_week(c.created_at, o.tz)), (scorecard_week(c.solved_at, o.tz)),
                               (scorecard_week(coalesce(c.csat_at, c.solved_at), o.tz))) w(week)
    WHERE c.vendor_id = ${vendorId} AND c.created_at >= (${fromWeek}::date::timestamp AT TIME ZONE o.tz)
      AND w.week IS NOT NULL
    ORDER BY 1`.execute(db);
  return result.rows.map((r) => ({ vendorId, week: r.week }));
}
