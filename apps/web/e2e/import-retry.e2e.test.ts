/**
 * A failed import is run again from the Imports page. The worker is paused while the import is failed
 * the way a worker leaves one whose every attempt failed (the database was away), so the Retry button has a
 * genuinely stuck import to recover; after Retry the import runs and loads every row.
 */
import { markFailed } from '../../../packages/db/src/imports/imports.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, signedInPage, startStack, type Stack } from '../../../test/browser.ts';
import { emailCase, recentWeeks, repeat, toGenericCsv } from './cases-csv.ts';
import { waitForAttribute } from './waits.ts';

const ROWS = 40;
let stack: Stack;
let api: ApiSession;

beforeAll(async () => {
  stack = await startStack();
  api = await ApiSession.signIn(stack.baseUrl, stack.admin);
  await api.request('POST', '/api/vendors', { name: 'Acme Support' });
});
afterAll(async () => {
  await stack?.close();
});

describe('import retry', () => {
  it('runs a failed import again with the Retry button', async () => {
    const importsWorker = stack.worker.workers.find((w) => w.name === 'imports')!;
    await importsWorker.pause();
    const csv = toGenericCsv(repeat(ROWS, () => emailCase('Acme Support', recentWeeks().newer)));
    const page = await signedInPage(stack);
    await page.getByRole('link', { name: 'Imports' }).click();
    await page.getByLabel('File').setInputFiles({ name: 'retry.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import' }).click();
    const progress = page.getByTestId('import-progress');
    await waitForAttribute(progress, 'data-status', 'queued');
    const id = Number(/#(\d+)/.exec(await progress.innerText())![1]);
    await markFailed(stack.worker.db, id, 'The import failed after 5 attempt(s): connection refused');
    void importsWorker.resume();

    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 30_000 }).toBe('failed');
    await page.getByText('connection refused').waitFor();
    await progress.getByRole('button', { name: `Retry import #${id}` }).click();
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 60_000 }).toBe('succeeded');
    expect(await page.getByTestId('rows-loaded').innerText()).toBe(String(ROWS));
    await page.context().close();
  });
});
