/**
 * The report preview says what its attachment holds beside the count; "Next send" is the
 * real next fire time of a vendor created while the worker runs; the per-row Preview buttons look like
 * buttons; every CSV the product serves starts with a UTF-8 byte order mark.
 */
import { readFileSync } from 'node:fs';
import { weekLabel, weekOf } from '../../../packages/domain/src/weeks.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, signedInPage, startStack, type Stack } from '../../../test/browser.ts';
import { emailCase, recentWeeks, repeat, toGenericCsv } from './cases-csv.ts';

const weeks = recentWeeks();
const BOM = [0xef, 0xbb, 0xbf];
let stack: Stack;
let vendorId: number;

beforeAll(async () => {
  stack = await startStack();
  const api = await ApiSession.signIn(stack.baseUrl, stack.admin);
  // Created after the worker started: its default schedule must still have a scheduler.
  ({ id: vendorId } = await api.request<{ id: number }>('POST', '/api/vendors', {
    name: 'Ärzte Support GmbH',
    timeZone: 'Europe/Berlin',
    reportRecipients: ['lead@aerzte.example'],
  }));
  const csv = toGenericCsv(
    repeat(4, () => emailCase('Ärzte Support GmbH', weeks.newer, { queue: 'Bestellungen Übersee' })),
  );
  await api.upload('aerzte.csv', csv, { preset: 'generic' });
  // The report scheduler's next send is a delayed job, so the worker never looks idle: wait for the figures.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const card = await api.request<{ vendors: { metrics: { volume?: { value: number | null } } }[] }>(
      'GET',
      `/api/scorecards?week=${weeks.newerLabel}`,
    );
    if (card.vendors[0]?.metrics.volume?.value === 4) break;
    if (Date.now() > deadline) throw new Error('The scorecard never showed the 4 imported cases');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});

afterAll(async () => {
  await stack?.close();
});

describe('reports page', () => {
  it('shows the next send, previews with what the attachment holds, and styles Preview as a button', async () => {
    const page = await signedInPage(stack);
    await page.goto(`${stack.baseUrl}/reports`);
    const row = page
      .locator('tr', { hasText: 'Ärzte Support GmbH' })
      .filter({ has: page.getByRole('button', { name: 'Preview' }) });
    await row.waitFor();
    const nextSend = await row.locator('td').nth(3).innerText();
    // A date and time (en-GB medium date, short time), not the "—" of a missing scheduler.
    expect(nextSend).toMatch(/^\d{1,2} \w{3} \d{4}, \d{2}:\d{2}$/);

    const preview = row.getByRole('button', { name: 'Preview' });
    const show = page.getByRole('button', { name: 'Show' });
    const look = (locator: typeof show) =>
      locator.evaluate((e) => {
        const style = getComputedStyle(e);
        return { color: style.color, background: style.backgroundColor, opacity: style.opacity };
      });
    expect(await look(preview)).toEqual(await look(show));

    await preview.click();
    // The week field's placeholder is this week in the reporting zone, not a fixed example.
    const api = await ApiSession.signIn(stack.baseUrl, stack.admin);
    const { reportingTimeZone } = await api.request<{ reportingTimeZone: string }>(
      'GET',
      '/api/settings/reporting-time-zone',
    );
    expect(await page.getByLabel('Week', { exact: true }).getAttribute('placeholder')).toBe(
      weekLabel(weekOf(new Date(), reportingTimeZone)),
    );
    await page.getByLabel('Week', { exact: true }).fill(weeks.newerLabel);
    await show.click();
    const scope = page.getByTestId('attachment-scope');
    await scope.waitFor();
    expect(await scope.innerText()).toMatch(/^4 case\(s\): every case attributed to this week by any of its metrics/);
    await page.context().close();
  });

  it('serves every CSV with a UTF-8 byte order mark', async () => {
    const page = await signedInPage(stack);
    const bytes = async (path: string) => [...readFileSync(path).subarray(0, 3)];
    // The scorecard's CSV (built in the browser).
    await page.getByTestId('scorecard-table').waitFor();
    const [scorecardCsv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(await bytes(await scorecardCsv.path())).toEqual(BOM);
    // The drill-down's CSV (streamed by the API), with the non-ASCII queue intact after the mark.
    await page.goto(`${stack.baseUrl}/cases?vendorId=${vendorId}`);
    await page.getByTestId('cases-table').waitFor();
    const [casesCsv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    const path = await casesCsv.path();
    expect(await bytes(path)).toEqual(BOM);
    expect(readFileSync(path, 'utf8')).toContain('Bestellungen Übersee');
    await page.context().close();
  });
});
