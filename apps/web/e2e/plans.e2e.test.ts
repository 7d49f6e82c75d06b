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
import { emailCase, recentWeeks, repeat, toGenericCsv } from './cases-csv.ts';
import { waitForCount, waitForInputValue, waitForText, waitForTextContaining } from './waits.ts';

// Acme's CSAT in the last complete week: 20 satisfied of 40 responses = 50 % against a target of 80 % → missed.
const weeks = recentWeeks();
const plusDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const vendorUser = { email: 'agent-lead@acme.example', password: 'acme vendor password 42' };
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  const api = await ApiSession.signIn(stack.baseUrl, stack.admin);
  const { id: acmeId } = await api.request<{ id: number }>('POST', '/api/vendors', { name: 'Acme Support' });
  await createUser(stack.database.db, { ...vendorUser, name: 'Sam Acme', role: 'vendor', vendorId: acmeId });
  const surveyed = (score: string) => () =>
    emailCase('Acme Support', weeks.newer, { csat_score: score, csat_scale: '5' });
  const csv = toGenericCsv([...repeat(20, surveyed('5')), ...repeat(20, surveyed('2'))]);
  const importId = await api.upload('acme-csat.csv', csv, { preset: 'generic' });
  await waitForWorkerIdle(stack.worker);
  expect(await api.request('GET', `/api/imports/${importId}`)).toMatchObject({ status: 'succeeded', rowsLoaded: 40 });
  await stack.database.db
    .insertInto('targets')
    .values({ metric: 'csat', value: 80, effective_from: weeks.older })
    .execute();
});

afterAll(async () => {
  await stack?.close();
});

describe('improvement plans', () => {
  it('opens a plan from a missed cell, records a meeting with two items, the vendor marks one done', async () => {
    const page = await signedInPage(stack);
    const cell = page.locator('tr[data-vendor="Acme Support"] td[data-metric="csat"]');
    await cell.getByText('Missed').waitFor();
    await cell.getByRole('link', { name: 'Open improvement plan' }).click();

    // Pre-filled from the scorecard cell.
    await waitForInputValue(page.getByLabel('Baseline value (%)'), '50');
    expect(await page.getByLabel('Target value (%)').inputValue()).toBe('80');
    expect(await page.getByLabel('Baseline week').inputValue()).toBe(weeks.newerLabel);
    await waitForText(page.getByLabel('Vendor').locator('option:checked'), 'Acme Support');
    await page.getByLabel('Owner').selectOption({ label: 'Pat Lead (admin)' });
    await page.getByRole('button', { name: 'Create plan' }).click();

    await page.getByRole('heading', { name: /CSAT: Acme Support/ }).waitFor();
    const planUrl = page.url();
    expect(planUrl).toMatch(/\/plans\/\d+$/);
    const chart = page.getByTestId('tracking-chart');
    // The target line and the week's point (one week of data: a dot, no line segment yet).
    // A horizontal line has no height, so Playwright calls it hidden: attached is what can be checked.
    await chart.locator('.recharts-reference-line-line').waitFor({ state: 'attached' });
    await chart.locator('.recharts-line-dot').first().waitFor();
    expect(await chart.getByRole('rowheader').allInnerTexts()).toEqual([weeks.newerLabel]);

    await page.getByRole('button', { name: 'Record a review meeting' }).click();
    await page.getByLabel('Attendees (comma-separated)').fill('Pat Lead, Sam Acme');
    await page.getByLabel('Notes').fill('Weekend shift drives the CSAT drop.');
    await page.locator('#item-0-description').fill('Retrain weekend shift');
    await page.locator('#item-0-owner').selectOption({ label: 'Sam Acme (vendor)' });
    await page.locator('#item-0-due').fill(plusDays(-1));
    await page.getByRole('button', { name: 'Add another action item' }).click();
    await page.locator('#item-1-description').fill('Add two agents on Saturdays');
    await page.locator('#item-1-owner').selectOption({ label: 'Sam Acme (vendor)' });
    await page.locator('#item-1-due').fill(plusDays(14));
    await page.getByRole('button', { name: 'Save meeting' }).click();

    const items = page.getByTestId('action-items');
    await items.locator('tbody tr').nth(1).waitFor();
    expect(await items.locator('tbody tr').count()).toBe(2);
    const late = items.locator('tr[data-item="Retrain weekend shift"]');
    expect(await late.getByTestId('overdue-flag').innerText()).toBe('Overdue');
    expect(
      await items.locator('tr[data-item="Add two agents on Saturdays"] [data-testid="overdue-flag"]').count(),
    ).toBe(0);
    await screenshot(page, 'plan-admin');

    // The vendor user marks the second item done; it cannot edit anything else.
    const vendorPage = await signedInPage(stack, vendorUser);
    await vendorPage.goto(planUrl);
    await vendorPage.getByTestId('tracking-chart').locator('.recharts-line-dot').first().waitFor();
    expect(await vendorPage.getByRole('button', { name: 'Record a review meeting' }).count()).toBe(0);
    expect(await vendorPage.getByRole('button', { name: 'Edit', exact: true }).count()).toBe(0);
    await vendorPage.getByLabel('Status of “Add two agents on Saturdays”').selectOption('done');
    await waitForTextContaining(vendorPage.getByTestId('items-progress'), '1/2 done');
    expect(
      await vendorPage.locator('tr[data-item="Retrain weekend shift"] [data-testid="overdue-flag"]').innerText(),
    ).toBe('Overdue');
    await waitForText(
      vendorPage.getByTestId('plan-history'),
      /Sam Acme changed an action item status “Add two agents on Saturdays” \(status: open → done\)/,
    );
    await screenshot(vendorPage, 'plan-vendor');

    // The overdue flag on the scorecard row and the plans overview.
    await page.goto(stack.baseUrl);
    const flag = page.locator('tr[data-vendor="Acme Support"] [data-testid="overdue-flag"]');
    await waitForText(flag, '1 overdue');
    await page.goto(`${stack.baseUrl}/plans`);
    const row = page.getByTestId('plans-table').locator('tbody tr').first();
    await waitForTextContaining(row, '1/2 done');
    expect(await row.getByTestId('overdue-flag').innerText()).toBe('1 overdue');
    await screenshot(page, 'plans-overview');

    // The lead moves the late item's due date: it is no longer overdue, and the change is in the history.
    await page.goto(planUrl);
    const lateRow = page.getByTestId('action-items').locator('tr[data-item="Retrain weekend shift"]');
    await lateRow.getByRole('button', { name: 'Edit', exact: true }).click();
    await lateRow.getByLabel('Due date').fill(plusDays(7));
    await lateRow.getByRole('button', { name: 'Save' }).click();
    await waitForCount(lateRow.getByTestId('overdue-flag'), 0);
    await waitForTextContaining(page.getByTestId('plan-history'), `dueDate: ${plusDays(-1)} → ${plusDays(7)}`);

    // An action item added on the plan page itself, outside a review meeting.
    await page.getByRole('button', { name: 'Add action item' }).click();
    const form = page.getByRole('form', { name: 'New action item' });
    await form.getByLabel('Description').fill('Call back every Saturday escalation');
    await form.getByLabel('Owner').selectOption({ label: 'Pat Lead (admin)' });
    await form.getByLabel('Due date').fill(plusDays(10));
    await form.getByRole('button', { name: 'Save action item' }).click();
    const added = page.getByTestId('action-items').locator('tr[data-item="Call back every Saturday escalation"]');
    await added.waitFor();
    expect(await added.locator('td').nth(1).innerText()).toBe('Pat Lead');
    expect(await added.locator('td').nth(2).innerText()).toContain(plusDays(10));
    await waitForTextContaining(page.getByTestId('items-progress'), '1/3 done');
    await waitForCount(form, 0);
    await vendorPage.context().close();
    await page.context().close();
  });
});
