import { readFileSync } from 'node:fs';
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
import { waitForCount, waitForText } from './waits.ts';

// Worked out by hand. Newer week: Acme 30 emails answered in 1 h + 10 answered after 30 h (> 24 h SLA)
// → service level 30/40 = 75 %; Globex 40 answered in 1 h → 100 %. Older week: Acme 40 in 1 h → 100 %.
// Global service-level target 95 % → Acme missed in the newer week.
const weeks = recentWeeks();
const slow = { first_response_at: '', solved_at: '' };
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  const api = await ApiSession.signIn(stack.baseUrl, stack.admin);
  await api.request('POST', '/api/vendors', { name: 'Acme Support' });
  await api.request('POST', '/api/vendors', { name: 'Globex BPO' });
  const late = () => {
    const row = emailCase('Acme Support', weeks.newer);
    const created = new Date(row.created_at!);
    const at = (hours: number) => new Date(created.getTime() + hours * 3_600_000).toISOString().replace('.000Z', 'Z');
    return { ...row, ...slow, first_response_at: at(30), solved_at: at(31), updated_at: at(31) };
  };
  const csv = toGenericCsv([
    ...repeat(40, () => emailCase('Acme Support', weeks.older)),
    ...repeat(30, () => emailCase('Acme Support', weeks.newer)),
    ...repeat(10, late),
    ...repeat(40, () => emailCase('Globex BPO', weeks.newer)),
  ]);
  await api.upload('review.csv', csv);
  await waitForWorkerIdle(stack.worker);
  await api.request('POST', '/api/targets', { metric: 'service_level', value: 95, effectiveFrom: weeks.olderLabel });
});

afterAll(async () => {
  await stack?.close();
});

const slCell = (vendor: string) => `tr[data-vendor="${vendor}"] td[data-metric="service_level"]`;

describe('review flow', () => {
  it('goes from a missed cell to its cases, exports them, and opens the vendor trend', async () => {
    const page = await signedInPage(stack);
    await page.getByTestId('scorecard-table').waitFor();
    const acme = page.locator(slCell('Acme Support'));
    // The value; the formula marker is an SVG icon (no text) when terms are in force.
    expect(await acme.locator('.value').innerText()).toBe('75.0 %');
    expect(await acme.locator('.badge').innerText()).toBe('Missed');
    expect(await page.locator(slCell('Globex BPO')).locator('.badge').innerText()).toBe('Met');

    await acme.locator('a.value').click();
    await page.getByRole('heading', { name: 'Cases behind Service level' }).waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/cases');
    expect(url.searchParams.get('metric')).toBe('service_level');
    expect(url.searchParams.get('week')).toBe(weeks.newerLabel);
    const rows = page.getByTestId('cases-table').locator('tbody tr');
    await waitForCount(rows, 40);
    // The ten late answers say why they missed.
    await waitForCount(rows.filter({ hasText: /missed/i }), 10);
    await screenshot(page, 'drill-down');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.trim().split(/\r?\n/)).toHaveLength(41);

    await page.getByRole('link', { name: /trends$/ }).click();
    await page.getByTestId('trend-charts').waitFor();
    await page.locator('figure[data-metric="service_level"] svg').first().waitFor();
    await page.getByTestId('breakdown-table').waitFor();
    expect(await page.getByTestId('breakdown-table').innerText()).toContain('Buyer');
    // The breakdown stays inside the page and scrolls sideways in its own box to its last column.
    const box = page.locator('.table-scroll:has([data-testid="breakdown-table"])');
    const reach = await box.evaluate((el) => {
      el.scrollLeft = el.scrollWidth;
      const last = el.querySelector('thead th:last-child')!.getBoundingClientRect();
      const own = el.getBoundingClientRect();
      return { boxRight: own.right, lastRight: last.right, page: document.documentElement.clientWidth };
    });
    expect(reach.boxRight).toBeLessThanOrEqual(reach.page);
    expect(reach.lastRight).toBeLessThanOrEqual(reach.boxRight + 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(reach.page);
    await box.evaluate((el) => (el.scrollLeft = 0));
    await screenshot(page, 'vendor');
    await page.context().close();
  });

  it('settings: a vendor target changes the status on the scorecard', async () => {
    const page = await signedInPage(stack);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Targets' }).waitFor();
    await page.getByLabel('Metric', { exact: true }).selectOption('service_level');
    await page.getByLabel('Target value').fill('70');
    await page.getByLabel('Vendor', { exact: true }).selectOption({ label: 'Acme Support' });
    await page.getByLabel('From week').fill(weeks.olderLabel);
    await page.getByRole('button', { name: 'Add target' }).click();
    await waitForCount(page.getByTestId('targets-table').locator('tbody tr'), 2);
    // Every metric, the quality ones included, is named by the metric catalogue, never by its raw key.
    const options = await page.getByLabel('Metric', { exact: true }).locator('option').allInnerTexts();
    expect(options).toContain('Quality score (points)');
    expect(options.filter((o) => o.includes('_'))).toEqual([]);
    await screenshot(page, 'settings');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scorecard' }).click();
    const acme = page.locator(slCell('Acme Support'));
    await waitForText(acme.locator('.badge'), 'Met');
    expect(await acme.locator('.sub').first().innerText()).toContain('Target 70.0 %');
    await page.context().close();
  });
});
