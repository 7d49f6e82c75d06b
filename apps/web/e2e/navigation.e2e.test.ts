/**
 * Every navigation entry opens with no query string and without a console error,
 * a warning or a failed request (favicon included); pages open on the last complete week, and the current
 * week is shown only on request and marked partial.
 */
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
import { watchNoise } from './page-noise.ts';
import { waitForAttribute, waitForCount, waitForTextContaining } from './waits.ts';

// Acme: 3 cases in the last complete week, 1 in the current week (created at its start, UTC reporting zone).
const weeks = recentWeeks();
const currentMonday = new Date(Date.parse(`${weeks.newer}T00:00:00Z`) + 7 * 86_400_000);
const currentWeekLabel = (() => {
  const thursday = new Date(currentMonday.getTime() + 3 * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
})();
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  const api = await ApiSession.signIn(stack.baseUrl, stack.admin);
  await api.request('POST', '/api/vendors', { name: 'Acme Support' });
  const startOfCurrentWeek = new Date(currentMonday.getTime() + 60_000).toISOString().replace('.000Z', 'Z');
  const csv = toGenericCsv([
    ...repeat(3, () => emailCase('Acme Support', weeks.newer)),
    emailCase('Acme Support', weeks.newer, {
      created_at: startOfCurrentWeek,
      first_response_at: startOfCurrentWeek,
      solved_at: startOfCurrentWeek,
      updated_at: startOfCurrentWeek,
    }),
  ]);
  const importId = await api.upload('two-weeks.csv', csv, { preset: 'generic' });
  await waitForWorkerIdle(stack.worker);
  expect(await api.request('GET', `/api/imports/${importId}`)).toMatchObject({ status: 'succeeded', rowsLoaded: 4 });
});

afterAll(async () => {
  await stack?.close();
});

describe('navigation', () => {
  it('opens every entry of the navigation with no query string, without console noise or failed requests', async () => {
    const page = await signedInPage(stack);
    const noise = watchNoise(page);
    const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
    const hrefs = await links.evaluateAll((elements) => elements.map((e) => e.getAttribute('href') ?? ''));
    expect(hrefs).toEqual([
      '/',
      '/cases',
      '/plans',
      '/quality',
      '/reports',
      '/alerts',
      '/terms',
      '/credits',
      '/imports',
      '/sources',
      '/settings',
    ]);
    for (const href of hrefs) {
      // A fresh load (the favicon and the lazy chunk's first render included), then a click from another page.
      await page.goto(`${stack.baseUrl}${href}`, { waitUntil: 'networkidle' });
      await page.locator('main h1').first().waitFor();
      expect(await page.getByRole('alert').count(), `${href}: an error on the page`).toBe(0);
      expect(noise.take(), `${href} on load`).toEqual([]);
      await page.goto(`${stack.baseUrl}/plans`, { waitUntil: 'networkidle' });
      await links.and(page.locator(`[href="${href}"]`)).click();
      await page.waitForLoadState('networkidle');
      await page.locator('main h1').first().waitFor();
      expect(await page.getByRole('alert').count(), `${href}: an error after a click`).toBe(0);
      expect(noise.take(), `${href} after a click`).toEqual([]);
      expect(new URL(page.url()).search, href).toBe('');
    }
    // The credits pages' own tabs (admin and finance), under the one "Credits" entry, open the same way.
    await page.goto(`${stack.baseUrl}/credits`, { waitUntil: 'networkidle' });
    const tabs = page.getByRole('navigation', { name: 'Credits' }).getByRole('link');
    const tabHrefs = await tabs.evaluateAll((elements) => elements.map((e) => e.getAttribute('href') ?? ''));
    expect(tabHrefs).toEqual(['/credits', '/credits/terms', '/credits/relief', '/credits/exposure']);
    for (const href of tabHrefs) {
      await page.goto(`${stack.baseUrl}${href}`, { waitUntil: 'networkidle' });
      await page.locator('main h1').first().waitFor();
      expect(await page.getByRole('alert').count(), `${href}: an error on the page`).toBe(0);
      expect(noise.take(), `${href} on load`).toEqual([]);
    }
    const favicon = await page.evaluate(() => document.querySelector('link[rel="icon"]')?.getAttribute('href'));
    expect((await page.request.get(`${stack.baseUrl}${favicon}`)).status()).toBe(200);
    await page.context().close();
  });
});

describe('the default week', () => {
  it('opens the scorecard and the drill-down on the last complete week; the current week is marked partial', async () => {
    const page = await signedInPage(stack);
    const table = page.getByTestId('scorecard-table');
    await waitForAttribute(table, 'data-week', weeks.newerLabel);
    expect(await page.getByTestId('partial-week').count()).toBe(0);
    const volume = page.locator('tr[data-vendor="Acme Support"] td[data-metric="volume"] .value');
    expect((await volume.innerText()).trim()).toMatch(/^3\b/);
    const week = page.getByLabel('Week', { exact: true });
    expect(await week.locator(`option[value="${currentWeekLabel}"]`).innerText()).toBe(`${currentWeekLabel} (partial)`);

    await week.selectOption(currentWeekLabel);
    await waitForAttribute(table, 'data-week', currentWeekLabel);
    await page.getByTestId('partial-week').waitFor();
    expect((await volume.innerText()).trim()).toMatch(/^1\b/);
    await screenshot(page, 'scorecard-partial-week');

    // No filter in the URL: no filter chip; the week the API picked is named, not offered as a filter.
    await page.goto(`${stack.baseUrl}/cases`);
    await page.getByTestId('cases-table').waitFor();
    expect(await page.getByTestId('filter-chips').count()).toBe(0);
    expect(await page.getByTestId('default-week').innerText()).toContain(`week ${weeks.newerLabel}`);
    expect(await page.getByTestId('cases-table').locator('tbody tr').count()).toBe(3);

    // The URL's filters, one chip each, each removable on its own.
    const api = await ApiSession.signIn(stack.baseUrl, stack.admin);
    const vendors = await api.request<{ items: { id: number }[] }>('GET', '/api/vendors');
    await page.goto(`${stack.baseUrl}/cases?vendorId=${vendors.items[0]!.id}&week=${weeks.newerLabel}&channel=email`);
    const chips = page.getByTestId('filter-chips');
    await waitForTextContaining(chips, 'vendor Acme Support');
    expect(await chips.locator('.pill').count()).toBe(3);
    await chips.getByRole('button', { name: 'Remove vendor filter' }).click();
    await page.waitForURL((url) => !url.searchParams.has('vendorId'));
    const left = await chips.locator('.pill').allInnerTexts();
    expect(left.map((t) => t.replace(/\s*×$/, ''))).toEqual([`week ${weeks.newerLabel}`, 'channel email']);
    await chips.getByRole('button', { name: 'Remove week filter' }).click();
    await chips.getByRole('button', { name: 'Remove channel filter' }).click();
    await waitForCount(chips, 0);
    expect(new URL(page.url()).search).toBe('');
    await page.context().close();
  });
});

describe('settings', () => {
  it('labels composite weights with metric names and picks the reporting zone from the IANA list', async () => {
    const page = await signedInPage(stack);
    await page.goto(`${stack.baseUrl}/settings`);
    const form = page.getByRole('form', { name: 'Metric settings' });
    await form.waitFor();
    const weights = form.locator('fieldset fieldset', { hasText: 'Composite weights' });
    const labels = await weights.locator('label').allInnerTexts();
    expect(labels).toEqual(expect.arrayContaining(['CSAT', 'Service level', 'Handling time']));
    expect(labels.join(' ')).not.toMatch(/service_level|\baht\b|\bcsat\b/);
    const zone = form.getByLabel('Reporting time zone');
    const listId = await zone.getAttribute('list');
    const zones = await page
      .locator(`datalist[id="${listId}"] option`)
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(zones).toEqual(expect.arrayContaining(['Asia/Manila', 'Europe/Berlin', 'America/Bogota']));
    await zone.fill('Mars/Olympus');
    expect(await zone.evaluate((e) => (e as HTMLInputElement).validity.valid)).toBe(false);
    await zone.fill('Asia/Manila');
    expect(await zone.evaluate((e) => (e as HTMLInputElement).validity.valid)).toBe(true);
    await page.context().close();
  });
});

describe('terms forms', () => {
  it('lays the terms form out like the others and saves composite weights', async () => {
    const page = await signedInPage(stack);
    await page.goto(`${stack.baseUrl}/terms`);
    const form = page.getByRole('form', { name: 'Add dated terms' });
    await form.waitFor();
    // Labels above their fields (not inline runs) and fieldsets without the browser's grooved border.
    expect(await form.evaluate((e) => getComputedStyle(e).display)).toBe('grid');
    const label = form.locator('label').first();
    expect(await label.evaluate((e) => getComputedStyle(e).flexDirection)).toBe('column');
    const weights = form.locator('fieldset', { hasText: 'Composite weights' });
    expect(await weights.evaluate((e) => getComputedStyle(e).borderTopStyle)).toBe('solid');
    await form.getByLabel('Effective from (ISO week)').fill(weeks.newerLabel);
    await weights.getByLabel('CSAT').fill('60');
    await weights.getByLabel('Service level').fill('40');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/terms') && r.request().method() === 'POST');
    await form.getByRole('button', { name: 'Save terms' }).click();
    const response = await saved;
    expect(response.status()).toBe(201);
    expect(response.request().postDataJSON()).toMatchObject({ compositeWeights: { csat: 60, service_level: 40 } });
    // The calendar form's From and To fields sit level, the To field's hint below it; the week field's
    // placeholder is a week label (the current one), not a fixed example.
    // Both measured in one evaluation: the saved terms re-render the page above the form between two reads.
    const offset = await page.locator('.calendar-form').evaluate((calendar) => {
      const top = (name: string) => calendar.querySelector(`input[name="${name}"]`)!.getBoundingClientRect().top;
      return top('end') - top('start');
    });
    expect(offset).toBe(0);
    // Each "Open on" checkbox sits left of its day's name on the same line, not above it (a user's report).
    const days = await page.locator('.calendar-form fieldset label').evaluateAll((labels) =>
      labels.map((label) => {
        const box = label.querySelector('input')!.getBoundingClientRect();
        const name = document.createRange();
        name.selectNodeContents(label);
        name.setStartAfter(label.querySelector('input')!);
        const text = name.getBoundingClientRect();
        return { boxRight: box.right, boxMiddle: (box.top + box.bottom) / 2, text: [text.left, text.top, text.bottom] };
      }),
    );
    expect(days).toHaveLength(7);
    for (const { boxRight, boxMiddle, text } of days) {
      const [left, top, bottom] = text as [number, number, number];
      expect(left).toBeGreaterThanOrEqual(boxRight);
      expect(boxMiddle).toBeGreaterThan(top);
      expect(boxMiddle).toBeLessThan(bottom);
    }
    expect(await form.getByLabel('Effective from (ISO week)').getAttribute('placeholder')).toMatch(/^\d{4}-W\d{2}$/);
    await page.context().close();
  });
});
