/**
 * The set-up the credits integration tests share: the API on a fresh database with the vendors named and a
 * finance caller, money terms bodies with the usual contract defaults, and call cases to write. Test support
 * only (lint keeps it out of production code).
 */
import { metricCase } from '@scorecard/db/metrics/case-fixtures.testing';
import type { MetricCase } from '@scorecard/domain/metrics/case-facts';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { buildApp } from '../app.ts';

export interface CreditsFixture {
  database: TestDatabase;
  app: FastifyInstance;
  finance: Caller;
  /** The vendors' ids, in the order their names were given. */
  vendorIds: number[];
  close(): Promise<void>;
}

export async function startCreditsFixture(vendorNames: readonly string[]): Promise<CreditsFixture> {
  const database = await createTestDatabase();
  const app = await buildApp(testConfig(database.url));
  const vendors = await app.db
    .insertInto('vendors')
    .values(vendorNames.map((name) => ({ name })))
    .returning(['id', 'name'])
    .execute();
  const finance = await callerAs(app, 'finance');
  return {
    database,
    app,
    finance,
    vendorIds: vendorNames.map((name) => vendors.find((v) => v.name === name)!.id),
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** A voice case of queue Buyer, tier 1, no site, created at `createdAt`; the rest as metricCase or given. */
export function callCase(vendorId: number, o: Partial<MetricCase> & { createdAt: Date }): MetricCase {
  return metricCase(vendorId, o.createdAt, { channel: 'voice', site: null, ...o });
}

/**
 * Ten answered calls on the 5th of `month` ('2026-03'), five within 20 s: a service level of 50 %, beyond the
 * minimum of serviceLevelTerms (70 %), a default at once.
 */
export function halfInTimeCalls(vendorId: number, month: string): MetricCase[] {
  return Array.from({ length: 10 }, (_, i) =>
    callCase(vendorId, {
      createdAt: new Date(`${month}-05T09:0${i}:00Z`),
      waitSeconds: i < 5 ? 5 : 60,
      answered: true,
      abandoned: false,
    }),
  );
}

/** A critical service level of the terms: a miss of `minimum` is a default at once. */
export function criticalLevel(metric: string, o: { expected: number; minimum: number; allocationBp: number }) {
  return { metric, kind: 'critical', ...o, bonusLevel: null, volumeSensitive: true };
}

/** The example contract's invoice (EUR 100,000.00 a month) and the share of it at risk (10 %). */
export const EXAMPLE_INVOICE_MINOR = 10_000_000;
export const EXAMPLE_AT_RISK_BP = 1000;

/**
 * The credit of a critical level in default under the example terms, in cents: allocation × 10 % at risk × the
 * invoice (the example's unless given), exact here because every test amount divides evenly.
 */
export const defaultCredit = (allocationBp: number, invoiceMinor = EXAMPLE_INVOICE_MINOR) =>
  (invoiceMinor * EXAMPLE_AT_RISK_BP * allocationBp) / 10_000 / 10_000;

/**
 * A money-terms body of the example contract from January 2026: EUR 100,000.00 invoiced, 10 % at risk, the whole
 * pool, no cap, a default after 4 misses in 12 months, no earn-back or bonus, volume band 90–110 %; `o` sets the
 * levels and whatever a test needs otherwise.
 */
export function moneyTerms(vendorId: number, o: { levels: object[] } & Record<string, unknown>) {
  return {
    vendorId,
    effectiveMonth: '2026-01',
    currency: 'EUR',
    invoiceMinor: EXAMPLE_INVOICE_MINOR,
    atRiskBp: EXAMPLE_AT_RISK_BP,
    poolBp: 10_000,
    capBp: null,
    defaultRule: { misses: 4, windowMonths: 12 },
    earnBackMonths: null,
    bonusBp: null,
    volumeLowBp: 9000,
    volumeHighBp: 11_000,
    note: null,
    ...o,
  };
}

/** The example terms with one critical level, service level 80 % expected, 70 % minimum; `o` sets the rest. */
export const serviceLevelTerms = (vendorId: number, allocationBp: number, o: Record<string, unknown> = {}) =>
  moneyTerms(vendorId, {
    levels: [criticalLevel('service_level', { expected: 80, minimum: 70, allocationBp })],
    ...o,
  });

/** Stores the terms through the API (finance only), expecting them accepted. */
export async function putTerms(finance: Caller, terms: ReturnType<typeof moneyTerms>): Promise<void> {
  const response = await finance.put('/api/credits/terms', terms);
  expect(response.statusCode, response.body).toBe(200);
}
