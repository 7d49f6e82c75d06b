/** Vendors and vendor mappings. Vendor reads filter by the caller's scope in SQL. */
import type { Db, DB } from '../database.ts';
import { firstUnlistedWeek } from '@scorecard/domain/vendors/archive';
import { weekLabel } from '@scorecard/domain/weeks';
import { sql, type Transaction } from 'kysely';
import type { VendorScope } from '@scorecard/domain/vendors/scope';

export interface Vendor {
  id: number;
  name: string;
  timeZone: string;
  reportRecipients: string[];
  archivedAt: string | null;
  /** The first week whose scorecard no longer lists the archived vendor (reporting time zone). */
  unlistedFromWeek: string | null;
}

/** active: not archived (what pickers offer); archived: archived only; all: both. */
export type VendorStatus = 'active' | 'archived' | 'all';

const vendorColumns = ['id', 'name', 'time_zone', 'report_recipients', 'archived_at'] as const;
type VendorRow = { id: number; name: string; time_zone: string; report_recipients: string[]; archived_at: Date | null };

async function toVendors(db: Db, rows: readonly VendorRow[]): Promise<Vendor[]> {
  const zone = rows.some((r) => r.archived_at !== null)
    ? ((await db.selectFrom('organisation_settings').select('reporting_time_zone').executeTakeFirst())
        ?.reporting_time_zone ?? 'UTC')
    : 'UTC';
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    reportRecipients: row.report_recipients,
    archivedAt: row.archived_at?.toISOString() ?? null,
    unlistedFromWeek: row.archived_at && weekLabel(firstUnlistedWeek(row.archived_at, zone)),
  }));
}

export async function listVendors(db: Db, scope: VendorScope, status: VendorStatus = 'active'): Promise<Vendor[]> {
  let query = db.selectFrom('vendors').select(vendorColumns).orderBy('name');
  if (scope.kind === 'vendor') query = query.where('id', '=', scope.vendorId);
  if (status !== 'all') query = query.where('archived_at', status === 'active' ? 'is' : 'is not', null);
  return toVendors(db, await query.execute());
}

export async function findVendor(db: Db, id: number): Promise<Vendor | undefined> {
  const row = await db.selectFrom('vendors').select(vendorColumns).where('id', '=', id).executeTakeFirst();
  return row && (await toVendors(db, [row]))[0];
}

/** Undefined when the name is taken. */
export async function createVendor(
  db: Db,
  input: { name: string; timeZone?: string | undefined; reportRecipients?: string[] | undefined },
): Promise<Vendor | undefined> {
  const row = await db
    .insertInto('vendors')
    .values({ name: input.name, time_zone: input.timeZone ?? 'UTC', report_recipients: input.reportRecipients ?? [] })
    .onConflict((oc) => oc.column('name').doNothing())
    .returning(vendorColumns)
    .executeTakeFirst();
  return row && (await toVendors(db, [row]))[0];
}

/** Undefined when there is no such vendor in scope. Throws the unique violation when the new name is taken. */
export async function updateVendor(
  db: Db,
  scope: VendorScope,
  id: number,
  patch: { name?: string | undefined; timeZone?: string | undefined; reportRecipients?: string[] | undefined },
): Promise<Vendor | undefined> {
  let query = db
    .updateTable('vendors')
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.timeZone !== undefined && { time_zone: patch.timeZone }),
      ...(patch.reportRecipients !== undefined && { report_recipients: patch.reportRecipients }),
    })
    .where('id', '=', id);
  if (scope.kind === 'vendor') query = query.where('id', '=', scope.vendorId);
  const row = await query.returning(vendorColumns).executeTakeFirst();
  return row && (await toVendors(db, [row]))[0];
}

export interface VendorMapping {
  id: number;
  source: string;
  field: string;
  value: string;
  vendorId: number;
  vendorName: string;
  createdAt: string;
}

export async function listVendorMappings(db: Db, id?: number): Promise<VendorMapping[]> {
  let query = db
    .selectFrom('vendor_mappings as m')
    .innerJoin('vendors as v', 'v.id', 'm.vendor_id')
    .select(['m.id', 'm.source', 'm.field', 'm.value', 'm.vendor_id', 'v.name', 'm.created_at']);
  if (id !== undefined) query = query.where('m.id', '=', id);
  const rows = await query.orderBy('m.source').orderBy('m.field').orderBy('m.value').execute();
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    field: r.field,
    value: r.value,
    vendorId: r.vendor_id,
    vendorName: r.name,
    createdAt: r.created_at.toISOString(),
  }));
}

export interface ReattributeResult {
  mappingId: number;
  casesMoved: number;
  /** Vendor-weeks whose metrics changed: the old and the new vendor's arrival, completion and survey weeks. */
  touched: { vendorId: number; week: string }[];
}

/**
 * Inserts the mapping (undefined when (source, field, value) is already mapped) and re-attributes the matching
 * cases in the same transaction. Cases of another source/field with a vendor by name are left alone: the
 * mapping covers exactly its key. Also re-applies the mapping to cases the name rule attributed, since a
 * mapping wins over a name match.
 */
export async function createMappingAndReattribute(
  trx: Transaction<DB>,
  input: { source: string; field: string; value: string; vendorId: number },
): Promise<ReattributeResult | undefined> {
  const mapping = await trx
    .insertInto('vendor_mappings')
    .values({ source: input.source, field: input.field, value: input.value, vendor_id: input.vendorId })
    .onConflict((oc) => oc.columns(['source', 'field', 'value']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!mapping) return undefined;
  const { casesMoved, touched } = await reattribute(trx, input.source, input.field, input.value, input.vendorId);
  return { mappingId: mapping.id, casesMoved, touched };
}

/** Deleting a mapping falls back to the name rule for its cases (else unmapped). Undefined when absent. */
export async function deleteMappingAndReattribute(
  trx: Transaction<DB>,
  id: number,
): Promise<ReattributeResult | undefined> {
  const mapping = await trx.deleteFrom('vendor_mappings').where('id', '=', id).returningAll().executeTakeFirst();
  if (!mapping) return undefined;
  const byName = (await sql<{ id: number | null }>`SELECT vendor_named(${mapping.value}) AS id`.execute(trx)).rows[0];
  const { casesMoved, touched } = await reattribute(
    trx,
    mapping.source,
    mapping.field,
    mapping.value,
    byName?.id ?? null,
  );
  return { mappingId: mapping.id, casesMoved, touched };
}

async function reattribute(
  trx: Transaction<DB>,
  source: string,
  field: string,
  value: string,
  vendorId: number | null,
): Promise<{ casesMoved: number; touched: { vendorId: number; week: string }[] }> {
  const result = await sql<{ vendor_id: number; week: string; moved: number }>`
    WITH moved AS (
      -- Joining the table to itself reads the row as it was before this statement: the old vendor.
      UPDATE cases c SET vendor_id = ${vendorId}::bigint
      FROM cases old
      WHERE old.id = c.id AND c.source = ${source} AND c.vendor_field = ${field} AND c.vendor_value = ${value}
        AND c.vendor_id IS DISTINCT FROM ${vendorId}::bigint
      RETURNING old.vendor_id AS old_vendor, c.vendor_id AS new_vendor, c.created_at, c.solved_at, c.csat_at
    ),
    versions AS (
      SELECT old_vendor AS vendor_id, created_at, solved_at, csat_at FROM moved
      UNION ALL SELECT new_vendor, created_at, solved_at, csat_at FROM moved
    ),
    tz AS (SELECT reporting_time_zone AS zone FROM organisation_settings)
    SELECT w.vendor_id, w.week, (SELECT count(*)::int FROM moved) AS moved
    FROM (
      SELECT DISTINCT v.vendor_id, weeks.week FROM versions v, tz
      CROSS JOIN LATERAL case_weeks(v.created_at, v.solved_at, v.csat_at, tz.zone) AS weeks(week)
    ) w
    WHERE w.vendor_id IS NOT NULL
    ORDER BY 1, 2`.execute(trx);
  return {
    // Every moved case has a vendor on at least one side, so no row means nothing moved.
    casesMoved: result.rows[0]?.moved ?? 0,
    touched: result.rows.map((r) => ({ vendorId: r.vendor_id, week: r.week })),
  };
}

/** Current unmapped attribution keys across all imports (cases with no vendor), most cases first. */
export async function listUnmappedKeys(db: Db) {
  const rows = await db
    .selectFrom('cases')
    .select(['source', 'vendor_field', 'vendor_value', (eb) => eb.fn.countAll<number>().as('n')])
    .where('vendor_id', 'is', null)
    .where('vendor_field', 'is not', null)
    .where('vendor_value', 'is not', null)
    .groupBy(['source', 'vendor_field', 'vendor_value'])
    .orderBy('n', 'desc')
    .orderBy('vendor_value')
    .execute();
  return rows.map((r) => ({
    source: r.source,
    field: r.vendor_field ?? '',
    value: r.vendor_value ?? '',
    caseCount: Number(r.n),
  }));
}

/** A vendor's id and name, within `scope`; undefined when there is none there. */
export async function findVendorName(
  db: Db,
  id: number,
  scope: VendorScope = { kind: 'all' },
): Promise<{ id: number; name: string } | undefined> {
  let query = db.selectFrom('vendors').select(['id', 'name']).where('id', '=', id);
  if (scope.kind === 'vendor') query = query.where('id', '=', scope.vendorId);
  return query.executeTakeFirst();
}

/** Every vendor's name by id. */
/** Every vendor's name by id, or only those of `ids`. */
export async function vendorNames(db: Db, ids?: readonly number[]): Promise<Map<number, string>> {
  if (ids?.length === 0) return new Map();
  let query = db.selectFrom('vendors').select(['id', 'name']);
  if (ids) query = query.where('id', 'in', [...ids]);
  const rows = await query.execute();
  return new Map(rows.map((v) => [v.id, v.name]));
}
