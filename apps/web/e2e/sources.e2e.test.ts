/**
 * Scheduled imports in the browser: ops add an SFTP source on the Sources page, run it now, see the
 * import it created with its counts, and the scorecard changes by exactly the cases of the pulled file.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiSession,
  screenshot,
  signedInPage,
  startStack,
  waitForWorkerIdle,
  type Stack,
} from '../../../test/browser.ts';
import { sshdMissing, startSftpServer, type SftpServer } from '../../../test/sshd.ts';
import { emailCase, recentWeeks, repeat, toGenericCsv } from './cases-csv.ts';
import { waitForText } from './waits.ts';

const weeks = recentWeeks();
const UPLOADED = 2;
const PULLED = 3;

describe.skipIf(sshdMissing !== null)('sources page (needs /usr/sbin/sshd)', () => {
  let stack: Stack;
  let sftp: SftpServer;

  beforeAll(async () => {
    sftp = await startSftpServer();
    stack = await startStack({ SOURCE_SECRET_KEY: randomBytes(32).toString('base64') });
    const api = await ApiSession.signIn(stack.baseUrl, stack.admin);
    await api.request('POST', '/api/vendors', { name: 'Acme Support' });
    await api.upload('uploaded.csv', toGenericCsv(repeat(UPLOADED, () => emailCase('Acme Support', weeks.newer))), {
      preset: 'generic',
    });
    await waitForWorkerIdle(stack.worker);
    writeFileSync(
      path.join(sftp.root, 'nightly.csv'),
      toGenericCsv(repeat(PULLED, () => emailCase('Acme Support', weeks.newer))),
    );
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await sftp?.stop();
  });

  it('adds an SFTP source, runs it now, shows the import with its counts, and the scorecard changes', async () => {
    const page = await signedInPage(stack);
    const volume = async () =>
      (await page.locator('tr[data-vendor="Acme Support"] td[data-metric="volume"] .value').innerText()).replace(
        /\s*ⓘ$/,
        '',
      );
    await page.getByTestId('scorecard-table').waitFor();
    await waitForText(page.locator('tr[data-vendor="Acme Support"] td[data-metric="volume"] .value'), String(UPLOADED));

    await page.getByRole('link', { name: 'Sources' }).click();
    await page.getByRole('heading', { name: 'Sources', level: 1 }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('BPO nightly drop');
    await page.getByLabel('Host', { exact: true }).fill('127.0.0.1');
    await page.getByLabel('Port', { exact: true }).fill(String(sftp.port));
    await page.getByLabel('User', { exact: true }).fill(sftp.username);
    await page.getByLabel('Folder', { exact: true }).fill(sftp.root);
    await page.getByLabel('Host key (SHA256:…)', { exact: true }).fill(sftp.hostKeySha256);
    await page.getByLabel('Private key', { exact: true }).fill(sftp.privateKey);
    await page.getByLabel('Format', { exact: true }).selectOption('generic');
    await page.getByRole('button', { name: 'Add source' }).click();

    const detail = page.getByTestId('source-detail');
    await detail.getByRole('heading', { name: 'BPO nightly drop' }).waitFor();
    await page.getByTestId('sources-table').getByText('ok').waitFor();
    // The private key is never shown again: the form is cleared and the page holds no copy of it.
    expect(await page.getByLabel('Private key', { exact: true }).inputValue()).toBe('');
    expect(await page.content()).not.toContain(sftp.privateKey.split('\n')[1]!);

    await detail.getByRole('button', { name: 'Run now' }).click();
    const row = detail.getByTestId('source-imports').locator('tbody tr', { hasText: 'nightly.csv' });
    await expect.poll(() => row.locator('.badge').innerText(), { timeout: 60_000 }).toBe('succeeded');
    // Read, loaded, replaced, skipped, rejected: the same accounting as the import history.
    expect(await row.locator('td.num').allInnerTexts()).toEqual([String(PULLED), String(PULLED), '0', '0', '0']);
    const run = detail.getByTestId('source-runs').locator('tbody tr').first();
    await waitForText(run.locator('.badge'), 'succeeded');
    expect(await run.locator('td.num').allInnerTexts()).toEqual(['1', '1']);
    await expect
      .poll(() => page.getByTestId('sources-table').locator('tbody td').nth(3).innerText(), { timeout: 20_000 })
      .not.toBe('—');
    await screenshot(page, 'sources');

    // The source's scheduler keeps a delayed job, so the worker is never idle: wait for the figure itself.
    await page.goto(stack.baseUrl);
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId('scorecard-table').waitFor();
          return volume();
        },
        { timeout: 30_000 },
      )
      .toBe(String(UPLOADED + PULLED));
    await page.context().close();
  });
});
