/**
 * The credits tables of a seeded vendor, each row carrying the vendor's marker where it has text:
 * money terms and levels, an invoice, a forecast, an agreed relief event, a shared statement with a dispute
 * and its history. Ids returned for path parameters.
 */
import type { Db } from '@scorecard/db/database';
import { DEFAULT_VOLUME_BAND } from '@scorecard/domain/credits/relief';
import { computeStatement } from '@scorecard/domain/credits/statement';

export const SEED_CREDIT_MONTH = '2026-11-01';

export async function seedCredits(db: Db, tag: string, vendorId: number): Promise<number[]> {
  const { id: termsId } = await db
    .insertInto('credit_terms')
    .values({
      vendor_id: vendorId,
      effective_month: '2026-01-01',
      currency: 'EUR',
      invoice_minor: 10_000_000,
      at_risk_bp: 1000,
      pool_bp: 10_000,
      note: `${tag} terms`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('credit_levels')
    .values({ terms_id: termsId, metric: 'csat', kind: 'critical', expected: 85, minimum: 75, allocation_bp: 4000 })
    .execute();
  const { id: invoiceId } = await db
    .insertInto('credit_invoices')
    .values({ vendor_id: vendorId, month: SEED_CREDIT_MONTH, invoice_minor: 9_000_000 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('volume_forecasts')
    .values({ vendor_id: vendorId, month: SEED_CREDIT_MONTH, forecast: 4, source: 'entered' })
    .execute();
  const { id: reliefId } = await db
    .insertInto('relief_events')
    .values({
      vendor_id: vendorId,
      title: `${tag} outage`,
      starts_at: '2026-11-10T00:00:00Z',
      ends_at: '2026-11-11T00:00:00Z',
      metrics: ['csat'],
      agreed_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const statement = computeStatement({
    month: SEED_CREDIT_MONTH.slice(0, 7),
    terms: {
      currency: 'EUR',
      invoiceMinor: 9_000_000,
      atRiskBp: 1000,
      poolBp: 10_000,
      capBp: null,
      defaultRule: { misses: 4, windowMonths: 12 },
      earnBackMonths: null,
      bonusBp: null,
      volumeBand: DEFAULT_VOLUME_BAND,
    },
    levels: [
      {
        metric: 'csat',
        kind: 'critical',
        expected: 85,
        minimum: 75,
        allocationBp: 4000,
        bonusLevel: null,
        volumeSensitive: true,
      },
    ],
    figures: new Map([['csat', { value: 50, n: 4, low: null, high: null }]]),
    history: new Map(),
    volume: { actual: 4, forecast: 4 },
    reliefEvents: [],
  });
  const { id: statementId } = await db
    .insertInto('credit_statements')
    .values({
      vendor_id: vendorId,
      month: SEED_CREDIT_MONTH,
      status: 'disputed',
      terms_id: termsId,
      invoice_id: invoiceId,
      computed: JSON.stringify(statement),
      shared_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('credit_disputes')
    .values({ statement_id: statementId, metric: 'csat', reason: `${tag} dispute` })
    .execute();
  await db
    .insertInto('credit_statement_events')
    .values({ statement_id: statementId, kind: 'disputed', metric: 'csat', detail: `${tag} dispute` })
    .execute();
  return [termsId, reliefId, statementId];
}
