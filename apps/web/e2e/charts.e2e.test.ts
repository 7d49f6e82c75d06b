/**
 * Read from the rendered SVG: a week without cases is a gap in the line (not a point at
 * zero); handling-time tick labels stay on one line; percentage ticks are distinct at the data's scale.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWeeks, weekLabel } from '../../../packages/domain/src/weeks.ts';
import {
  ApiSession,
  screenshot,
  signedInPage,
  startStack,
  waitForWorkerIdle,
  type Stack,
} from '../../../test/browser.ts';
import { emailCase, recentWeeks, repeat, toGenericCsv } from './cases-csv.ts';

// Acme has cases in 4 weeks of the 12 on screen: 0, 1, 3 and 4 weeks before the last complete one (so one
// empty week between them). 1,000 cases a week, of which 1, 0, 2, 1 reopened: reopen rates 0.1, 0, 0.2, 0.1 %.
const weeks = recentWeeks();
const WEEKS_BACK = [4, 3, 1, 0];
const REOPENED = [1, 0, 2, 1];
const HANDLE_SECONDS = ['600', '610', '640', '605'];
const CASES_PER_WEEK = 1_000;
let stack: Stack;
let acmeId: number;

beforeAll(async () => {
  stack = await startStack();
  const api = await ApiSession.signIn(stack.baseUrl, stack.admin);
  ({ id: acmeId } = await api.request<{ id: number }>('POST', '/api/vendors', { name: 'Acme Support' }));
  const rows = WEEKS_BACK.flatMap((back, i) => {
    const week = addWeeks(weeks.newer, -back);
    return repeat(CASES_PER_WEEK, () => emailCase('Acme Support', week, { handle_seconds: HANDLE_SECONDS[i] })).map(
      (row, n) => (n < REOPENED[i]! ? { ...row, reopen_count: '1' } : row),
    );
  });
  const importId = await api.upload('four-weeks.csv', toGenericCsv(rows), { preset: 'generic' });
  await waitForWorkerIdle(stack.worker, 120_000);
  expect(await api.request('GET', `/api/imports/${importId}`)).toMatchObject({
    status: 'succeeded',
    rowsLoaded: WEEKS_BACK.length * CASES_PER_WEEK,
  });
});

afterAll(async () => {
  await stack?.close();
});

const chart = (page: Page, metric: string) => page.locator(`figure.chart-card[data-metric="${metric}"]`);

describe('trend charts', () => {
  it('draws a week without cases as a gap, not as zero', async () => {
    const page = await signedInPage(stack);
    await page.goto(`${stack.baseUrl}/vendors/${acmeId}`);
    const volume = chart(page, 'volume');
    await volume.locator('.recharts-line-curve').last().waitFor({ state: 'attached' });
    // One point per week with cases, none at zero.
    const dots = volume.locator('.recharts-line-dots circle, .recharts-line-dots rect');
    expect(await dots.count()).toBe(WEEKS_BACK.length);
    // The line breaks at the empty week: two segments (an "M" each), the first starting at the first point.
    const path = (await volume.locator('.recharts-line-curve').last().getAttribute('d')) ?? '';
    expect(path.match(/M/g)).toHaveLength(2);
    const firstDotX = Number(await dots.first().evaluate((e) => e.getAttribute('cx') ?? e.getAttribute('x')));
    const pathStartX = Number(/^M([\d.]+)/.exec(path)?.[1]);
    expect(Math.abs(pathStartX - firstDotX)).toBeLessThan(6);
    // The x axis still shows 12 weeks, ending with the last complete one.
    expect(await volume.getByText(weekLabel(weeks.newer).slice(5), { exact: true }).count()).toBe(1);
    await screenshot(page, 'vendor-charts-gaps');
    await page.context().close();
  });

  it('labels handling-time ticks on one line and percentage ticks distinctly', async () => {
    const page = await signedInPage(stack);
    await page.goto(`${stack.baseUrl}/vendors/${acmeId}`);
    const ticks = (metric: string) =>
      chart(page, metric)
        .locator('.recharts-yAxis-tick-labels text')
        .evaluateAll((texts) =>
          texts.map((t) => ({ text: t.textContent ?? '', lines: t.querySelectorAll('tspan').length })),
        );
    await chart(page, 'aht').locator('.recharts-yAxis-tick-labels text').first().waitFor({ state: 'attached' });
    const aht = await ticks('aht');
    expect(aht.length).toBeGreaterThanOrEqual(3);
    for (const tick of aht) expect(tick.lines, tick.text).toBe(1);
    expect(new Set(aht.map((t) => t.text)).size).toBe(aht.length);

    const reopen = await ticks('reopen_rate');
    const labels = reopen.map((t) => t.text);
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(new Set(labels).size, labels.join(' | ')).toBe(labels.length);
    // The highest week, 2 of 1,000 = 0.2 %, lies inside the axis.
    const values = labels.map((l) => Number.parseFloat(l));
    expect(Math.max(...values)).toBeGreaterThanOrEqual((2 / CASES_PER_WEEK) * 100);
    await page.context().close();
  });
});
