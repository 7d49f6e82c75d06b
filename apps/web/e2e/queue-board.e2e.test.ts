import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, signedInPage, startStack, type Stack } from '../../../test/browser.ts';

// The queue board (bull-board) cannot send our CSRF header; in a real browser its same-origin requests carry
// Sec-Fetch-Site, which the board's routes accept instead (docs/security.md "Queue board").
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack?.close();
});

describe('queue board in the browser', () => {
  it("pauses a queue from the board's own menu in an admin's cookie session", async () => {
    const page = await signedInPage(stack);
    await page.goto(`${stack.baseUrl}/api/admin/queues`);
    await page.getByText('Loading...').waitFor({ state: 'detached' });
    await screenshot(page, 'queue-board');

    await page.goto(`${stack.baseUrl}/api/admin/queues/queue/metrics`);
    await page.getByText('No latest jobs in this queue.').waitFor();
    // The queue's action menu is the last button of the page (the ⋮ beside the status tabs).
    await page.getByRole('button').last().click();
    await page.getByRole('menuitem', { name: 'Pause' }).click();
    const paused = page.waitForResponse((r) => r.url().endsWith('/api/queues/metrics/pause'));
    await page.getByRole('button', { name: 'Confirm' }).click();
    expect((await paused).status()).toBe(200);
    expect(await stack.app.queues.metrics.isPaused()).toBe(true);
    await stack.app.queues.metrics.resume();

    // The product's own routes still need the token: the same page's fetch without it is refused.
    const refused = await page.evaluate(async () => (await fetch('/api/recompute', { method: 'POST' })).status);
    expect(refused).toBe(403);
  });
});
