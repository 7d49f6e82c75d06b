/**
 * At 1,440 × 900 the scorecard shows every metric of every vendor without horizontal
 * scrolling; the column chooser is remembered; no change without a previous week; the terms marker is an SVG
 * icon; a 200-character unbroken queue name (the longest an import stores) is cut to one line on the vendor page with its full value on hover.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_VENDORS } from '../../../scripts/demo/vendors.ts';
import { demoRows } from '../../../scripts/demo/generate.ts';
import { ApiSession, screenshot, startStack, waitForWorkerIdle, type Stack } from '../../../test/browser.ts';
import { emailCase, recentWeeks, repeat, toGenericCsv } from './cases-csv.ts';
import { waitForCount } from './waits.ts';

const weeks = recentWeeks();
const NEWCOMER = 'Zephyr Outsourcing Partners International Holdings Limited';
// The longest queue an import stores (longer values are rejected with the limit named), unbroken: wider than any screen.
const LONG_QUEUE = 'Q'.repeat(200);
let stack: Stack;
let northwindId: number;

beforeAll(async () => {
  stack = await startStack();
  const api = await ApiSession.signIn(stack.baseUrl, stack.admin);
  const ids = new Map<string, number>();
  for (const name of [...DEMO_VENDORS.map((v) => v.name), NEWCOMER]) {
    ids.set(name, (await api.request<{ id: number }>('POST', '/api/vendors', { name })).id);
  }
  northwindId = ids.get('Northwind BPO')!;
  const demo = [...demoRows({ endWeek: weeks.newer, weeks: 2, scale: 0.2 })];
  const csv = toGenericCsv([
    ...demo,
    // The newcomer's first week: 12 cases, nothing the week before.
    ...repeat(12, () => emailCase(NEWCOMER, weeks.newer)),
    ...repeat(3, () => emailCase('Northwind BPO', weeks.newer, { queue: LONG_QUEUE })),
  ]);
  const importId = await api.upload('layout.csv', csv, { preset: 'generic' });
  await waitForWorkerIdle(stack.worker);
  expect(await api.request('GET', `/api/imports/${importId}`)).toMatchObject({
    status: 'succeeded',
    rowsLoaded: demo.length + 15,
  });
  for (const [metric, value] of [
    ['csat', 85],
    ['service_level', 80],
    ['aht', 420],
    ['frt', 3600],
  ] as const) {
    await api.request('POST', '/api/targets', { metric, value, effectiveFrom: weeks.olderLabel });
  }
  await api.request('POST', '/api/terms', { vendorId: northwindId, effectiveFrom: weeks.olderLabel, minSample: 20 });
  await waitForWorkerIdle(stack.worker);
});

afterAll(async () => {
  await stack?.close();
});

async function laptopPage() {
  const context = await stack.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(stack.baseUrl);
  await page.getByLabel('Email').fill(stack.admin.email);
  await page.getByLabel('Password').fill(stack.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('scorecard-table').locator('tbody tr').nth(5).waitFor();
  return page;
}

describe('scorecard layout at 1,440 px', () => {
  it('shows every metric column of every vendor with no horizontal scrolling', async () => {
    const page = await laptopPage();
    const table = page.getByTestId('scorecard-table');
    await screenshot(page, 'scorecard-1440');
    // Ten case metrics and one quality column (the score; the other review figures hidden until chosen).
    expect(await table.locator('thead th').count()).toBe(3 + 11);
    const region = page.getByRole('region', { name: /Scorecard table/ });
    const { scrollWidth, clientWidth } = await region.evaluate((e) => ({
      scrollWidth: e.scrollWidth,
      clientWidth: e.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
    const lastHeader = await table.locator('thead th').last().boundingBox();
    expect(lastHeader!.x + lastHeader!.width).toBeLessThanOrEqual(1440);
    expect(await table.locator('tbody tr').count()).toBe(6);
    await page.context().close();
  });

  it('gives no change without a previous week and marks terms with an SVG icon', async () => {
    const page = await laptopPage();
    const volume = page.locator(`tr[data-vendor="${NEWCOMER}"] td[data-metric="volume"]`);
    expect((await volume.locator('.value').innerText()).trim()).toBe('12');
    expect(await volume.locator('.change').innerText()).toBe('no previous week');
    // The long vendor name is shown whole, wrapped in its column (and its tooltip).
    const name = page.locator(`tr[data-vendor="${NEWCOMER}"] th .vendor-name`);
    expect(await name.getAttribute('title')).toBe(NEWCOMER);
    expect(await name.innerText()).toBe(NEWCOMER);
    expect(await name.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
    expect(await page.locator('main').innerText()).not.toContain('ⓘ');
    const marker = page.locator('tr[data-vendor="Northwind BPO"] td[data-metric="volume"] .value svg');
    expect(await marker.getAttribute('data-testid')).toBe('info-icon');
    await page.context().close();
  });

  it('shows the plan action of a missed cell on hover only', async () => {
    const page = await laptopPage();
    const missed = page.locator('td.metric-cell.status-missed').first();
    const action = missed.getByRole('link', { name: 'Open improvement plan' });
    expect(await action.evaluate((e) => getComputedStyle(e).opacity)).toBe('0');
    await missed.hover();
    // Shown by a CSS transition: wait for its end state in the page.
    const link = await action.elementHandle();
    await page.waitForFunction((e) => getComputedStyle(e!).opacity === '1', link);
    await page.context().close();
  });

  it('hides a column with the column chooser and remembers it', async () => {
    const page = await laptopPage();
    const table = page.getByTestId('scorecard-table');
    await page.getByText('Columns (11/16)').click();
    await page.getByLabel('Abandon rate').uncheck();
    await waitForCount(table.locator('td[data-metric="abandon_rate"]'), 0);
    await page.reload();
    await table.locator('tbody tr').first().waitFor();
    expect(await table.locator('td[data-metric="abandon_rate"]').count()).toBe(0);
    expect(await page.getByText('Columns (10/16)').count()).toBe(1);
    await page.getByText('Columns (10/16)').click();
    await page.getByLabel('Abandon rate').check();
    await waitForCount(table.locator('td[data-metric="abandon_rate"]'), 6);
    await page.context().close();
  });
});

describe('long values', () => {
  it('keeps the vendor page within the screen with a 200-character unbroken queue name, full value on hover', async () => {
    const page = await laptopPage();
    await page.goto(`${stack.baseUrl}/vendors/${northwindId}?by=queue`);
    const cell = page.locator(`[title="${LONG_QUEUE}"]`).first();
    await cell.waitFor();
    const box = await cell.boundingBox();
    expect(box!.width).toBeLessThan(500);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
    await screenshot(page, 'vendor-long-queue');

    // The drill-down lists those cases with the same cut (their E2E- ids sort before DEMO- ones descending).
    await page.goto(`${stack.baseUrl}/cases?vendorId=${northwindId}&sort=externalId&order=desc`);
    const queueCell = page.getByTestId('cases-table').locator(`[title="${LONG_QUEUE}"]`);
    await queueCell.first().waitFor();
    expect(await queueCell.count()).toBe(3);
    expect((await queueCell.first().boundingBox())!.width).toBeLessThan(500);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
    await page.context().close();
  });
});
