/**
 * Quality reviews end to end in the browser: ops build and publish a form and draw a sample; the reviewer
 * audits sampled cases on the form beside the case's facts; the vendor's user disputes a review per
 * criterion; ops decide; the week's quality figures, the scorecard's quality cell (and the reviews behind it)
 * and the knowledge-gap page follow. Every expected
 * number is computed here from the answers entered, by the rule as the form states it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weekLabel, weekOf } from '../../../packages/domain/src/weeks.ts';
import { createUser } from '../../api/src/auth/users.service.ts';
import {
  ApiSession,
  screenshot,
  signedInPage,
  startStack,
  waitForWorkerIdle,
  type Credentials,
  type Stack,
} from '../../../test/browser.ts';
import { emailCase, recentWeeks, repeat, toGenericCsv } from './cases-csv.ts';
import { watchNoise } from './page-noise.ts';
import { waitForAttribute, waitForCount, waitForInputValue, waitForText, waitForTextContaining } from './waits.ts';

const VENDOR = 'Acme Support';
const CASES = 6;
const ESCALATED = 'ACME-ESC-1';
const weeks = recentWeeks();
// Reviews count in the week they are made: this week (UTC, the default reporting zone).
const reviewWeek = weekLabel(weekOf(new Date(), 'UTC'));
const reviewer: Credentials = { email: 'quinn@example.test', password: 'quinn reviews the cases 7' };
const vendorUser: Credentials = { email: 'qa.lead@acme.example', password: 'acme qa lead password 9' };
let stack: Stack;

/** The form the test builds: [section, weight, [criterion key, title, scale top (1 = pass/fail), critical, N/A]]. */
const SECTIONS = [
  {
    title: 'Resolution',
    weight: 3,
    criteria: [
      { key: 'accuracy', title: 'Accuracy', top: 5, critical: false, na: false },
      { key: 'policy_followed', title: 'Policy followed', top: 1, critical: true, na: false },
    ],
  },
  {
    title: 'Soft skills',
    weight: 1,
    criteria: [{ key: 'greeting', title: 'Greeting', top: 1, critical: false, na: true }],
  },
];
type Answer = { value: number | null; rootCause?: string };

/** The form's rule (N/A left out, a failed critical criterion → 0), restated as a plain loop. */
function expectedScore(answers: Record<string, Answer>): { score: number; fatal: boolean } {
  let weighted = 0;
  let weights = 0;
  let fatal = false;
  for (const section of SECTIONS) {
    let credit = 0;
    let counted = 0;
    for (const c of section.criteria) {
      const { value } = answers[c.key]!;
      if (value === null) continue;
      const low = c.top === 1 ? 0 : 1;
      credit += (value - low) / (c.top - low);
      counted += 1;
      if (c.critical && value === low) fatal = true;
    }
    if (counted === 0) continue;
    weighted += section.weight * (credit / counted);
    weights += section.weight;
  }
  return { score: fatal ? 0 : (100 * weighted) / weights, fatal };
}

beforeAll(async () => {
  stack = await startStack();
  const api = await ApiSession.signIn(stack.baseUrl, stack.admin);
  const vendor = await api.request<{ id: number }>('POST', '/api/vendors', { name: VENDOR });
  // One of them escalated to the in-house team.
  const csv = toGenericCsv([
    emailCase(VENDOR, weeks.newer, { external_id: ESCALATED, escalated: 'true' }),
    ...repeat(CASES - 1, () => emailCase(VENDOR, weeks.newer)),
  ]);
  const importId = await api.upload('acme.csv', csv, { preset: 'generic' });
  await waitForWorkerIdle(stack.worker);
  expect(await api.request('GET', `/api/imports/${importId}`)).toMatchObject({ rowsLoaded: CASES });
  await createUser(stack.database.db, { ...reviewer, name: 'Quinn Reviewer', role: 'ops' });
  await createUser(stack.database.db, { ...vendorUser, name: 'Acme QA Lead', role: 'vendor', vendorId: vendor.id });
});

afterAll(async () => {
  await stack?.close();
});

async function buildAndPublishForm(page: Page): Promise<void> {
  await page.goto(`${stack.baseUrl}/quality/forms`);
  await page.getByRole('link', { name: 'New form' }).click();
  await page.getByLabel('Form key').fill('support-audit');
  await page.locator('#form-name').fill('Support audit');
  for (const [si, section] of SECTIONS.entries()) {
    if (si > 0) await page.getByRole('button', { name: 'Add section' }).click();
    await page.locator(`#section-${si}-title`).fill(section.title);
    await page.locator(`#section-${si}-weight`).fill(String(section.weight));
    for (const [ci, c] of section.criteria.entries()) {
      const id = `criterion-${si}-${ci}`;
      if (ci > 0) {
        await page.locator(`fieldset[data-section="${si}"]`).getByRole('button', { name: 'Add criterion' }).click();
      }
      await page.locator(`#${id}-title`).fill(c.title);
      await waitForInputValue(page.locator(`#${id}-key`), c.key);
      await page.locator(`#${id}-scale`).selectOption(c.top === 1 ? 'pass_fail' : `points_${c.top}`);
      const editor = page.locator(`[data-criterion-editor="${id}"]`);
      if (c.critical) await editor.getByLabel('Critical').check();
      if (c.na) await editor.getByLabel('N/A allowed').check();
    }
  }
  await page.getByRole('button', { name: 'Create draft' }).click();
  await page.getByRole('button', { name: 'Publish version 1' }).click();
  const rule = page.getByTestId('form-rule');
  await rule.waitFor();
  expect(await rule.textContent()).toContain('N/A left out');
  expect(await rule.textContent()).toContain('sets the score to 0');
}

/** Answers the open review form, checks the previewed score, saves, and returns the new review's id. */
async function review(page: Page, answers: Record<string, Answer>): Promise<number> {
  for (const [key, answer] of Object.entries(answers)) {
    await page.locator(`#answer-${key}`).selectOption(answer.value === null ? 'na' : String(answer.value));
    if (answer.rootCause) {
      await page
        .locator(`[data-criterion="${key}"]`)
        .getByRole('combobox', { name: /Root cause/ })
        .selectOption(answer.rootCause);
    }
  }
  const expected = expectedScore(answers);
  await waitForText(page.getByTestId('score-value'), expected.score.toFixed(1));
  expect(await page.getByTestId('fatal').count()).toBe(expected.fatal ? 1 : 0);
  await screenshot(page, `quality-case-review-${expected.fatal ? 'fatal' : 'scored'}`);
  await page.getByLabel('Feedback to the agent and the vendor').fill('Check the macro before sending.');
  await page.getByRole('button', { name: 'Save review' }).click();
  await page.waitForURL(/\/quality\/reviews\/\d+$/);
  await waitForText(page.getByTestId('score-value'), expected.score.toFixed(1));
  expect(await page.getByTestId('score-rule').textContent()).toContain('N/A left out');
  return Number(/(\d+)$/.exec(page.url())![1]);
}

describe('quality reviews', () => {
  it('audits sampled cases, takes a dispute to a decision, and shows the figures and gaps that follow', async () => {
    // Ops: the form and the sample.
    const ops = await signedInPage(stack);
    const opsNoise = watchNoise(ops);
    await buildAndPublishForm(ops);
    await ops.goto(`${stack.baseUrl}/quality/sampling`);
    await ops.locator('#plan-vendor').selectOption({ label: VENDOR });
    await ops.locator('#plan-period').fill(weeks.newerLabel);
    await ops.locator('#plan-form').selectOption({ label: 'Support audit (v1)' });
    await ops.getByLabel('Quinn Reviewer').check();
    await ops.getByRole('button', { name: 'Draw the sample' }).click();
    // ±5 points at 95 %: n₀ = (1.96 × 50 ÷ 5)², then the finite-population correction, never more than N.
    const n0 = ((1.959963984540054 * 50) / 5) ** 2;
    const size = Math.min(CASES, Math.ceil((n0 * CASES) / (n0 + CASES - 1)));
    await waitForText(
      ops.getByTestId('plan-counts'),
      `population ${CASES} · sample size ${size} · done 0 · due ${size}`,
    );

    // The reviewer works through the assigned cases.
    const quinn = await signedInPage(stack, reviewer);
    const quinnNoise = watchNoise(quinn);
    await quinn.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quality' }).click();
    await quinn.getByRole('navigation', { name: 'Quality' }).getByRole('link', { name: 'My assigned cases' }).click();
    await waitForText(quinn.getByTestId('assignment-counts'), `${size} due · 0 done · ${size} assigned`);
    const first: Record<string, Answer> = {
      accuracy: { value: 2, rootCause: 'sop_unclear_or_missing' },
      policy_followed: { value: 1 },
      greeting: { value: 0 },
    };
    const second: Record<string, Answer> = {
      accuracy: { value: 1, rootCause: 'agent_error' },
      policy_followed: { value: 0, rootCause: 'sop_unclear_or_missing' },
      greeting: { value: null },
    };
    const reviewIds: number[] = [];
    for (const answers of [first, second]) {
      await quinn.goto(`${stack.baseUrl}/quality/assignments`);
      const row = quinn.getByTestId('assignments-table').locator('tbody tr').first();
      const externalId = await row.getAttribute('data-case');
      await row.getByRole('link', { name: 'Review' }).click();
      await waitForTextContaining(quinn.getByTestId('case-facts'), VENDOR);
      expect(await quinn.locator('#case-facts-title').textContent()).toContain(externalId);
      reviewIds.push(await review(quinn, answers));
    }
    await quinn.goto(`${stack.baseUrl}/quality/assignments`);
    await waitForText(quinn.getByTestId('assignment-counts'), `${size - 2} due · 2 done · ${size} assigned`);
    await screenshot(quinn, 'quality-assignments');

    // The vendor's QA lead disputes the first review: greeting should have passed, accuracy was a 4.
    const acme = await signedInPage(stack, vendorUser);
    const acmeNoise = watchNoise(acme);
    await acme.goto(`${stack.baseUrl}/quality/reviews?week=${reviewWeek}`);
    await waitForCount(acme.getByTestId('reviews-table').locator('tbody tr'), 2);
    await acme.getByRole('link', { name: `#${reviewIds[0]}`, exact: true }).click();
    const proposals = { greeting: 1, accuracy: 4 };
    for (const [key, value] of Object.entries(proposals)) {
      await acme.locator(`form [data-criterion="${key}"]`).getByRole('checkbox').check();
      await acme.locator(`#proposed-${key}`).selectOption(String(value));
    }
    await acme.getByLabel('Comment', { exact: true }).fill('The greeting is in the first reply; the answer was right.');
    await acme.getByRole('button', { name: 'Open dispute' }).click();
    await waitForText(acme.getByTestId('dispute-status'), 'Open');

    // Ops accept the greeting and reject the accuracy proposal.
    await ops.goto(`${stack.baseUrl}/quality/disputes`);
    await ops.getByRole('link', { name: `Review #${reviewIds[0]}` }).click();
    await ops.locator('fieldset[data-criterion="greeting"]').getByLabel('Accept').check();
    await ops.locator('fieldset[data-criterion="accuracy"]').getByLabel('Reject').check();
    await ops.getByLabel('Reason').fill('Greeting found in the transcript; accuracy stands.');
    await ops.getByRole('button', { name: 'Decide: partly accepted' }).click();
    await waitForText(ops.getByTestId('dispute-status'), 'Partly accepted');
    const decided = { ...first, greeting: { value: proposals.greeting } };
    const firstScore = expectedScore(decided).score;
    await waitForText(ops.getByTestId('score-value'), firstScore.toFixed(1));
    expect(await ops.getByTestId('review-history').textContent()).toContain('greeting: 0 → 1');
    await screenshot(ops, 'quality-review-decided');

    // The escalated case: ops mark it avoidable, the vendor's user acknowledges it.
    const escalationCause = 'tool_or_product_bug';
    const opened = new Date();
    await ops.goto(`${stack.baseUrl}/quality/escalations?week=${weeks.newerLabel}`);
    await waitForText(ops.getByTestId('escalation-counts'), '1 escalated · 0 reviewed · 0 avoidable');
    const verdict = ops.getByRole('form', { name: `Verdict on ${ESCALATED}` });
    await verdict.getByLabel('Verdict').selectOption('avoidable');
    await verdict.getByLabel('Root cause').selectOption(escalationCause);
    await verdict.getByLabel('Feedback').fill('The refund tool timed out; raise it with the product team.');
    // "Reviewed at" starts at now, to the minute, on the reporting zone's (UTC's) clock.
    const reviewedAtField = verdict.getByLabel('Reviewed at (UTC)');
    const shown = await reviewedAtField.inputValue();
    expect(shown >= opened.toISOString().slice(0, 16) && shown <= new Date().toISOString().slice(0, 16)).toBe(true);
    // Dated back to Monday 00:00 of this week: before now, and still in the review week the figures below use.
    const today = new Date();
    const monday = new Date(
      Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - ((today.getUTCDay() + 6) % 7)),
    );
    await reviewedAtField.fill(monday.toISOString().slice(0, 16));
    await verdict.getByRole('button', { name: 'Save' }).click();
    await waitForText(ops.getByTestId('escalation-counts'), '1 escalated · 1 reviewed · 1 avoidable');
    const api = await ApiSession.signIn(stack.baseUrl, stack.admin);
    const stored = await api.request<{ externalId: string; review: { reviewedAt: string; week: string } | null }[]>(
      'GET',
      `/api/quality/escalations?week=${weeks.newerLabel}`,
    );
    expect(stored.find((c) => c.externalId === ESCALATED)?.review).toMatchObject({
      reviewedAt: monday.toISOString(),
      week: reviewWeek,
    });
    await acme.goto(`${stack.baseUrl}/quality/escalations?week=${weeks.newerLabel}`);
    const escalatedRow = acme.locator(`tr[data-case="${ESCALATED}"]`);
    await escalatedRow.getByRole('button', { name: 'Acknowledge' }).click();
    await waitForCount(escalatedRow.getByRole('button', { name: 'Acknowledge' }), 0);
    expect(await escalatedRow.textContent()).toContain('raise it with the product team');
    await screenshot(acme, 'quality-escalations-vendor');

    // The week's figures, computed from the two reviews as they now stand.
    const scores = [firstScore, expectedScore(second).score];
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    const variance = scores.reduce((a, s) => a + (s - mean) ** 2, 0) / (scores.length - 1);
    const half = (1.96 * Math.sqrt(variance)) / Math.sqrt(scores.length);
    const fatal = [decided, second].filter((a) => expectedScore(a).fatal).length;
    await ops.goto(`${stack.baseUrl}/quality?week=${reviewWeek}`);
    const row = ops.locator(`[data-testid="quality-weekly"] tr[data-vendor="${VENDOR}"]`);
    await waitForTextContaining(row.getByTestId('quality-score'), mean.toFixed(1));
    const scoreCell = await row.getByTestId('quality-score').textContent();
    expect(scoreCell).toContain(`n = ${scores.length}`);
    expect(scoreCell).toContain(`${Math.max(0, mean - half).toFixed(1)}–${Math.min(100, mean + half).toFixed(1)}`);
    expect(await row.getByTestId('fatal-error-rate').textContent()).toBe(
      `${((100 * fatal) / scores.length).toFixed(1)} %${fatal} of ${scores.length}`,
    );
    expect(await row.getByTestId('dispute-rate').textContent()).toBe(`${(100 / scores.length).toFixed(1)} %1 of 2`);
    expect(await row.getByTestId('dispute-acceptance-rate').textContent()).toBe('100.0 %1 of 1');
    expect(await row.getByTestId('open-disputes').textContent()).toBe('0');
    expect(await row.getByTestId('avoidable-escalation-rate').textContent()).toBe('100.0 %1 of 1');
    expect(await row.getByTestId('scoring-rule').textContent()).toContain('N/A left out');
    // The table, its "Scored under" text included, fits its card: nothing runs past the right edge.
    const weeklyScroll = ops.locator('.table-scroll:has([data-testid="quality-weekly"])');
    expect(await weeklyScroll.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(ops, 'quality-overview');

    // The weekly scorecard's quality cell for the review week (the current, partial one) follows the decision,
    // and opens the reviews behind it.
    await ops.goto(`${stack.baseUrl}/?week=${reviewWeek}`);
    await waitForAttribute(ops.getByTestId('scorecard-table'), 'data-week', reviewWeek);
    const qualityCell = ops.locator(`tr[data-vendor="${VENDOR}"] td[data-metric="quality_score"]`);
    await waitForText(qualityCell.locator('.value'), mean.toFixed(1));
    expect(await qualityCell.textContent()).toContain(`n=${scores.length}`);
    await screenshot(ops, 'quality-scorecard-cell');
    await qualityCell.locator('.value').click();
    await ops.waitForURL(/\/reviews-behind\?/);
    const behind = ops.getByTestId('reviews-behind-table').locator('tbody tr');
    await waitForCount(behind, scores.length);
    for (const [i, id] of reviewIds.entries()) {
      const reviewRow = behind.and(ops.locator(`[data-review-id="${id}"]`));
      expect(await reviewRow.count()).toBe(1);
      expect(await reviewRow.textContent()).toContain(`score ${scores[i]!.toFixed(1)}`);
    }
    expect(await behind.and(ops.locator(`[data-review-id="${reviewIds[0]}"]`)).textContent()).toContain(
      'dispute partly accepted',
    );
    expect(await ops.getByTestId('reviews-behind-count').textContent()).toBe(
      `${scores.length} of ${scores.length} counted in the figure`,
    );
    await screenshot(ops, 'quality-reviews-behind');

    // Knowledge gaps: root causes named on the answers and the avoidable escalation, ranked by occurrences
    // (ties by root cause: one vendor, queue and week here).
    const named = new Map<string, number>([[escalationCause, 1]]);
    // A root cause counts only on an answer that lost points, as the answers stand after the decision.
    const tops = new Map(SECTIONS.flatMap((section) => section.criteria.map((c) => [c.key, c.top] as const)));
    for (const answers of [decided, second]) {
      for (const [key, answer] of Object.entries(answers)) {
        if (!answer.rootCause || answer.value === null || answer.value >= tops.get(key)!) continue;
        named.set(answer.rootCause, (named.get(answer.rootCause) ?? 0) + 1);
      }
    }
    const ranked = [...named.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    await ops.goto(`${stack.baseUrl}/quality/knowledge-gaps?week=${reviewWeek}`);
    const gapRows = ops.getByTestId('gaps-table').locator('tbody tr[data-root-cause]');
    await waitForCount(gapRows, ranked.length);
    for (const [i, [cause, count]] of ranked.entries()) {
      expect(await gapRows.nth(i).getAttribute('data-root-cause')).toBe(cause);
      expect(await gapRows.nth(i).getByTestId('occurrences').textContent()).toBe(String(count));
    }
    // One click from the top root cause to the reviews behind it.
    await gapRows.first().getByRole('button').click();
    const evidence = ops.getByTestId('gap-evidence');
    await waitForCount(evidence.locator('tr[data-review-id]'), ranked[0]![1]);
    for (const id of reviewIds) expect(await evidence.locator(`tr[data-review-id="${id}"]`).count()).toBe(1);
    await screenshot(ops, 'quality-knowledge-gaps');

    expect(opsNoise.take()).toEqual([]);
    expect(quinnNoise.take()).toEqual([]);
    expect(acmeNoise.take()).toEqual([]);
  });
});
