/**
 * Waits on the page's state the way Playwright waits for an element: until the condition holds, within the page's
 * default timeout (the one every click and `waitFor()` of these tests already has). They replace `expect.poll`,
 * whose default gives up after one second: a fixed short timeout that a loaded machine misses.
 */
import type { Locator } from 'playwright-core';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Until `locator` matches exactly `count` elements. */
export async function waitForCount(locator: Locator, count: number): Promise<void> {
  if (count > 0) await locator.nth(count - 1).waitFor({ state: 'attached' });
  await locator.nth(count).waitFor({ state: 'detached' });
}

/**
 * Until the element's text (its text content, whitespace collapsed as Playwright reads it) is `text`, or matches
 * `text` when that is a RegExp.
 */
export async function waitForText(locator: Locator, text: string | RegExp): Promise<void> {
  const pattern = typeof text === 'string' ? new RegExp(`^${escapeRegExp(text)}$`) : text;
  await locator.filter({ hasText: pattern }).waitFor({ state: 'attached' });
}

/** Until the element's text (as `waitForText` reads it) contains `part`, case and all. */
export async function waitForTextContaining(locator: Locator, part: string): Promise<void> {
  await waitForText(locator, new RegExp(escapeRegExp(part)));
}

/** Until the element's attribute `name` is `value`. */
export async function waitForAttribute(locator: Locator, name: string, value: string): Promise<void> {
  await locator.and(locator.page().locator(`[${name}=${JSON.stringify(value)}]`)).waitFor({ state: 'attached' });
}

/** Until the input's current value (what `inputValue()` reads, not its attribute) is `value`. */
export async function waitForInputValue(locator: Locator, value: string): Promise<void> {
  const input = await locator.elementHandle();
  await locator.page().waitForFunction(({ element, expected }) => (element as HTMLInputElement).value === expected, {
    element: input,
    expected: value,
  });
}
