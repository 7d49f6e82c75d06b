import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiSession,
  screenshot,
  signedInPage,
  startStack,
  waitForWorkerIdle,
  type Stack,
} from '../../../test/browser.ts';
import { emailCase, recentWeeks, repeat, toGenericCsv } from './cases-csv.ts';
import { waitForAttribute, waitForText } from './waits.ts';

// Volumes worked out by hand: Acme 2 then 4 cases, Globex 3 then 1, in the last two complete weeks.
const weeks = recentWeeks();
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  const api = await ApiSession.signIn(stack.baseUrl, stack.admin);
  await api.request('POST', '/api/vendors', { name: 'Acme Support' });
  await api.request('POST', '/api/vendors', { name: 'Globex BPO' });
  const csv = toGenericCsv([
    ...repeat(2, () => emailCase('Acme Support', weeks.older)),
    ...repeat(4, () => emailCase('Acme Support', weeks.newer)),
    ...repeat(3, () => emailCase('Globex BPO', weeks.older)),
    ...repeat(1, () => emailCase('Globex BPO', weeks.newer)),
  ]);
  const importId = await api.upload('two-weeks.csv', csv, { preset: 'generic' });
  await waitForWorkerIdle(stack.worker);
  const result = await api.request<{ status: string; rowsLoaded: number }>('GET', `/api/imports/${importId}`);
  expect(result).toMatchObject({ status: 'succeeded', rowsLoaded: 10 });
});

afterAll(async () => {
  await stack?.close();
});

describe('scorecard page', () => {
  it('shows every vendor for the newest week and changes the numbers when the week changes', async () => {
    const page = await signedInPage(stack);
    const table = page.getByTestId('scorecard-table');
    await table.waitFor();
    const volumeCell = (vendor: string) => page.locator(`tr[data-vendor="${vendor}"] td[data-metric="volume"] .value`);
    // The formula marker beside the value is an SVG icon: the cell's text is the value alone.
    const volume = (vendor: string) => ({ innerText: async () => (await volumeCell(vendor).innerText()).trim() });

    // The newest week with data is the default.
    await waitForAttribute(table, 'data-week', weeks.newerLabel);
    expect(await page.getByRole('rowheader').allInnerTexts()).toEqual(
      expect.arrayContaining(['Acme Support', 'Globex BPO']),
    );
    expect(await volume('Acme Support').innerText()).toBe('4');
    expect(await volume('Globex BPO').innerText()).toBe('1');
    await screenshot(page, 'scorecard');

    await page.getByLabel('Week', { exact: true }).selectOption(weeks.olderLabel);
    await waitForAttribute(table, 'data-week', weeks.olderLabel);
    await waitForText(volumeCell('Acme Support'), '2');
    expect(await volume('Globex BPO').innerText()).toBe('3');
    expect(new URL(page.url()).searchParams.get('week')).toBe(weeks.olderLabel);

    // The week is in the URL: opening it fresh shows the same week.
    await page.reload();
    await waitForAttribute(page.getByTestId('scorecard-table'), 'data-week', weeks.olderLabel);
    await screenshot(page, 'scorecard-older-week');
    await page.context().close();
  });

  it('states the minimum sample and the composite weights in force in the tooltips', async () => {
    const page = await signedInPage(stack);
    const row = page.locator('tr[data-vendor="Acme Support"]');
    await row.waitFor();
    // No contract terms here: the organisation's defaults (minimum sample 30, default weights).
    expect(await row.locator('td[data-metric="service_level"] .value').getAttribute('title')).toContain(
      'status (met, at risk, missed) from a sample of 30',
    );
    expect(await row.locator('td.composite span').first().getAttribute('title')).toContain(
      'weighted CSAT 30, Service level 20, Handling time 15, First response time 15, First contact resolution 20',
    );
    await page.context().close();
  });
});
