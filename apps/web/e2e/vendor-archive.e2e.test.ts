/**
 * A lead archives a vendor on Settings, finds it under "Archived vendors", sees last week's scorecard keep
 * it, cannot delete it (it has data), deletes an empty vendor, and restores the archived one. The archived
 * vendor's user is told at sign-in why they cannot come in.
 */
import type { Page } from 'playwright-core';
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

const weeks = recentWeeks();
const vendorUser = { email: 'lead@acme.example', password: 'acme vendor password 42' };
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  const api = await ApiSession.signIn(stack.baseUrl, stack.admin);
  const { id: acmeId } = await api.request<{ id: number }>('POST', '/api/vendors', { name: 'Acme Support' });
  await api.request('POST', '/api/vendors', { name: 'Globex CX' });
  await api.request('POST', '/api/vendors', { name: 'Empty Vendr' });
  await createUser(stack.database.db, { ...vendorUser, name: 'Sam Acme', role: 'vendor', vendorId: acmeId });
  const rows = [
    ...repeat(5, () => emailCase('Acme Support', weeks.newer)),
    ...repeat(5, () => emailCase('Globex CX', weeks.newer)),
  ];
  await api.upload('last-week.csv', toGenericCsv(rows), { preset: 'generic' });
  await waitForWorkerIdle(stack.worker);
});

afterAll(async () => {
  await stack?.close();
});

/** Accepts the next confirmation and returns its text. */
function acceptNextDialog(page: Page): Promise<string> {
  return new Promise((resolve) => {
    page.once('dialog', (dialog) => {
      resolve(dialog.message());
      void dialog.accept();
    });
  });
}

describe('archiving a vendor on Settings', () => {
  it('archives, keeps the past week, refuses delete of a vendor with data, deletes an empty one, restores', async () => {
    const page = await signedInPage(stack);
    await page.goto(`${stack.baseUrl}/settings`);
    const acme = page.getByRole('form', { name: 'Vendor Acme Support' });
    await acme.waitFor();
    const archived = page.getByRole('table', { name: /Archived vendors/ });

    let confirmation = acceptNextDialog(page);
    await acme.getByRole('button', { name: 'Archive' }).click();
    expect(await confirmation).toContain('Past weeks keep its scorecards, ranks and statements');
    await archived.getByRole('rowheader', { name: 'Acme Support' }).waitFor();
    await acme.waitFor({ state: 'detached' });
    // Off the scorecards from the week it was archived in: this week, which is after the last complete one.
    const unlistedFrom = await archived.locator('tbody tr').first().locator('td').nth(1).innerText();
    expect(unlistedFrom > weeks.newerLabel).toBe(true);
    // Gone from the pickers.
    const vendorPicker = await page.locator('#target-vendor option').allInnerTexts();
    expect(vendorPicker).toContain('Globex CX');
    expect(vendorPicker).not.toContain('Acme Support');
    await screenshot(page, 'vendor-archive-settings');

    // A vendor with cases cannot be deleted: the answer says to archive instead.
    const acmeRow = archived.locator('tbody tr', { hasText: 'Acme Support' });
    confirmation = acceptNextDialog(page);
    await acmeRow.getByRole('button', { name: 'Delete' }).click();
    expect(await confirmation).toContain('Delete Acme Support?');
    await page.getByText(/archive it instead/).waitFor();

    // An empty vendor can be deleted.
    const empty = page.getByRole('form', { name: 'Vendor Empty Vendr' });
    confirmation = acceptNextDialog(page);
    await empty.getByRole('button', { name: 'Delete' }).click();
    await confirmation;
    await empty.waitFor({ state: 'detached' });

    // Last complete week's scorecard keeps the archived vendor.
    await page.goto(`${stack.baseUrl}/?week=${weeks.newerLabel}`);
    await page.locator('tr[data-vendor="Globex CX"]').waitFor();
    expect(await page.locator('tr[data-vendor="Acme Support"]').count()).toBe(1);

    // Its user is told why sign-in fails.
    const context = await stack.browser.newContext();
    const vendorPage = await context.newPage();
    await vendorPage.goto(stack.baseUrl);
    await vendorPage.getByLabel('Email').fill(vendorUser.email);
    await vendorPage.getByLabel('Password').fill(vendorUser.password);
    await vendorPage.getByRole('button', { name: 'Sign in' }).click();
    await vendorPage.getByText(/Acme Support is archived/).waitFor();
    await context.close();

    // Restored: back among the active vendors, and the archived list is empty.
    await page.goto(`${stack.baseUrl}/settings`);
    confirmation = acceptNextDialog(page);
    await archived.locator('tbody tr', { hasText: 'Acme Support' }).getByRole('button', { name: 'Restore' }).click();
    expect(await confirmation).toContain('Restore Acme Support?');
    await acme.waitFor();
    await page.getByText('No archived vendors').waitFor();
  });
});
