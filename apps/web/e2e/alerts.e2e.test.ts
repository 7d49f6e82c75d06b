/**
 * Alerts in the browser: a lead sets a rule on the Alerts page, imports a mid-week file on the
 * Imports page, sees the alert with its figures once the condition has held on two evaluations (the import's,
 * then the hourly one), and opens the cases behind it. Expected figures are worked out here from the file.
 */
import { enqueue } from '../../../packages/jobs/src/registry.ts';
import { weekLabel, weekOf } from '../../../packages/domain/src/weeks.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiSession,
  screenshot,
  signedInPage,
  startStack,
  waitForWorkerIdle,
  type Stack,
} from '../../../test/browser.ts';
import { emailCase, toGenericCsv, type CaseRow } from './cases-csv.ts';
import { textContrast } from './contrast.ts';
import { waitForCount, waitForText } from './waits.ts';

let stack: Stack;
const SATISFIED = 18;
const TOTAL = 30;

beforeAll(async () => {
  stack = await startStack();
  await stack.database.db.updateTable('organisation_settings').set({ reporting_time_zone: 'UTC' }).execute();
  const api = await ApiSession.signIn(stack.baseUrl, stack.admin);
  await api.request('POST', '/api/vendors', { name: 'Acme Support' });
  await api.request('POST', '/api/targets', { metric: 'csat', value: 80, effectiveFrom: '2020-W02' });
});
afterAll(async () => {
  await stack?.close();
});

/** TOTAL email cases with a CSAT answer, created between Monday 00:00 UTC and now; SATISFIED of them 5 of 5. */
function midWeekFile(): string {
  const now = Date.now();
  const week = weekOf(new Date(now), 'UTC');
  const start = Date.parse(`${week}T00:00:00Z`);
  const rows: CaseRow[] = [];
  for (let i = 0; i < TOTAL; i += 1) {
    const at = new Date(start + ((now - 60_000 - start) * (i + 1)) / (TOTAL + 1)).toISOString();
    rows.push(
      emailCase('Acme Support', week, {
        created_at: at,
        first_response_at: at,
        solved_at: at,
        updated_at: at,
        csat_score: i < SATISFIED ? '5' : '1',
        csat_scale: '5',
        csat_at: at,
      }),
    );
  }
  return toGenericCsv(rows);
}

describe('alerts page', () => {
  it('a lead sets a rule, imports a mid-week file, sees the alert with its figures and opens its cases', async () => {
    const page = await signedInPage(stack);
    await page.getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
    await page.getByLabel('Name').fill('Acme CSAT this week');
    await page.getByLabel('Vendor').selectOption({ label: 'Acme Support' });
    await page.getByLabel('Metric').selectOption({ label: 'CSAT' });
    await page.getByLabel('Minimum sample').fill('20');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByTestId('rules-table').getByText('Acme CSAT this week').waitFor();
    // The rule says where it sends; its enabled buttons read as enabled (AA contrast on the white card).
    expect(await page.getByTestId('rule-sends-to').innerText()).toBe(
      '— no address or webhook: only its subscribers hear',
    );
    for (const name of ['Subscribe me', 'Delete'])
      expect(await textContrast(page.getByRole('button', { name, exact: true }))).toBeGreaterThanOrEqual(4.5);
    // The rule's buttons sit in one row, Delete right of Subscribe me (a user saw them stacked).
    const subscribeBox = await page.getByRole('button', { name: 'Subscribe me', exact: true }).boundingBox();
    const deleteBox = await page.getByRole('button', { name: 'Delete', exact: true }).boundingBox();
    expect(deleteBox?.y).toBe(subscribeBox?.y);
    expect(deleteBox!.x).toBeGreaterThanOrEqual(subscribeBox!.x + subscribeBox!.width);
    await page.getByRole('button', { name: 'Subscribe me', exact: true }).click();
    await waitForText(page.getByTestId('rule-sends-to'), 'you (subscribed)');
    await page.getByRole('button', { name: 'Unsubscribe', exact: true }).click();
    await page.getByRole('button', { name: 'Subscribe me', exact: true }).waitFor();

    await page.getByRole('link', { name: 'Imports' }).click();
    await page
      .getByLabel('File')
      .setInputFiles({ name: 'mid-week.csv', mimeType: 'text/csv', buffer: Buffer.from(midWeekFile()) });
    await page.getByRole('button', { name: 'Import' }).click();
    await expect
      .poll(() => page.getByTestId('import-progress').getAttribute('data-status'), { timeout: 60_000 })
      .toBe('succeeded');
    // The import's recompute evaluated once (pending); the hourly scheduler's job is the second evaluation.
    await waitForWorkerIdle(stack.worker);
    await enqueue(stack.worker.queues, 'evaluate-alerts', { reason: 'hourly (test)' });
    await waitForWorkerIdle(stack.worker);

    await page.getByRole('link', { name: 'Alerts' }).click();
    const firing = page.getByTestId('firings-table').locator('tbody tr', { hasText: 'Acme Support' });
    await firing.waitFor({ timeout: 30_000 });
    const value = ((SATISFIED / TOTAL) * 100).toFixed(1);
    expect(await firing.getByTestId('firing-figures').innerText()).toContain(`${value} % so far (n = ${TOTAL}`);
    expect(await firing.innerText()).toContain('missed');
    await screenshot(page, 'alerts');

    await firing.getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('heading', { name: /Cases behind CSAT/ }).waitFor();
    expect(page.url()).toContain(`week=${weekLabel(weekOf(new Date(), 'UTC'))}`);
    await waitForCount(page.getByTestId('cases-table').locator('tbody tr'), TOTAL);

    // The same week on request from the scorecard: partial, with the value so far and its projection.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scorecard' }).click();
    expect(await textContrast(page.getByRole('link', { name: 'Week to date' }))).toBeGreaterThanOrEqual(4.5);
    await page.getByRole('link', { name: 'Week to date' }).click();
    expect(await page.getByTestId('wtd-marking').innerText()).toMatch(/Partial week: \d of 7 days/);
    expect(await textContrast(page.getByRole('link', { name: 'Last complete week' }))).toBeGreaterThanOrEqual(4.5);
    const csat = page.getByTestId('wtd-table').locator('tr[data-metric="csat"]');
    expect(await csat.innerText()).toContain(`${value} % (n = ${TOTAL})`);
    await screenshot(page, 'week-to-date');
    await page.context().close();
  });
});
