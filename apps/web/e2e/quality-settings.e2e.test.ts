/**
 * The quality organisation settings on the Settings page: an admin changes the dispute window and whether
 * vendor users see internal reviewers' names; the API answers with what was saved, and a reload shows it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, screenshot, signedInPage, startStack, type Stack } from '../../../test/browser.ts';
import { watchNoise } from './page-noise.ts';
import { waitForInputValue, waitForText } from './waits.ts';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack?.close();
});

describe('quality settings', () => {
  it('edits the dispute window and reviewer visibility', async () => {
    const api = await ApiSession.signIn(stack.baseUrl, stack.admin);
    const before = await api.request<{ disputeWindowDays: number; reviewersShownToVendors: boolean }>(
      'GET',
      '/api/settings/quality',
    );
    const page = await signedInPage(stack);
    const noise = watchNoise(page);
    await page.goto(`${stack.baseUrl}/settings`);
    const form = page.getByRole('form', { name: 'Quality reviews' });
    const windowDays = form.getByLabel('Dispute window (days after the review)');
    const shown = form.getByLabel('Show internal reviewers’ names to vendor users');
    await waitForInputValue(windowDays, String(before.disputeWindowDays));
    expect(await shown.isChecked()).toBe(before.reviewersShownToVendors);

    const next = {
      disputeWindowDays: before.disputeWindowDays + 3,
      reviewersShownToVendors: !before.reviewersShownToVendors,
    };
    await windowDays.fill(String(next.disputeWindowDays));
    await shown.setChecked(next.reviewersShownToVendors);
    await form.getByRole('button', { name: 'Save quality settings' }).click();
    await waitForText(form.getByRole('status'), 'Saved.');
    expect(await api.request('GET', '/api/settings/quality')).toEqual(next);

    await page.reload();
    await waitForInputValue(windowDays, String(next.disputeWindowDays));
    expect(await shown.isChecked()).toBe(next.reviewersShownToVendors);
    await screenshot(page, 'quality-settings');
    expect(noise.take()).toEqual([]);
  });
});
