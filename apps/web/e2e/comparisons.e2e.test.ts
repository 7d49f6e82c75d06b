/**
 * In the browser: interval whiskers and significance marking on the scorecard and the trend chart,
 * the raw/adjusted ranking toggle on a Simpson's-paradox data set, and the mix/performance panel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../api/src/auth/users.service.ts';
import {
  ApiSession,
  screenshot,
  signedInPage,
  startStack,
  waitForWorkerIdle,
  type Stack,
} from '../../../test/browser.ts';
import { emailCase, recentWeeks, toGenericCsv, type CaseRow } from './cases-csv.ts';
import { waitForAttribute, waitForCount, waitForText } from './waits.ts';

// Worked out by hand (docs/metrics.md, "Confidence, significance and case-mix adjustment"):
// newer week, CSAT: Alpha Buyer 10/10, Seller 18/30 → raw 70 %; Beta Buyer 27/30, Seller 5/10 → raw 80 %.
// All-vendor mix Buyer 40 : Seller 40 → adjusted Alpha ½·100 + ½·60 = 80 %, Beta ½·90 + ½·50 = 70 %.
// With a CSAT target of 80 (the only target) composites are raw Alpha 72.9, Beta 83.3; adjusted the reverse.
// Older week: Alpha 40/40, Beta 32/40. Alpha's drop 100 % → 70 % is significant (z = −3.76), Beta's 80 → 80 is not.
const weeks = recentWeeks();
let stack: Stack;
let alphaId: number;
const vendorUser = { email: 'alpha@example.test', password: 'another horse battery staple' };

function rated(vendor: string, week: string, queue: string, count: number, satisfied: number): CaseRow[] {
  return Array.from({ length: count }, (_, i) =>
    emailCase(vendor, week, { queue, csat_score: i < satisfied ? '5' : '2', csat_scale: '5' }),
  );
}

beforeAll(async () => {
  stack = await startStack();
  const api = await ApiSession.signIn(stack.baseUrl, stack.admin);
  alphaId = (await api.request<{ id: number }>('POST', '/api/vendors', { name: 'Alpha Care' })).id;
  await api.request('POST', '/api/vendors', { name: 'Beta BPO' });
  await api.request('POST', '/api/targets', { metric: 'csat', value: 80, effectiveFrom: weeks.olderLabel });
  const csv = toGenericCsv([
    ...rated('Alpha Care', weeks.newer, 'Buyer', 10, 10),
    ...rated('Alpha Care', weeks.newer, 'Seller', 30, 18),
    ...rated('Beta BPO', weeks.newer, 'Buyer', 30, 27),
    ...rated('Beta BPO', weeks.newer, 'Seller', 10, 5),
    ...rated('Alpha Care', weeks.older, 'Seller', 40, 40),
    ...rated('Beta BPO', weeks.older, 'Buyer', 40, 32),
  ]);
  const importId = await api.upload('simpson.csv', csv, { preset: 'generic' });
  await waitForWorkerIdle(stack.worker);
  const result = await api.request<{ status: string; rowsLoaded: number }>('GET', `/api/imports/${importId}`);
  expect(result).toMatchObject({ status: 'succeeded', rowsLoaded: 160 });
  await createUser(stack.database.db, { ...vendorUser, name: 'Alpha Lead', role: 'vendor', vendorId: alphaId });
});

afterAll(async () => {
  await stack?.close();
});

describe('honest comparisons in the dashboard', () => {
  it('shows the interval on hover, the significant change in bold, and reorders on the adjusted toggle', async () => {
    const page = await signedInPage(stack);
    const table = page.getByTestId('scorecard-table');
    await table.waitFor();
    await waitForAttribute(table, 'data-week', weeks.newerLabel);
    const csat = (vendor: string) => page.locator(`tr[data-vendor="${vendor}"] td[data-metric="csat"]`);

    // Wilson 28/40: [54.6 %, 81.9 %]; its tooltip appears on hover.
    const interval = csat('Alpha Care').getByTestId('interval');
    await interval.hover();
    const tooltip = interval.getByRole('tooltip');
    await tooltip.waitFor({ state: 'visible' });
    expect(await tooltip.innerText()).toBe('95 % CI 54.6 %–81.9 %, Wilson score interval');

    const alphaArrow = csat('Alpha Care').locator('.change');
    expect(await alphaArrow.getAttribute('data-significant')).toBe('true');
    expect(await alphaArrow.evaluate((el) => getComputedStyle(el).fontWeight)).toBe('700');
    expect(await alphaArrow.getAttribute('title')).toContain('significant at 95 % (two-proportion z-test');
    const betaArrow = csat('Beta BPO').locator('.change');
    expect(await betaArrow.getAttribute('data-significant')).toBe('false');
    expect(await betaArrow.evaluate((el) => getComputedStyle(el).fontWeight)).toBe('400');
    expect(await betaArrow.getAttribute('title')).toContain('within noise');
    await screenshot(page, 'comparisons-scorecard-raw');

    const vendorsInOrder = async (names: string[]) => {
      const rows = page.getByRole('rowheader');
      for (const [i, name] of names.entries()) await waitForText(rows.nth(i), name);
      await waitForCount(rows, names.length);
    };
    await vendorsInOrder(['Beta BPO', 'Alpha Care']);
    await page.getByRole('button', { name: 'Case-mix adjusted' }).click();
    await vendorsInOrder(['Alpha Care', 'Beta BPO']);
    expect(new URL(page.url()).searchParams.get('rankBy')).toBe('adjusted');
    await page.reload();
    await vendorsInOrder(['Alpha Care', 'Beta BPO']);
    await screenshot(page, 'comparisons-scorecard-adjusted');
    await page.context().close();
  });

  it('draws whiskers and marks the significant week on the trend chart; shows the mix/performance split', async () => {
    const page = await signedInPage(stack);
    await page.goto(`${stack.baseUrl}/vendors/${alphaId}?week=${weeks.newerLabel}`);
    const chart = page.locator('figure[data-metric="csat"]');
    await chart.locator('.recharts-errorBar').first().waitFor();
    expect(await chart.locator('.recharts-errorBar').count()).toBe(2);
    expect(await chart.locator('.significant-point').getAttribute('data-week')).toBe(weeks.newerLabel);
    expect(await chart.locator('.significant-point').count()).toBe(1);

    // Alpha's CSAT gap −10 pt = mix −20 pt + performance +10 pt.
    const row = page.getByTestId('mix-panel').locator('tr[data-metric="csat"]');
    await row.waitFor();
    expect(await row.locator('[data-part="mix"]').innerText()).toBe('−20.0 pt');
    expect(await row.locator('[data-part="performance"]').innerText()).toBe('+10.0 pt');
    await screenshot(page, 'comparisons-vendor');
    await page.context().close();
  });

  it('hides the mix panel from a vendor user (the API answers 404 to them)', async () => {
    const page = await signedInPage(stack, vendorUser);
    await page.goto(`${stack.baseUrl}/vendors/${alphaId}?week=${weeks.newerLabel}`);
    await page.locator('figure[data-metric="csat"] .recharts-errorBar').first().waitFor();
    expect(await page.getByTestId('mix-panel').count()).toBe(0);
    await page.context().close();
  });
});
