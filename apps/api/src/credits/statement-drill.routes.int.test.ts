/**
 * A statement line drills to exactly the month's cases behind its n (listed here by plain loops over the cases
 * written), paged and as CSV, with the weekly drill-down's evidence; and to the terms in force. Vendor scope
 * and amount hiding hold on both.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCases } from '@scorecard/db/metrics/case-fixtures.testing';
import type { MetricCase } from '@scorecard/domain/metrics/case-facts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import {
  callCase,
  criticalLevel,
  EXAMPLE_AT_RISK_BP,
  EXAMPLE_INVOICE_MINOR,
  moneyTerms,
  putTerms,
  startCreditsFixture,
  type CreditsFixture,
} from './credits.testing.ts';

let fixture: CreditsFixture;
let app: FastifyInstance;
let finance: Caller;
let alpha: number;
let beta: number;
let cases: MetricCase[];
let statementId: number;

/**
 * March 2026 (UTC reporting zone): answered calls with a survey, calls neither answered nor abandoned (attributed
 * to the month but outside service level's n), calls of the last days of February surveyed in March (CSAT's n,
 * not service level's), and April noise.
 */
function casesOf(vendorId: number): MetricCase[] {
  const out: MetricCase[] = [];
  for (let i = 0; i < 40; i += 1) {
    const createdAt = new Date(Date.UTC(2026, 2, 1 + (i % 31), 8, i));
    const solvedAt = new Date(createdAt.getTime() + 1_800_000);
    out.push(
      callCase(vendorId, {
        createdAt,
        waitSeconds: (i * 11) % 50,
        answered: true,
        abandoned: false,
        firstResponseAt: new Date(createdAt.getTime() + ((i * 11) % 50) * 1000),
        solvedAt,
        csatScore: i % 3 === 0 ? null : (i % 5) + 1,
        csatScale: i % 3 === 0 ? null : 5,
        csatAt: i % 3 === 0 ? null : solvedAt,
      }),
    );
  }
  for (let i = 0; i < 5; i += 1) out.push(callCase(vendorId, { createdAt: new Date(Date.UTC(2026, 2, 10 + i, 12)) }));
  for (let i = 0; i < 4; i += 1) {
    const createdAt = new Date(Date.UTC(2026, 1, 27 + (i % 2), 20));
    out.push(
      callCase(vendorId, {
        createdAt,
        answered: true,
        abandoned: false,
        waitSeconds: 5,
        solvedAt: new Date(Date.UTC(2026, 2, 2, 9)),
        csatScore: 2 + i,
        csatScale: 5,
        csatAt: new Date(Date.UTC(2026, 2, 2, 10)),
      }),
    );
  }
  out.push(
    callCase(vendorId, {
      createdAt: new Date('2026-04-01T00:00:00Z'),
      answered: true,
      abandoned: false,
      waitSeconds: 1,
    }),
  );
  return out;
}

const inMarch = (d: Date | null) =>
  d !== null && d >= new Date('2026-03-01T00:00:00Z') && d < new Date('2026-04-01T00:00:00Z');

/** The case ids behind each line's n, straight from the cases: answered calls of March; surveys of March. */
function expectedIds(written: readonly MetricCase[]) {
  const serviceLevel: string[] = [];
  const attributedToMarch: string[] = [];
  const csat: string[] = [];
  for (const c of written) {
    if (inMarch(c.createdAt)) attributedToMarch.push(`case-${c.id}`);
    if (inMarch(c.createdAt) && (c.answered || c.abandoned)) serviceLevel.push(`case-${c.id}`);
    if (c.csatScore !== null && inMarch(c.csatAt)) csat.push(`case-${c.id}`);
  }
  return { serviceLevel, attributedToMarch, csat };
}

const level = (metric: string, allocationBp: number) =>
  criticalLevel(metric, { expected: 90, minimum: 80, allocationBp });

beforeAll(async () => {
  fixture = await startCreditsFixture(['Drill Alpha', 'Drill Beta']);
  ({ app, finance } = fixture);
  [alpha, beta] = fixture.vendorIds as [number, number];
  cases = casesOf(alpha);
  await insertCases(app.db, [...cases, ...casesOf(beta)]);
  for (const vendorId of [alpha, beta]) {
    const levels = [level('service_level', 4000), level('csat', 3000)];
    await putTerms(finance, moneyTerms(vendorId, { note: 'Schedule 3', levels }));
  }
  const computed = await finance.post('/api/credits/statements', { vendorId: alpha, month: '2026-03' });
  expect(computed.statusCode).toBe(200);
  statementId = computed.json().id;
});
afterAll(async () => {
  await fixture?.close();
});

type Item = { externalId: string; contributes: boolean; why: string; vendorId: number };
const ids = (items: Item[]) => items.map((i) => i.externalId).sort();

describe('a statement line drills to the cases behind it', () => {
  it("lists exactly the cases in each line's n, with the evidence of the weekly drill-down", async () => {
    const want = expectedIds(cases);
    for (const [metric, expected] of [
      ['service_level', want.serviceLevel],
      ['csat', want.csat],
    ] as const) {
      const page = await finance.get(`/api/credits/statements/${statementId}/cases?metric=${metric}&limit=500`);
      expect(page.statusCode).toBe(200);
      const body = page.json();
      expect(body.lineN).toBe(expected.length);
      expect(body.total).toBe(expected.length);
      expect(ids(body.items)).toEqual([...expected].sort());
      expect(body.items.every((i: Item) => i.contributes && i.vendorId === alpha && i.why.length > 0)).toBe(true);
    }
  });

  it('lists every case attributed to the month with include=all, those outside n marked and explained', async () => {
    const want = expectedIds(cases);
    const body = (
      await finance.get(`/api/credits/statements/${statementId}/cases?metric=service_level&include=all&limit=500`)
    ).json();
    expect(ids(body.items)).toEqual([...want.attributedToMarch].sort());
    const left = body.items.filter((i: Item) => !i.contributes);
    expect(left).toHaveLength(want.attributedToMarch.length - want.serviceLevel.length);
    expect(left.every((i: Item) => i.why === 'neither answered nor abandoned')).toBe(true);
  });

  it('pages without losing or repeating a case, and exports the same cases as CSV', async () => {
    const want = expectedIds(cases).serviceLevel;
    const seen: string[] = [];
    for (let offset = 0; offset < want.length; offset += 7) {
      const body = (
        await finance.get(
          `/api/credits/statements/${statementId}/cases?metric=service_level&limit=7&offset=${offset}&sort=externalId`,
        )
      ).json();
      seen.push(...body.items.map((i: Item) => i.externalId));
    }
    expect([...seen].sort()).toEqual([...want].sort());
    expect(new Set(seen).size).toBe(want.length);
    const csv = await finance.get(`/api/credits/statements/${statementId}/cases.csv?metric=service_level`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toMatch(/^caseId,source,externalId/);
    const csvIds = lines.slice(1).map((l) => l.split(',')[2]!);
    expect(csvIds.sort()).toEqual([...want].sort());
  });

  it('answers 404 for a metric without a line', async () => {
    const response = await finance.get(`/api/credits/statements/${statementId}/cases?metric=aht`);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });
});

describe('the terms in force', () => {
  it('states the money terms, levels, forecast and the metric terms of the month', async () => {
    await finance.put('/api/credits/forecasts', { vendorId: alpha, month: '2026-03', forecast: 44 });
    const body = (await finance.get(`/api/credits/statements/${statementId}/terms`)).json();
    expect(body.money).toMatchObject({
      effectiveMonth: '2026-01',
      invoiceMinor: EXAMPLE_INVOICE_MINOR,
      atRiskBp: EXAMPLE_AT_RISK_BP,
    });
    expect(body.money.note).toBe('Schedule 3');
    expect(body.levels.map((l: { metric: string }) => l.metric).sort()).toEqual(['csat', 'service_level']);
    for (const l of body.levels) expect(l.metricTerms[0].formula.length).toBeGreaterThan(0);
    expect(body.forecast).toBe(44);
  });

  it('hides the invoice from a viewer', async () => {
    const viewer = await callerAs(app, 'viewer');
    const body = (await viewer.get(`/api/credits/statements/${statementId}/terms`)).json();
    expect(body.money.invoiceMinor).toBeNull();
  });
});

describe('scope', () => {
  it("keeps a draft from its vendor and a statement from another vendor's user", async () => {
    const own = await callerAs(app, 'vendor', { vendorId: alpha });
    const other = await callerAs(app, 'vendor', { vendorId: beta });
    const urls = [
      `/api/credits/statements/${statementId}/cases?metric=csat`,
      `/api/credits/statements/${statementId}/cases.csv?metric=csat`,
      `/api/credits/statements/${statementId}/terms`,
    ];
    for (const url of urls) expect((await own.get(url)).statusCode).toBe(404);
    expect((await finance.post(`/api/credits/statements/${statementId}/share`, {})).statusCode).toBe(200);
    for (const url of urls) {
      expect((await own.get(url)).statusCode).toBe(200);
      const response = await other.get(url);
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('case-');
    }
  });
});
