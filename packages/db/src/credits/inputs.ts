/**
 * The statement inputs as finance reviews them on the dashboard: a vendor's volume forecasts by month and its
 * relief events with their agreement, newest first.
 */
import type { Db } from '../database.ts';
import { monthOf } from './statements.ts';

export interface ForecastRow {
  month: string;
  forecast: number;
  source: string;
  updatedAt: string;
}

export async function listForecasts(db: Db, vendorId: number): Promise<ForecastRow[]> {
  const rows = await db
    .selectFrom('volume_forecasts')
    .select(['month', 'forecast', 'source', 'updated_at'])
    .where('vendor_id', '=', vendorId)
    .orderBy('month', 'desc')
    .execute();
  return rows.map((r) => ({
    month: monthOf(r.month),
    forecast: r.forecast,
    source: r.source,
    updatedAt: r.updated_at.toISOString(),
  }));
}

export interface ReliefEventRow {
  id: number;
  title: string;
  startsAt: string;
  endsAt: string;
  metrics: string[];
  caseIds: number[];
  agreedAt: string | null;
}

export async function listReliefEvents(db: Db, vendorId: number): Promise<ReliefEventRow[]> {
  const rows = await db
    .selectFrom('relief_events')
    .select(['id', 'title', 'starts_at', 'ends_at', 'metrics', 'case_ids', 'agreed_at'])
    .where('vendor_id', '=', vendorId)
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    title: r.title,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    metrics: r.metrics,
    caseIds: r.case_ids.map(Number),
    agreedAt: r.agreed_at?.toISOString() ?? null,
  }));
}
