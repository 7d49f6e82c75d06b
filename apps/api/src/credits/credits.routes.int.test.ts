/**
 * A month of cases and money terms → the statement's lines equal a direct computation here (plain loops over
 * the cases written); the close: draft → shared → a vendor disputes a line → finance accepts → final; a late
 * import after final shows a difference and leaves the statement unchanged; vendor isolation and amounts by role.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCases } from '@scorecard/db/metrics/case-fixtures.testing';
import type { MetricCase } from '@scorecard/domain/metrics/case-facts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import {
  callCase,
  criticalLevel,
  defaultCredit,
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

/** March 2026 (UTC reporting zone): calls with waits 0–59 s, each solved with a CSAT score, plus February noise. */
function monthOfCases(vendorId: number): MetricCase[] {
  const cases: MetricCase[] = [];
  for (let i = 0; i < 60; i += 1) {
    const createdAt = new Date(Date.UTC(2026, 2, 1 + (i % 28), 9, i));
    const solvedAt = new Date(createdAt.getTime() + 3_600_000);
    cases.push(
      callCase(vendorId, {
        createdAt,
        waitSeconds: (i * 7) % 60,
        answered: true,
        abandoned: false,
        firstResponseAt: new Date(createdAt.getTime() + ((i * 7) % 60) * 1000),
        solvedAt,
        csatScore: (i % 5) + 1,
        csatScale: 5,
        csatAt: solvedAt,
      }),
    );
  }
  cases.push(
    callCase(vendorId, {
      createdAt: new Date('2026-02-27T10:00:00Z'),
      waitSeconds: 90,
      answered: true,
      abandoned: false,
    }),
  );
  return cases;
}

/** The expected figures, straight from the cases: created or surveyed in March, SL ≤ 20 s, satisfied ≥ 4. */
function expectedFigures(cases: readonly MetricCase[]) {
  let offered = 0;
  let within = 0;
  let responses = 0;
  let satisfied = 0;
  for (const c of cases) {
    const inMarch = (d: Date | null) =>
      d !== null && d >= new Date('2026-03-01T00:00:00Z') && d < new Date('2026-04-01T00:00:00Z');
    if (inMarch(c.createdAt) && c.answered) {
      offered += 1;
      if ((c.waitSeconds ?? Infinity) <= 20) within += 1;
    }
    if (c.csatScore !== null && inMarch(c.csatAt)) {
      responses += 1;
      if (c.csatScore >= 4) satisfied += 1;
    }
  }
  return { sl: (within / offered) * 100, slN: offered, csat: (satisfied / responses) * 100, csatN: responses };
}

const terms = (vendorId: number) =>
  moneyTerms(vendorId, {
    earnBackMonths: 3,
    levels: [
      criticalLevel('service_level', { expected: 80, minimum: 70, allocationBp: 4000 }),
      criticalLevel('csat', { expected: 85, minimum: 75, allocationBp: 3000 }),
    ],
  });

let cases: MetricCase[];
let statementId: number;

beforeAll(async () => {
  fixture = await startCreditsFixture(['Credits Alpha', 'Credits Beta']);
  ({ app, finance } = fixture);
  [alpha, beta] = fixture.vendorIds as [number, number];
  cases = monthOfCases(alpha);
  await insertCases(app.db, [...cases, ...monthOfCases(beta)]);
  for (const vendorId of [alpha, beta]) await putTerms(finance, terms(vendorId));
});
afterAll(async () => {
  await fixture?.close();
});

describe('the statement of March 2026', () => {
  it('has each line equal to a direct computation over the cases', async () => {
    const response = await finance.post('/api/credits/statements', { vendorId: alpha, month: '2026-03' });
    expect(response.statusCode).toBe(200);
    const statement = response.json();
    statementId = statement.id;
    const want = expectedFigures(cases);
    const sl = statement.lines.find((l: { metric: string }) => l.metric === 'service_level');
    const csat = statement.lines.find((l: { metric: string }) => l.metric === 'csat');
    expect(sl.figure.value).toBeCloseTo(want.sl, 9);
    expect(sl.figure.n).toBe(want.slN);
    expect(csat.figure.value).toBeCloseTo(want.csat, 9);
    expect(csat.figure.n).toBe(want.csatN);
    // A minimum missed is a default at once: allocation × at-risk × invoice, in integer minor units.
    const creditOf = (value: number, minimum: number, allocationBp: number) =>
      value < minimum ? defaultCredit(allocationBp) : 0;
    const slCredit = creditOf(want.sl, 70, 4000);
    const csatCredit = creditOf(want.csat, 75, 3000);
    expect(sl.chargedMinor).toBe(slCredit);
    expect(csat.chargedMinor).toBe(csatCredit);
    expect(statement.netMinor).toBe(
      Math.min(slCredit + csatCredit, (EXAMPLE_INVOICE_MINOR * EXAMPLE_AT_RISK_BP) / 10_000),
    );
    expect(statement.status).toBe('draft');
    expect(statement.history.map((h: { kind: string }) => h.kind)).toEqual(['computed']);
  });

  it('is hidden from the vendor while a draft, then shown once shared; never to another vendor', async () => {
    const own = await callerAs(app, 'vendor', { vendorId: alpha });
    const other = await callerAs(app, 'vendor', { vendorId: beta });
    expect((await own.get(`/api/credits/statements/${statementId}`)).statusCode).toBe(404);
    expect((await finance.post(`/api/credits/statements/${statementId}/share`, {})).json().status).toBe('shared');
    const seen = await own.get(`/api/credits/statements/${statementId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().amountsShown).toBe(true);
    expect((await other.get(`/api/credits/statements/${statementId}`)).statusCode).toBe(404);
    expect((await other.get(`/api/credits/statements/${statementId}/csv`)).statusCode).toBe(404);
    expect(
      (await other.post(`/api/credits/statements/${statementId}/disputes`, { metric: 'csat', reason: 'x' })).statusCode,
    ).toBe(404);
    expect((await other.get('/api/credits/statements')).json().items).toEqual([]);
    expect((await other.get('/api/credits/terms')).statusCode).toBe(403);
  });

  it('shows no amount to a viewer, nor to ops when the organisation hides them', async () => {
    const viewer = await callerAs(app, 'viewer');
    const body = (await viewer.get(`/api/credits/statements/${statementId}`)).json();
    expect([body.amountsShown, body.netMinor, body.lines[0].chargedMinor]).toEqual([false, null, null]);
    expect(JSON.stringify(body)).not.toMatch(/EUR = /);
    const ops = await callerAs(app, 'ops');
    expect((await ops.get(`/api/credits/statements/${statementId}`)).json().amountsShown).toBe(true);
    const admin = await callerAs(app, 'admin');
    expect((await admin.put('/api/credits/settings', { hideAmountsFromOps: true })).statusCode).toBe(200);
    expect((await ops.get(`/api/credits/statements/${statementId}`)).json().netMinor).toBeNull();
    expect((await admin.put('/api/credits/settings', { hideAmountsFromOps: false })).statusCode).toBe(200);
  });

  it('closes: the vendor disputes a line, finance accepts it, the statement is final', async () => {
    const own = await callerAs(app, 'vendor', { vendorId: alpha });
    const before = (await finance.get(`/api/credits/statements/${statementId}`)).json();
    const disputed = await own.post(`/api/credits/statements/${statementId}/disputes`, {
      metric: 'service_level',
      reason: 'The client IVR was down on 3 March',
    });
    expect(disputed.json().status).toBe('disputed');
    expect((await finance.post(`/api/credits/statements/${statementId}/finalise`, {})).statusCode).toBe(409);
    const decided = await finance.post(`/api/credits/statements/${statementId}/disputes/service_level/decision`, {
      accept: true,
      note: 'IVR outage confirmed',
    });
    const sl = decided.json().lines.find((l: { metric: string }) => l.metric === 'service_level');
    expect([sl.waived, sl.chargedMinor]).toEqual([true, 0]);
    const slBefore = before.lines.find((l: { metric: string }) => l.metric === 'service_level');
    expect(decided.json().netMinor).toBe(before.netMinor - slBefore.chargedMinor);
    const final = (await finance.post(`/api/credits/statements/${statementId}/finalise`, {})).json();
    expect(final.status).toBe('final');
    expect(final.history.map((h: { kind: string }) => h.kind)).toEqual([
      'computed',
      'shared',
      'disputed',
      'accepted',
      'finalised',
    ]);
    expect(final.differences).toEqual([]);
  });

  it('stays frozen after a late import, showing the difference', async () => {
    const frozen = (await finance.get(`/api/credits/statements/${statementId}`)).json();
    const late = Array.from({ length: 20 }, (_, i) =>
      callCase(alpha, {
        createdAt: new Date(Date.UTC(2026, 2, 20, 12, i)),
        waitSeconds: 5,
        answered: true,
        abandoned: false,
      }),
    );
    await insertCases(app.db, late);
    const after = (await finance.get(`/api/credits/statements/${statementId}`)).json();
    const { differences, history, ...rest } = after;
    const { differences: none, history: same, ...frozenRest } = frozen;
    expect(rest).toEqual(frozenRest);
    expect([none, history]).toEqual([[], same]);
    const want = expectedFigures([...cases, ...late]);
    expect(differences).toContainEqual({
      metric: 'service_level',
      field: 'n',
      frozen: String(frozen.lines[0].figure.n),
      now: String(want.slN),
    });
    expect((await finance.post('/api/credits/statements', { vendorId: alpha, month: '2026-03' })).statusCode).toBe(409);
  });

  it('exports CSV with a BOM and formula-safe cells', async () => {
    const csv = await finance.get(`/api/credits/statements/${statementId}/csv`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.startsWith('\uFEFFvendor,month,status,metric')).toBe(true);
    expect(csv.body).toContain('Credits Alpha,2026-03,final,service_level,critical');
  });
});

describe('relief from an agreed event', () => {
  it('excuses the metric it names only once the client agreed it', async () => {
    const event = await finance.post('/api/credits/relief-events', {
      vendorId: beta,
      title: 'Client IVR outage',
      startsAt: '2026-03-03T00:00:00Z',
      endsAt: '2026-03-04T00:00:00Z',
      metrics: ['service_level'],
      caseIds: [],
      agreed: false,
    });
    expect(event.statusCode).toBe(201);
    const line = async () =>
      (await finance.post('/api/credits/statements', { vendorId: beta, month: '2026-03' }))
        .json()
        .lines.find((l: { metric: string }) => l.metric === 'service_level');
    expect(await line()).toMatchObject({ outcome: 'minimum_missed', chargedMinor: 400_000 });
    expect((await finance.post(`/api/credits/relief-events/${event.json().id}/agree`, {})).statusCode).toBe(204);
    const excused = await line();
    expect(excused).toMatchObject({ outcome: 'excused', chargedMinor: 0, relief: { source: 'event' } });
    expect(excused.relief.reason).toContain('Client IVR outage');
  });
});

describe('the inputs as the dashboard lists them', () => {
  it('lists a vendor forecasts newest first and its relief events with their agreement; finance only', async () => {
    for (const [month, forecast] of [
      ['2026-02', 900],
      ['2026-03', 1000],
    ] as const)
      expect((await finance.put('/api/credits/forecasts', { vendorId: alpha, month, forecast })).statusCode).toBe(204);
    const forecasts = (await finance.get(`/api/credits/forecasts?vendorId=${alpha}`)).json();
    expect(
      forecasts.items.map((f: { month: string; forecast: number; source: string }) => [f.month, f.forecast, f.source]),
    ).toEqual([
      ['2026-03', 1000, 'entered'],
      ['2026-02', 900, 'entered'],
    ]);
    const created = await finance.post('/api/credits/relief-events', {
      vendorId: alpha,
      title: 'Storm',
      startsAt: '2026-03-10T00:00:00Z',
      endsAt: '2026-03-11T00:00:00Z',
      metrics: ['csat'],
      caseIds: [1, 2],
      agreed: false,
    });
    const events = (await finance.get(`/api/credits/relief-events?vendorId=${alpha}`)).json().items;
    expect(events).toEqual([
      {
        id: created.json().id,
        title: 'Storm',
        startsAt: '2026-03-10T00:00:00.000Z',
        endsAt: '2026-03-11T00:00:00.000Z',
        metrics: ['csat'],
        caseIds: [1, 2],
        agreedAt: null,
      },
    ]);
    expect((await finance.get(`/api/credits/relief-events?vendorId=${beta}`)).json().items).toHaveLength(1);
    expect((await finance.get('/api/credits/forecasts?vendorId=999999')).statusCode).toBe(404);
    const viewer = await callerAs(app, 'viewer');
    expect((await viewer.get(`/api/credits/forecasts?vendorId=${alpha}`)).statusCode).toBe(403);
    expect((await viewer.get(`/api/credits/relief-events?vendorId=${alpha}`)).statusCode).toBe(403);
    const admin = await callerAs(app, 'admin');
    expect((await admin.get('/api/credits/settings')).json()).toEqual({ hideAmountsFromOps: false });
    expect((await finance.get('/api/credits/settings')).statusCode).toBe(403);
  });
});

describe('a dispute accepted in part', () => {
  it('waives only the amount decided: the line and the totals drop by it, the formula says so', async () => {
    const draft = (await finance.post('/api/credits/statements', { vendorId: beta, month: '2026-03' })).json();
    const csatBefore = draft.lines.find((l: { metric: string }) => l.metric === 'csat');
    expect(csatBefore.chargedMinor).toBe(defaultCredit(3000));
    await finance.post(`/api/credits/statements/${draft.id}/share`, {});
    const vendor = await callerAs(app, 'vendor', { vendorId: beta });
    const disputed = await vendor.post(`/api/credits/statements/${draft.id}/disputes`, {
      metric: 'csat',
      reason: 'Survey tool sent duplicates',
    });
    expect(disputed.statusCode).toBe(200);
    const decide = (body: object) => finance.post(`/api/credits/statements/${draft.id}/disputes/csat/decision`, body);
    expect((await decide({ accept: true, note: 'too much', waiveMinor: csatBefore.chargedMinor + 1 })).statusCode).toBe(
      400,
    );
    expect((await decide({ accept: false, note: 'no', waiveMinor: 100 })).statusCode).toBe(400);
    const decided = (
      await decide({ accept: true, note: 'A third of the surveys were duplicates', waiveMinor: 100_000 })
    ).json();
    const csat = decided.lines.find((l: { metric: string }) => l.metric === 'csat');
    expect([csat.waived, csat.chargedMinor, csat.creditMinor]).toEqual([
      true,
      csatBefore.chargedMinor - 100_000,
      csatBefore.creditMinor,
    ]);
    expect(csat.formula).toContain('partly waived: 1,000.00 EUR of 3,000.00 EUR');
    expect([decided.creditsMinor, decided.netMinor]).toEqual([draft.creditsMinor - 100_000, draft.netMinor - 100_000]);
    // Stored as its own resolution with the part waived: the dispute, the line, the history and the CSV say so.
    expect(decided.disputes).toEqual([
      {
        metric: 'csat',
        reason: 'Survey tool sent duplicates',
        status: 'accepted_in_part',
        waivedMinor: 100_000,
        decisionNote: 'A third of the surveys were duplicates',
      },
    ]);
    expect([csat.dispute, csat.waivedMinor]).toEqual(['accepted_in_part', 100_000]);
    expect(decided.history.at(-1)).toMatchObject({ kind: 'accepted_in_part', metric: 'csat', waivedMinor: 100_000 });
    const viewer = await callerAs(app, 'viewer');
    const hidden = (await viewer.get(`/api/credits/statements/${draft.id}`)).json();
    expect([hidden.disputes[0].waivedMinor, hidden.history.at(-1).waivedMinor]).toEqual([null, null]);
    const csv = (await finance.get(`/api/credits/statements/${draft.id}/csv`)).body.replace('\uFEFF', '');
    const [header, ...rows] = csv
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    const row = rows.find((cells) => cells[header!.indexOf('metric')] === 'csat')!;
    expect([row[header!.indexOf('dispute')], row[header!.indexOf('waived in part (minor)')]]).toEqual([
      'accepted in part',
      '100000',
    ]);
  });
});
