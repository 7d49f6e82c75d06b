/**
 * In the browser: a lead describes a bank ACD call log in the mapping editor (an id built from two
 * columns, one vendor for the whole file, date + service start + service seconds across midnight, ghost calls
 * skipped, handle time only for served calls), sees the file's accounting before importing, imports, and the
 * weekly figures equal those computed from the file with plain loops (test/call-log-expected.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weekLabel } from '@scorecard/domain/weeks';
import { generateCallLog } from '../../../scripts/demo/call-log.ts';
import {
  ApiSession,
  screenshot,
  signedInPage,
  startStack,
  waitForWorkerIdle,
  type Stack,
} from '../../../test/browser.ts';
import { callLogFacts } from '../../../test/call-log-expected.ts';

const VENDOR = 'First Bank BPO';
const text = generateCallLog({ seed: 22, firstDay: '2026-11-20', days: 6, callsPerDay: 60, repeatedRows: 4 });
const facts = callLogFacts(text, 2);
const file = path.join(mkdtempSync(path.join(tmpdir(), 'call-log-')), 'bank-calls.txt');
writeFileSync(file, text);

let stack: Stack;
let api: ApiSession;

beforeAll(async () => {
  stack = await startStack();
  api = await ApiSession.signIn(stack.baseUrl, stack.admin);
  await api.request('POST', '/api/vendors', { name: VENDOR });
  await api.request('PUT', '/api/settings/metrics', { minSample: 1 });
});

afterAll(async () => {
  await stack?.close();
});

describe('mapping editor with the mapping language', () => {
  it('builds the call-log mapping, sees every row accounted for, imports, and the figures match the file', async () => {
    const page = await signedInPage(stack);
    await page.goto(`${stack.baseUrl}/imports/mapping`);
    await page.getByRole('heading', { name: 'New import mapping', level: 1 }).waitFor();
    await page.getByLabel('Export file').setInputFiles(file);
    await page.getByTestId('mapping-fields').waitFor();
    await page.getByLabel('Source time zone').fill('Etc/GMT-2');

    await page.getByLabel('Source system').selectOption('telephony');
    await page.getByLabel('Date format', { exact: true }).selectOption('ymd');
    await page.getByLabel('Vendor', { exact: true }).selectOption({ label: 'The whole file is one vendor…' });
    await page.getByLabel('Vendor of the whole file').fill(VENDOR);
    await page.getByLabel('Skip rows where column').selectOption('outcome');
    await page.getByLabel('Skip rows where values').fill('PHANTOM');

    await page.getByLabel('Case id', { exact: true }).selectOption('template');
    await page.getByLabel('Case id template').fill('{vru+line}-{call_id}');
    await page.getByLabel('Created at', { exact: true }).selectOption('date-time');
    await page.getByLabel('Created at date column').selectOption('date');
    await page.getByLabel('Created at time column').selectOption('vru_entry');
    await page.getByLabel('Channel', { exact: true }).selectOption('constant');
    await page.getByLabel('Channel constant').fill('voice');
    // From "not mapped" to a column: the unit shown as selected is the unit the document gets.
    await page.getByLabel('Wait (speed of answer)', { exact: true }).selectOption('none');
    await page.getByLabel('Wait (speed of answer)', { exact: true }).selectOption('column');
    await page.getByLabel('Wait (speed of answer) column').selectOption('q_time');
    expect(await page.getByLabel('Wait (speed of answer) unit').inputValue()).toBe('s');
    await page.getByLabel('Solved at', { exact: true }).selectOption('date-time');
    await page.getByLabel('Solved at date column').selectOption('date');
    await page.getByLabel('Solved at time column').selectOption('ser_start');
    await page.getByLabel('Solved at plus duration column').selectOption('ser_time');
    await page.getByLabel('Solved at rolls over after created at').check();
    await page.getByLabel('Solved at only where column').selectOption('outcome');
    await page.getByLabel('Solved at only where values').fill('AGENT');
    await page.getByLabel('Handle time', { exact: true }).selectOption('column');
    await page.getByLabel('Handle time column').selectOption('ser_time');
    await page.getByLabel('Handle time unit').selectOption('s');
    await page.getByLabel('Handle time only where column').selectOption('outcome');
    await page.getByLabel('Handle time only where values').fill('AGENT');
    await page.getByLabel('Answered', { exact: true }).selectOption('column');
    await page.getByLabel('Answered column').selectOption('outcome');
    await page.getByLabel('Answered value map').fill('AGENT=true, HANG=false');
    // Whatever the suggestion filled in beyond what this log means is cleared.
    for (const label of ['First response at', 'Abandoned', 'CSAT score', 'CSAT scale (2 or 5)', 'CSAT at', 'Status'])
      await page.getByLabel(label, { exact: true }).selectOption('none');
    expect(await page.getByTestId('unmapped-required').count()).toBe(0);

    // Before anything is imported: the whole file's account, the repeated ids, the columns nothing reads.
    const accounting = page.getByTestId('dry-run-accounting');
    const expected =
      `${facts.rowsRead} rows = ${facts.distinctCalls} cases + ${facts.rowsReplaced} replaced + ` +
      `${facts.rowsSkipped} skipped + 0 rejected`;
    await expect.poll(() => accounting.innerText(), { timeout: 30_000 }).toBe(expected);
    expect(await page.getByTestId('duplicate-ids').innerText()).toMatch(/would be replaced by a later row/);
    expect(await page.getByTestId('preview-rows-rejected').innerText()).toBe('0');
    // Times are shown as the file's wall time, not UTC.
    const firstCase = await page.getByTestId('preview-cases').locator('tbody tr').first().innerText();
    const [firstRow] = text.split('\r\n').slice(1);
    const cells = firstRow!.split('\t');
    const hhmmss = cells[6]!.padStart(8, '0');
    expect(firstCase).toContain(
      `20${cells[5]!.slice(0, 2)}-${cells[5]!.slice(2, 4)}-${cells[5]!.slice(4, 6)} ${hhmmss}`,
    );
    await screenshot(page, 'mapping-editor-call-log');

    await page.getByLabel('Preset name').fill('Bank ACD');
    await page.getByRole('button', { name: 'Save preset' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved preset' }).waitFor();
    await page.getByRole('button', { name: /^Import bank-calls\.txt with this preset$/ }).click();
    const status = page.getByTestId('editor-import-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 60_000 }).toBe('succeeded');
    expect(await page.getByTestId('editor-import-accounting').innerText()).toContain(
      `${facts.rowsRead} rows read = ${facts.distinctCalls} cases loaded + ${facts.rowsReplaced} replaced + ` +
        `${facts.rowsSkipped} skipped + 0 rejected`,
    );
    await waitForWorkerIdle(stack.worker);

    const { preset } = await api
      .request<{ items: { presetKey: string }[] }>('GET', '/api/imports?limit=1')
      .then((body) => ({ preset: body.items[0]?.presetKey }));
    expect(preset).toBe('bank-acd');
    for (const [monday, w] of facts.weeks) {
      const body = await api.request<{ vendors: { vendorName: string; metrics: Record<string, { value: number }> }[] }>(
        'GET',
        `/api/scorecards?week=${weekLabel(monday)}`,
      );
      const metrics = body.vendors.find((v) => v.vendorName === VENDOR)!.metrics;
      const offered = w.answered + w.abandoned;
      if (offered > 0) {
        expect(metrics.service_level!.value, monday).toBeCloseTo((100 * w.within) / offered, 4);
        expect(metrics.abandon_rate!.value, monday).toBeCloseTo((100 * w.abandoned) / offered, 4);
      }
      if (w.solved > 0) expect(metrics.aht!.value, monday).toBeCloseTo(w.handleSeconds / w.solved, 4);
    }
    await page.context().close();
  });

  it('maps several unmapped queue values to one vendor at once', async () => {
    const rows = Array.from({ length: 9 }, (_, i) => `Q-${i},Bank queue ${i % 3},2026-11-24T10:00:00Z,email`);
    await api.upload('queues.csv', ['external_id,vendor,created_at,channel', ...rows].join('\n') + '\n', {
      preset: 'generic',
    });
    await waitForWorkerIdle(stack.worker);
    const page = await signedInPage(stack);
    await page.goto(`${stack.baseUrl}/imports`);
    await page.getByTestId('unmapped-table').waitFor();
    for (const i of [0, 1, 2]) await page.getByLabel(`Select Bank queue ${i}`).check();
    await page.getByLabel(/^Map the 3 selected value/).selectOption({ label: VENDOR });
    await page.getByRole('button', { name: 'Map selected' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Mapped 3 value(s) to ${VENDOR}: 9 case(s) moved` })
      .waitFor();
    await page.getByText('Every case has a vendor').waitFor();
    await page.context().close();
  });
});
