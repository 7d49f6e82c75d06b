/**
 * A lead closes a month of service credits: enters the money terms, reviews the draft of March 2026, shares it,
 * the vendor disputes one line, the lead accepts it, the statement is final. Every amount the pages show is
 * worked out here from the terms entered and the cases imported (plain arithmetic); each line's n lists exactly
 * the imported cases behind it; the printable page prints as one page; a forecast CSV is accounted for row by row.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../api/src/auth/users.service.ts';
import {
  ApiSession,
  ARTIFACTS_DIR,
  screenshot,
  signedInPage,
  startStack,
  waitForWorkerIdle,
  type Stack,
} from '../../../test/browser.ts';
import type { WeekStart } from '../../../packages/domain/src/weeks.ts';
import { emailCase, toGenericCsv, type CaseRow } from './cases-csv.ts';
import { watchNoise } from './page-noise.ts';
import { waitForText } from './waits.ts';

const VENDOR = 'Acme Support';
const vendorUser = { email: 'finance@acme.example', password: 'acme vendor password 42' };
const viewerUser = { email: 'viewer@example.test', password: 'viewer password 42 long' };
// The money terms the lead types in: 100,000.00 EUR a month, 10 % at risk, CSAT 30 %, FRT 40 %.
const INVOICE_MINOR = 10_000_000;
const AT_RISK_BP = 1000;
const CSAT = { expected: 85, minimum: 75, allocationBp: 3000 };
const FRT = { expected: 1800, minimum: 2700, allocationBp: 4000 };

// 40 email cases created in the week of 9 March 2026 (UTC, the reporting zone): first responses after 30, 60,
// 90 or 120 minutes; 26 surveys of 5 and 14 of 2 on a 5-point scale, each at the case's solve time.
const rows: CaseRow[] = Array.from({ length: 40 }, (_, i) => {
  const base = emailCase(VENDOR, '2026-03-09' as WeekStart, {}, i % 5);
  const created = Date.parse(base.created_at ?? '');
  const firstResponse = new Date(created + (30 + (i % 4) * 30) * 60_000).toISOString().replace('.000Z', 'Z');
  return {
    ...base,
    first_response_at: firstResponse,
    csat_score: i < 26 ? '5' : '2',
    csat_scale: '5',
    csat_at: base.solved_at,
  };
});

/** The month's figures straight from the rows: CSAT = satisfied (score ≥ 4) ÷ surveys; FRT = median seconds. */
function expected() {
  let surveys = 0;
  let satisfied = 0;
  const frts: number[] = [];
  for (const row of rows) {
    const created = Date.parse(row.created_at ?? '');
    if (created < Date.parse('2026-03-01T00:00:00Z') || created >= Date.parse('2026-04-01T00:00:00Z')) continue;
    frts.push((Date.parse(row.first_response_at ?? '') - created) / 1000);
    if (row.csat_score) {
      surveys += 1;
      if (Number(row.csat_score) >= 4) satisfied += 1;
    }
  }
  frts.sort((a, b) => a - b);
  const middle = frts.length / 2;
  const frtMedian = frts.length % 2 === 0 ? (frts[middle - 1]! + frts[middle]!) / 2 : frts[Math.floor(middle)]!;
  const csat = (satisfied / surveys) * 100;
  // A level beyond its minimum is a default at once: credit = allocation × at-risk % × invoice, in cents.
  const credit = (missed: boolean, allocationBp: number) =>
    missed ? (INVOICE_MINOR * AT_RISK_BP * allocationBp) / 10_000 / 10_000 : 0;
  const csatCredit = credit(csat < CSAT.minimum, CSAT.allocationBp);
  const frtCredit = credit(frtMedian > FRT.minimum, FRT.allocationBp);
  return { surveys, csat, frtCount: frts.length, frtMedian, csatCredit, frtCredit };
}

const inMarch = (row: CaseRow) =>
  Date.parse(row.created_at ?? '') >= Date.parse('2026-03-01T00:00:00Z') &&
  Date.parse(row.created_at ?? '') < Date.parse('2026-04-01T00:00:00Z');

/** The external ids behind each line's n, picked from the rows imported. */
function surveyedInMarch(): string[] {
  const ids: string[] = [];
  for (const row of rows) if (inMarch(row) && row.csat_score) ids.push(row.external_id ?? '');
  return ids;
}
function respondedInMarch(): string[] {
  const ids: string[] = [];
  for (const row of rows) if (inMarch(row) && row.first_response_at) ids.push(row.external_id ?? '');
  return ids;
}

/** 400000 → "4,000.00 EUR", written out here rather than with the dashboard's formatter. */
function eur(minor: number): string {
  const whole = Math.floor(minor / 100);
  const cents = String(minor % 100).padStart(2, '0');
  return `${whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents} EUR`;
}

/** The organisation's reporting zone in the relief and exposure tests: far from UTC and from the browser's. */
const ZONE = 'Pacific/Auckland';

/** 'YYYY-MM' and 'YYYY-MM-DD HH:mm' of an instant on Auckland's clock, read with Intl. */
function aucklandParts(instant: Date): Record<string, string> {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
}
const aucklandMonth = (instant: Date) => {
  const p = aucklandParts(instant);
  return `${p.year}-${p.month}`;
};
const aucklandWallTime = (iso: string) => {
  const p = aucklandParts(new Date(iso));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
};

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  const api = await ApiSession.signIn(stack.baseUrl, stack.admin);
  const { id: acmeId } = await api.request<{ id: number }>('POST', '/api/vendors', { name: VENDOR });
  await createUser(stack.database.db, { ...vendorUser, name: 'Robin Acme', role: 'vendor', vendorId: acmeId });
  await createUser(stack.database.db, { ...viewerUser, name: 'Vic Viewer', role: 'viewer' });
  const importId = await api.upload('acme-march.csv', toGenericCsv(rows), { preset: 'generic' });
  await waitForWorkerIdle(stack.worker);
  expect(await api.request('GET', `/api/imports/${importId}`)).toMatchObject({ status: 'succeeded', rowsLoaded: 40 });
});

afterAll(async () => {
  await stack?.close();
});

describe('closing a month of service credits', () => {
  it('enters the terms, reviews and shares the draft; the vendor disputes a line; the lead accepts it and finalises', async () => {
    const want = expected();
    expect([want.csatCredit, want.frtCredit]).toEqual([300_000, 400_000]); // both levels beyond their minimum
    const lead = await signedInPage(stack);
    const noise = watchNoise(lead);

    // Money terms, typed into the form.
    await lead.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Credits' }).click();
    await lead.getByRole('navigation', { name: 'Credits' }).getByRole('link', { name: 'Money terms' }).click();
    const form = lead.getByRole('form', { name: 'Add dated money terms' });
    await form.waitFor();
    await form.getByLabel('Applies from (month)').fill('2026-01');
    await form.getByLabel('Monthly invoice amount').fill('100,000.00');
    await form.getByLabel('At risk (% of the invoice)').fill(String(AT_RISK_BP / 100));
    await form.getByLabel('Level 1 metric').selectOption('csat');
    await form.getByLabel('Level 1 expected (%)').fill(String(CSAT.expected));
    await form.getByLabel('Level 1 minimum (%)').fill(String(CSAT.minimum));
    await form.getByLabel('Level 1 allocation %').fill(String(CSAT.allocationBp / 100));
    await form.getByRole('button', { name: 'Add a service level' }).click();
    await form.getByLabel('Level 2 metric').selectOption('frt');
    await form.getByLabel('Level 2 expected (seconds)').fill(String(FRT.expected));
    await form.getByLabel('Level 2 minimum (seconds)').fill(String(FRT.minimum));
    await form.getByLabel('Level 2 allocation %').fill(String(FRT.allocationBp / 100));
    // Each level select is wide enough for its longest option beside its arrow (about 20 px in chromium), so no
    // option is cut: the widest option text, measured in the select's own font, leaves that room.
    for (const label of ['Level 1 metric', 'Level 1 kind', 'Level 2 metric', 'Level 2 kind']) {
      const room = await form.getByLabel(label).evaluate((el) => {
        const select = el as HTMLSelectElement;
        const style = getComputedStyle(select);
        const context = document.createElement('canvas').getContext('2d')!;
        context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const widest = Math.max(...[...select.options].map((o) => context.measureText(o.text).width));
        return select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - widest;
      });
      expect(room, label).toBeGreaterThanOrEqual(12);
    }
    await form.getByRole('button', { name: 'Save money terms' }).click();
    await lead.getByRole('heading', { name: 'In force since 2026-01' }).waitFor();
    const inForce = lead.getByTestId('money-terms-in-force');
    expect(await inForce.innerText()).toContain(`10 % = ${eur((INVOICE_MINOR * AT_RISK_BP) / 10_000)}`);

    // The draft of March: each line's figure with its n, the credits and the total.
    await lead.getByRole('navigation', { name: 'Credits' }).getByRole('link', { name: 'Statements' }).click();
    const compute = lead.getByRole('form', { name: "Compute a month's draft" });
    await compute.getByLabel('Month').fill('2026-03');
    await compute.getByRole('button', { name: 'Compute draft' }).click();
    await lead.getByRole('heading', { name: `Statement: ${VENDOR}, 2026-03` }).waitFor();
    const statementUrl = lead.url();
    const csatLine = lead.locator('tbody[data-metric="csat"]');
    const frtLine = lead.locator('tbody[data-metric="frt"]');
    expect(await csatLine.locator('.figure-value').innerText()).toBe(`${want.csat.toFixed(1)} %`);
    expect(await csatLine.getByTestId('figure-n').innerText()).toBe(`n ${want.surveys}`);
    expect(await frtLine.getByTestId('figure-n').innerText()).toBe(`n ${want.frtCount}`);
    // The median in the dashboard's duration format: 4,500 s = 1h 15m.
    const minutes = Math.round(want.frtMedian / 60);
    expect(await frtLine.locator('.figure-value').innerText()).toBe(
      `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`,
    );
    expect(await csatLine.innerText()).toContain('Minimum level missed');
    expect(await csatLine.getByTestId('charged').innerText()).toBe(eur(want.csatCredit));
    expect(await frtLine.getByTestId('charged').innerText()).toBe(eur(want.frtCredit));
    expect(await csatLine.locator('.formula').innerText()).toContain(`= ${eur(want.csatCredit)}`);
    expect(await lead.getByTestId('credits-charged').innerText()).toBe(eur(want.csatCredit + want.frtCredit));
    expect(await lead.getByTestId('net').innerText()).toBe(eur(want.csatCredit + want.frtCredit));
    await screenshot(lead, 'credits-draft');

    // Each line's n drills to the month's cases behind it; the terms in force stand beside the statement.
    expect(await lead.getByTestId('statement-terms').locator('dd').first().innerText()).toBe('2026-01');
    expect(await lead.getByTestId('terms-version').innerText()).toBe('1 (in force)');
    for (const [metric, counted] of [
      ['csat', surveyedInMarch()],
      ['frt', respondedInMarch()],
    ] as const) {
      await lead.locator(`tbody[data-metric="${metric}"]`).getByTestId('figure-n').click();
      const listed = lead.getByTestId('line-cases').locator('tbody tr');
      await listed.first().waitFor();
      expect(counted.length).toBe(metric === 'csat' ? want.surveys : want.frtCount);
      expect(await lead.getByTestId('line-cases-summary').innerText()).toContain(`n ${counted.length} for this line`);
      const ids = await listed.locator('th').allInnerTexts();
      expect(ids.sort(), `${metric}: the cases listed`).toEqual([...counted].sort());
      expect(await lead.locator('tr[data-contributes="false"]').count()).toBe(0);
      await screenshot(lead, `credits-line-cases-${metric}`);
      const csvDownload = lead.waitForEvent('download');
      await lead.getByRole('link', { name: 'Download CSV' }).click();
      const casesCsv = readFileSync(await (await csvDownload).path(), 'utf8');
      for (const id of counted) expect(casesCsv).toContain(id);
      await lead.goto(statementUrl);
    }

    await lead.getByRole('button', { name: 'Share with the vendor' }).click();
    await lead.getByText('Shared with vendor', { exact: true }).waitFor();

    // The vendor disputes the FRT line.
    const vendor = await signedInPage(stack, vendorUser);
    await vendor.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Credits' }).click();
    await vendor.getByTestId('statements-table').getByRole('link', { name: '2026-03' }).click();
    expect(await vendor.getByRole('button', { name: 'Finalise' }).count()).toBe(0);
    expect(await vendor.getByTestId('charged').first().innerText()).toMatch(/EUR$/);
    const dispute = vendor.getByRole('form', { name: 'Dispute a line' });
    await dispute.getByLabel('Line to dispute').selectOption('frt');
    await dispute.getByLabel('Why the line is wrong').fill('The client e-mail gateway held messages on 10 March.');
    await dispute.getByRole('button', { name: 'Dispute the line' }).click();
    await vendor.getByText('Disputed', { exact: true }).first().waitFor();
    await dispute.getByLabel('Line to dispute').selectOption('csat');
    await dispute.getByLabel('Why the line is wrong').fill('Some surveys were sent twice.');
    await dispute.getByRole('button', { name: 'Dispute the line' }).click();
    await vendor.locator('[data-dispute="csat"]').waitFor();
    await vendor.context().close();

    // The lead accepts FRT (the line is waived, the total drops by its charge) and CSAT in part (1,000.00 EUR
    // waived, shown as such in the dispute, the line and the history); then final.
    await lead.goto(statementUrl);
    const decision = lead.getByRole('form', { name: 'Decide the First response time dispute' });
    await decision.getByLabel('Reason for the decision').fill('Gateway incident confirmed by client IT.');
    await decision.getByRole('button', { name: 'Accept: waive the line' }).click();
    await waitForText(lead.getByTestId('net'), eur(want.csatCredit));
    expect(await frtLine.getByTestId('charged').innerText()).toBe(`${eur(0)}\nof ${eur(want.frtCredit)}`);
    expect(await frtLine.locator('.formula').innerText()).toContain('waived: dispute accepted');
    const WAIVED = 100_000;
    const partly = lead.getByRole('form', { name: 'Decide the CSAT dispute' });
    await partly.getByLabel('Reason for the decision').fill('Duplicates confirmed for a third of the surveys.');
    await partly.getByLabel(/Amount waived/).fill('1,000.00');
    await partly.getByRole('button', { name: 'Accept in part' }).click();
    await waitForText(lead.getByTestId('net'), eur(want.csatCredit - WAIVED));
    expect(await lead.locator('[data-dispute="csat"]').getByTestId('dispute-status').innerText()).toBe(
      `accepted in part: ${eur(WAIVED)} waived`,
    );
    expect(await csatLine.locator('.formula').innerText()).toContain(`accepted in part: ${eur(WAIVED)} waived`);
    expect(await lead.locator('[data-dispute="frt"]').getByTestId('dispute-status').innerText()).toBe('accepted');
    await lead.getByRole('button', { name: 'Finalise' }).click();
    await lead.locator('.statement-meta').getByText('Final', { exact: true }).waitFor();
    const history = lead.getByTestId('statement-history').locator('li');
    expect(await history.evaluateAll((items) => items.map((i) => i.getAttribute('data-kind')))).toEqual([
      'computed',
      'shared',
      'disputed',
      'disputed',
      'accepted',
      'accepted_in_part',
      'finalised',
    ]);
    expect(await lead.locator('[data-kind="accepted_in_part"]').innerText()).toContain(
      `Dispute accepted in part: CSAT, ${eur(WAIVED)} waived`,
    );
    expect(await lead.getByRole('button', { name: 'Share with the vendor' }).count()).toBe(0);
    await screenshot(lead, 'credits-final');

    // The CSV and the printable page.
    const download = lead.waitForEvent('download');
    await lead.getByRole('link', { name: 'Download CSV' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8');
    expect(csv).toContain(`${VENDOR},2026-03,final,csat,critical`);
    // credit, charged, the dispute's resolution and the part waived.
    expect(csv).toContain(`,${want.csatCredit},${want.csatCredit - WAIVED},accepted in part,${WAIVED},`);
    expect(csv).toContain(`,${want.frtCredit},0,accepted,,`);

    await lead.getByRole('link', { name: 'Printable page' }).click();
    await lead.getByRole('heading', { name: `Service credit statement — ${VENDOR}, 2026-03` }).waitFor();
    expect(await lead.getByTestId('net').innerText()).toBe(eur(want.csatCredit - WAIVED));
    await lead.emulateMedia({ media: 'print' });
    await screenshot(lead, 'credits-statement-print');
    expect(await lead.locator('.app-header').isVisible()).toBe(false);
    const pdf = await lead.pdf({ format: 'A4', printBackground: true });
    writeFileSync(path.join(ARTIFACTS_DIR, 'credits-statement.pdf'), pdf);
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [];
    expect(pages.length, 'the statement prints on one page').toBe(1);
    expect(noise.take()).toEqual([]);
    await lead.context().close();
  });

  it('shows a viewer the statement without any amount, as the API withholds them', async () => {
    const viewer = await signedInPage(stack, viewerUser);
    const noise = watchNoise(viewer);
    await viewer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Credits' }).click();
    const table = viewer.getByTestId('statements-table');
    await table.waitFor();
    expect(await table.locator('thead th').allInnerTexts()).toEqual([
      'MONTH',
      'VENDOR',
      'STATUS',
      'CRITICAL LEVELS IN DEFAULT',
    ]);
    expect(await viewer.getByRole('navigation', { name: 'Credits' }).count()).toBe(0);
    await table.getByRole('link', { name: '2026-03' }).click();
    await viewer.getByTestId('statement-lines').waitFor();
    expect(await viewer.getByTestId('charged').count()).toBe(0);
    expect(await viewer.locator('main').innerText()).not.toMatch(/EUR/);
    expect(await viewer.getByText('Amounts are not shown to your role').count()).toBe(1);
    expect(noise.take()).toEqual([]);
    await viewer.context().close();
  });

  it('enters a forecast and records a relief event in the reporting zone, then its agreement', async () => {
    // The organisation reports in Auckland; the lead's browser runs in Los Angeles.
    const admin = await ApiSession.signIn(stack.baseUrl, stack.admin);
    await admin.request('PUT', '/api/settings/metrics', { reportingTimeZone: ZONE });
    const lead = await signedInPage(stack, stack.admin, { timezoneId: 'America/Los_Angeles' });
    const noise = watchNoise(lead);
    await lead.goto(`${stack.baseUrl}/credits/relief`);
    const forecast = lead.getByRole('form', { name: 'Enter a forecast' });
    await forecast.getByLabel('Month').fill('2026-04');
    await forecast.getByLabel('Forecast volume (cases)').fill('12500');
    await forecast.getByRole('button', { name: 'Save forecast' }).click();
    await lead
      .getByTestId('forecasts')
      .getByRole('row', { name: /2026-04 12,500 entered/ })
      .waitFor();

    // The same vendor's forecasts from a CSV file: new months load, months already there are replaced, the rest
    // are rejected with their line and reason.
    const upload: [vendor: string, month: string, forecast: string, rejectedBecause: string | null][] = [
      [VENDOR, '2026-05', '9000', null],
      [VENDOR, '2026-04', '13000', null],
      ['Nobody Ltd', '2026-05', '10', 'no vendor named "Nobody Ltd"'],
      [VENDOR, '2026-6', '10', 'month "2026-6" is not YYYY-MM'],
    ];
    const already = new Set(['2026-04']);
    const counts = { read: 0, loaded: 0, replaced: 0, rejected: 0 };
    const rejects: string[] = [];
    upload.forEach(([, month, , reason], index) => {
      counts.read += 1;
      if (reason) {
        counts.rejected += 1;
        rejects.push(`${index + 2}\t${reason}`); // line 1 is the header
      } else if (already.has(month)) counts.replaced += 1;
      else counts.loaded += 1;
    });
    const forecastCsv = ['vendor,month,forecast', ...upload.map((r) => r.slice(0, 3).join(','))].join('\n');
    const importForm = lead.getByRole('form', { name: 'Import forecasts from CSV' });
    await importForm
      .getByLabel(/CSV file/)
      .setInputFiles({ name: 'forecasts.csv', mimeType: 'text/csv', buffer: Buffer.from(forecastCsv) });
    await importForm.getByRole('button', { name: 'Import forecasts' }).click();
    const result = lead.getByTestId('forecast-import-result');
    await result.waitFor();
    expect(await result.locator('p').innerText()).toBe(
      `forecasts.csv: ${counts.read} read, ${counts.loaded} loaded, ${counts.replaced} replaced, ${counts.rejected} rejected.`,
    );
    expect(await lead.getByTestId('forecast-rejects').locator('tbody tr').allInnerTexts()).toEqual(rejects);
    await lead
      .getByTestId('forecasts')
      .getByRole('row', { name: /2026-04 13,000 CSV import/ })
      .waitFor();

    const relief = lead.getByRole('form', { name: 'Record a relief event' });
    await relief.getByLabel('What happened').fill('Client survey tool outage');
    await relief.getByLabel(`From (${ZONE})`).fill('2026-04-02T08:00');
    await relief.getByLabel(`Until (${ZONE})`).fill('2026-04-03T18:00');
    await relief.getByLabel('Linked case ids (optional)').fill('3, 4');
    await relief.getByLabel('CSAT').check();
    await relief.getByRole('button', { name: 'Record event' }).click();
    const row = lead.getByTestId('relief-events').getByRole('row', { name: /Client survey tool outage/ });
    await row.waitFor();
    expect(await row.innerText()).toContain('CSAT');
    expect(await row.innerText()).toContain('3, 4');
    await row.getByRole('button', { name: 'Record agreement' }).click();
    await row.getByText(/^agreed /).waitFor();
    // Stored as the instants meant in Auckland (NZDT, UTC+13, until 5 April 2026), shown in Auckland time.
    const meant = { startsAt: '2026-04-01T19:00:00.000Z', endsAt: '2026-04-03T05:00:00.000Z' };
    expect([aucklandWallTime(meant.startsAt), aucklandWallTime(meant.endsAt)]).toEqual([
      '2026-04-02 08:00',
      '2026-04-03 18:00',
    ]);
    const acmeId = (await admin.request<{ items: { id: number; name: string }[] }>('GET', '/api/vendors')).items.find(
      (v) => v.name === VENDOR,
    )!.id;
    const events = await admin.request<{ items: { title: string; startsAt: string; endsAt: string }[] }>(
      'GET',
      `/api/credits/relief-events?vendorId=${acmeId}`,
    );
    expect(events.items.map(({ startsAt, endsAt }) => ({ startsAt, endsAt }))).toEqual([meant]);
    expect(await row.innerText()).toContain('2 Apr 2026, 08:00');
    expect(await row.innerText()).toContain('3 Apr 2026, 18:00');
    await screenshot(lead, 'credits-relief');

    // This month's exposure: the cases imported are all of March 2026, so this month has none of them so far.
    const month = aucklandMonth(new Date());
    let thisMonth = 0;
    for (const row of rows) if (aucklandMonth(new Date(row.created_at ?? '')) === month) thisMonth += 1;
    await lead.getByRole('navigation', { name: 'Credits' }).getByRole('link', { name: 'Exposure this month' }).click();
    const exposure = lead.getByTestId('exposure-levels');
    await exposure.waitFor();
    expect(await exposure.getByTestId('so-far-n').allInnerTexts()).toEqual([`n ${thisMonth}`, `n ${thisMonth}`]);
    expect(await lead.getByTestId('exposure-credits-worst').innerText()).toMatch(/EUR$/);
    await screenshot(lead, 'credits-exposure');
    await lead.getByRole('navigation', { name: 'Credits' }).getByRole('link', { name: 'Money terms' }).click();
    await lead.getByTestId('money-terms-in-force').waitFor();
    await screenshot(lead, 'credits-money-terms');
    expect(noise.take()).toEqual([]);
    await lead.context().close();
  });

  it("projects this month as the reporting zone counts it, not the browser's UTC month", async () => {
    // A vendor whose money terms start this month in Auckland; the browser's clock reads 01:00 or 02:00 on the
    // 1st in Auckland, still the last day of the month before in UTC (and in Los Angeles).
    const month = aucklandMonth(new Date());
    const [year, mon] = month.split('-').map(Number) as [number, number];
    const browserNow = new Date(Date.UTC(year, mon - 1, 1) - 11 * 3_600_000);
    expect([aucklandMonth(browserNow), browserNow.toISOString().slice(0, 7) === month]).toEqual([month, false]);
    const admin = await ApiSession.signIn(stack.baseUrl, stack.admin);
    await admin.request('PUT', '/api/settings/metrics', { reportingTimeZone: ZONE });
    const { id: kiwi } = await admin.request<{ id: number }>('POST', '/api/vendors', { name: 'Kiwi Contact' });
    await admin.request('PUT', '/api/credits/terms', {
      vendorId: kiwi,
      effectiveMonth: month,
      currency: 'EUR',
      invoiceMinor: INVOICE_MINOR,
      atRiskBp: AT_RISK_BP,
      poolBp: 10_000,
      capBp: null,
      defaultRule: { misses: 4, windowMonths: 12 },
      earnBackMonths: null,
      bonusBp: null,
      volumeLowBp: 9000,
      volumeHighBp: 11_000,
      note: null,
      levels: [{ metric: 'csat', kind: 'critical', ...CSAT, bonusLevel: null, volumeSensitive: true }],
    });
    const lead = await signedInPage(stack, stack.admin, { timezoneId: 'America/Los_Angeles' });
    const noise = watchNoise(lead);
    await lead.clock.setFixedTime(browserNow);
    await lead.goto(`${stack.baseUrl}/credits/exposure?vendorId=${kiwi}`);
    await lead.getByTestId('exposure-levels').waitFor();
    expect(await lead.locator('#exposure-levels-title').innerText()).toMatch(new RegExp(`^${month}: day `));
    expect(await lead.getByText('No money terms this month').count()).toBe(0);
    expect(noise.take()).toEqual([]);
    // A vendor without money terms is named, not numbered, in the page's explanation: a state, not an error.
    const { id: tui } = await admin.request<{ id: number }>('POST', '/api/vendors', { name: 'Tui Service' });
    await lead.goto(`${stack.baseUrl}/credits/exposure?vendorId=${tui}`);
    await lead.getByText('No money terms are in force for Tui Service this month').waitFor();
    expect(await lead.getByText(`vendor ${tui}`).count()).toBe(0);
    expect(noise.take()).toEqual([]);
    await lead.context().close();
  });
});
