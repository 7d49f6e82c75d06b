/**
 * Collects what a user never should see in the console or the network panel: console errors and warnings,
 * uncaught exceptions, requests that fail or answer 4xx/5xx (a missing favicon included).
 */
import type { Page } from 'playwright-core';

export interface PageNoise {
  /** Everything collected since the last call, emptied by the call. */
  take(): string[];
}

export function watchNoise(page: Page): PageNoise {
  let noise: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      noise.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => noise.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A navigation away aborts the previous page's requests: that is the browser, not a defect.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    noise.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) noise.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return {
    take() {
      const taken = noise;
      noise = [];
      return taken;
    },
  };
}
