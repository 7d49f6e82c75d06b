/**
 * Loads parsed forecast rows (packages/domain/src/credits/forecast-csv.ts) in one transaction: each row's vendor
 * is resolved (by id, or by name ignoring case as PostgreSQL's `lower()` does, the rule of `vendor_named`, so
 * a name the case import would take for a vendor is the same vendor here; but where two vendors' names differ
 * only by case, a forecast names neither), a row of an unknown vendor is rejected with its line, and the
 * rest are upserted, counted as loaded (new vendor-month) or replaced (a forecast was there). Together with the
 * parser's rejects: read = loaded + replaced + rejected.
 */
import type { ForecastRow, RowReject } from '@scorecard/domain/credits/forecast-csv';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../schema.generated.ts';

export interface ForecastLoad {
  loaded: number;
  replaced: number;
  rejects: RowReject[];
}

export async function loadForecasts(trx: Transaction<DB>, rows: readonly ForecastRow[]): Promise<ForecastLoad> {
  const vendors = await trx
    .selectFrom('vendors')
    .select(['id', sql<string>`lower(name)`.as('key')])
    .execute();
  const ids = new Set(vendors.map((v) => v.id));
  const byName = new Map<string, number[]>();
  for (const v of vendors) byName.set(v.key, [...(byName.get(v.key) ?? []), v.id]);
  const keyOf = await lowerInDatabase(
    trx,
    rows.flatMap((row) => (row.vendor.kind === 'name' ? [row.vendor.name] : [])),
  );

  const rejects: RowReject[] = [];
  const accepted: { line: number; vendorId: number; month: string; forecast: number }[] = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    let vendorId: number;
    if (row.vendor.kind === 'id') {
      if (!ids.has(row.vendor.id)) {
        rejects.push({ line: row.line, reason: `no vendor ${row.vendor.id}` });
        continue;
      }
      vendorId = row.vendor.id;
    } else {
      const matches = byName.get(keyOf.get(row.vendor.name)!) ?? [];
      if (matches.length !== 1) {
        const reason =
          matches.length === 0
            ? `no vendor named "${row.vendor.name}"`
            : `${matches.length} vendors are named "${row.vendor.name}": use vendor_id`;
        rejects.push({ line: row.line, reason });
        continue;
      }
      vendorId = matches[0]!;
    }
    // A name and an id of the same vendor can only meet here, after resolution.
    const key = `${vendorId}|${row.month}`;
    const earlier = firstLine.get(key);
    if (earlier !== undefined) {
      rejects.push({ line: row.line, reason: `the same vendor and month as line ${earlier}` });
      continue;
    }
    firstLine.set(key, row.line);
    accepted.push({ line: row.line, vendorId, month: row.month, forecast: row.forecast });
  }
  if (accepted.length === 0) return { loaded: 0, replaced: 0, rejects };

  // xmax = 0 on the returned row: it was inserted; otherwise an existing forecast was replaced.
  const result = await sql<{ inserted: boolean }>`
    INSERT INTO volume_forecasts (vendor_id, month, forecast, source)
    SELECT r.vendor_id, r.month, r.forecast, 'csv'
    FROM unnest(${accepted.map((a) => a.vendorId)}::bigint[],
                ${accepted.map((a) => `${a.month}-01`)}::date[],
                ${accepted.map((a) => a.forecast)}::int[]) AS r(vendor_id, month, forecast)
    ON CONFLICT (vendor_id, month)
      DO UPDATE SET forecast = excluded.forecast, source = 'csv', updated_at = now()
    RETURNING (xmax = 0) AS inserted`.execute(trx);
  const loaded = result.rows.filter((r) => r.inserted).length;
  return { loaded, replaced: result.rows.length - loaded, rejects };
}

/** Each distinct name → PostgreSQL's `lower()` of it (JavaScript's `toLowerCase` differs, e.g. on a final Σ). */
async function lowerInDatabase(trx: Transaction<DB>, names: readonly string[]): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const { rows } = await sql<{ name: string; key: string }>`
    SELECT name, lower(name) AS key FROM unnest(${[...new Set(names)]}::text[]) AS name`.execute(trx);
  return new Map(rows.map((r) => [r.name, r.key]));
}
