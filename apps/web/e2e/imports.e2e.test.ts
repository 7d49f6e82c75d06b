import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, screenshot, signedInPage, startStack, type Stack } from '../../../test/browser.ts';
import { emailCase, recentWeeks, repeat, toGenericCsv } from './cases-csv.ts';
import { waitForCount } from './waits.ts';

const weeks = recentWeeks();
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  const api = await ApiSession.signIn(stack.baseUrl, stack.admin);
  await api.request('POST', '/api/vendors', { name: 'Acme Support' });
});

afterAll(async () => {
  await stack?.close();
});

describe('imports page', () => {
  it('uploads a file, shows progress to the end, lists the rejected row and maps an unknown vendor in one click', async () => {
    // 300 good rows, 2 for a group no vendor is named after, then one row whose created_at is not a date (line 304).
    const csv = toGenericCsv([
      ...repeat(300, () => emailCase('Acme Support', weeks.newer)),
      ...repeat(2, () => emailCase('Initech Team 7', weeks.newer)),
      emailCase('Acme Support', weeks.newer, { created_at: 'not-a-date' }),
    ]);
    const page = await signedInPage(stack);
    await page.getByRole('link', { name: 'Imports' }).click();
    await page.getByRole('heading', { name: 'Imports', level: 1 }).waitFor();
    await page
      .getByLabel('File')
      .setInputFiles({ name: 'week-export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import' }).click();

    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 60_000 }).toBe('succeeded');
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(await page.getByTestId('rows-read').innerText()).toBe('303');
    expect(await page.getByTestId('rows-loaded').innerText()).toBe('302');
    expect(await page.getByTestId('rows-rejected').innerText()).toBe('1');

    const reject = page.getByTestId('rejects-table').locator('tbody tr');
    await waitForCount(reject, 1);
    expect(await reject.locator('td').first().innerText()).toBe('304');
    expect(await reject.innerText()).toMatch(/created_at/);
    expect(await page.getByRole('link', { name: 'Download rejects CSV' }).getAttribute('href')).toMatch(
      /\/rejects\.csv$/,
    );
    await screenshot(page, 'imports');

    const unmapped = page.getByTestId('unmapped-table').locator('tbody tr', { hasText: 'Initech Team 7' });
    await unmapped.waitFor();
    expect(await unmapped.locator('td.num').innerText()).toBe('2');
    await page.getByLabel('Vendor for Initech Team 7').selectOption({ label: 'Acme Support' });
    await unmapped.getByRole('button', { name: 'Map' }).click();
    await page.getByRole('status').filter({ hasText: '2 case(s) moved' }).waitFor();
    await page.getByText('Every case has a vendor').waitFor();
    await screenshot(page, 'imports-mapped');
    await page.context().close();
  });
});
