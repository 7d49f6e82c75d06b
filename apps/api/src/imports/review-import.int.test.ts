/**
 * A QA export (the generic QA CSV, written by scripts/demo/qa-export.ts with a real export's messy parts)
 * imported through the API and the worker. What the import must do is computed here from the text with plain
 * loops, never with the product's functions: every row accounted for (loaded + replaced + skipped + rejected =
 * read), each loaded review's score equal to the form's rule applied by hand to its answers, the tool's own
 * score kept beside it, a disagreement counted as a warning. A broken file fails its import, not the worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateQaExport, type QaCase, type QaCriterion } from '../../../../scripts/demo/qa-export.ts';
import type { TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { multipart, upload, waitForImport } from '../../../../test/imports.ts';
import {
  CRITERIA as criteria,
  FORM_KEY,
  startReviewImportFixture,
  VENDORS,
  type ReviewImportFixture,
} from './review-import.testing.ts';

let fixture: ReviewImportFixture;
let database: TestDatabase;
let ops: Caller;
let acmeUser: Caller;
let cases: QaCase[];

beforeAll(async () => {
  fixture = await startReviewImportFixture();
  ({ database, ops, cases } = fixture);
  acmeUser = await callerAs(fixture.app, 'vendor', { vendorId: fixture.vendorIds.get('Acme')! });
});
afterAll(async () => {
  await fixture?.close();
});

const NA = new Set(['n/a', 'na', 'n.a.', '-', 'not applicable', '']);
const PASS = new Set(['yes', 'pass', '1']);
const FAIL = new Set(['no', 'fail', '0']);

/** An answer as the generic preset reads it, by hand: a value, null for N/A, or undefined when it rejects the row. */
function answerOf(criterion: QaCriterion, cell: string): number | null | undefined {
  const text = cell.trim().toLowerCase();
  if (NA.has(text)) return criterion.allowNa ? null : undefined;
  if (criterion.scale === 'pass_fail') return PASS.has(text) ? 1 : FAIL.has(text) ? 0 : undefined;
  const high = Number(criterion.scale.slice('points_'.length));
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 && value <= high ? value : undefined;
}

/**
 * The form's rule by hand (emailAuditForm with `tone`): section means of the counted credits, Resolution
 * (accuracy, policy) weighted 3 and Soft skills (greeting, tone) 1; N/A left out; policy failed → 0.
 */
function expectedScore(answers: Record<string, number | null>): number | null {
  if (answers.policy === 0) return 0;
  const credit = (key: string, low: number, high: number) =>
    answers[key] === null ? null : (answers[key]! - low) / (high - low);
  const sections = [
    { weight: 3, credits: [credit('accuracy', 1, 5), credit('policy', 0, 1)] },
    { weight: 1, credits: [credit('greeting', 0, 1), credit('tone', 1, 3)] },
  ];
  let weighted = 0;
  let weights = 0;
  for (const section of sections) {
    const counted = section.credits.filter((c): c is number => c !== null);
    if (counted.length === 0) continue;
    weighted += (section.weight * counted.reduce((a, b) => a + b, 0)) / counted.length;
    weights += section.weight;
  }
  return weights === 0 ? null : (100 * weighted) / weights;
}

function toolScoreOf(cell: string): number {
  if (cell.endsWith('%')) return Number(cell.slice(0, -1));
  if (cell.includes('/')) {
    const [earned, total] = cell.split('/').map(Number);
    return (100 * earned!) / total!;
  }
  return cell.includes('.') && Number(cell) <= 1 ? Number(cell) * 100 : Number(cell);
}

const KNOWN_CAUSE_WORDS = new Set(['agent error', 'sop unclear', 'tool bug', 'policy']);

/** What the import must do with the file, decided row by row from its text. */
function expectedOutcome(csv: string) {
  const [headerLine, ...rows] = csv.trimEnd().split('\n');
  const header = headerLine!.split(',');
  const accepted = new Map<
    string,
    { line: number; answers: Record<string, number | null>; tool: number; warned: boolean }
  >();
  let rejected = 0;
  let acceptedRows = 0;
  let warnedRows = 0;
  rows.forEach((text, index) => {
    const line = index + 2;
    const cells = Object.fromEntries(text.split(',').map((cell, i) => [header[i]!, cell]));
    const matches = cases.filter(
      (c) => c.externalId === cells.case_id && (cells.case_source === '' || c.source === cells.case_source),
    );
    const answers: Record<string, number | null> = {};
    let answerable = true;
    for (const criterion of criteria) {
      const value = answerOf(criterion, cells[criterion.key]!);
      if (value === undefined) answerable = false;
      else answers[criterion.key] = value;
    }
    if (matches.length !== 1 || !answerable || matches[0]!.vendorName !== cells.vendor) {
      rejected += 1;
      return;
    }
    acceptedRows += 1;
    const ours = expectedScore(answers);
    const tool = toolScoreOf(cells.score!);
    const cause = cells.root_causes!.split(':')[1]?.trim().toLowerCase();
    const warned =
      ours === null || Math.abs(ours - tool) >= 0.5 || (cause !== undefined && !KNOWN_CAUSE_WORDS.has(cause));
    if (warned) warnedRows += 1;
    accepted.set(`${cells.vendor}\u0000${cells.review_id}`, { line, answers, tool, warned });
  });
  return {
    rowsRead: rows.length,
    rowsLoaded: accepted.size,
    rowsReplaced: acceptedRows - accepted.size,
    rowsRejected: rejected,
    rowsWarned: warnedRows,
    reviews: accepted,
  };
}

describe('review import', () => {
  let csv = '';
  beforeAll(() => {
    csv = generateQaExport({
      seed: 19,
      rows: 400,
      form: FORM_KEY,
      criteria,
      cases,
      vendors: VENDORS,
      before: new Date(Date.now() - 3_600_000),
    });
  });

  it('the dry run reads the whole file and names the column no field reads', async () => {
    const response = await ops.inject({
      method: 'POST',
      url: '/api/imports/reviews/dry-run',
      ...multipart({}, { name: 'qa.csv', content: csv }),
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{
      preset: { key: string };
      unreadColumns: string[];
      accounting: { rowsRead: number };
    }>();
    expect(body.preset.key).toBe('qa-generic');
    expect(body.unreadColumns).toEqual(['agent_team']);
    expect(body.accounting.rowsRead).toBe(csv.trimEnd().split('\n').length - 1);
  });

  it('accounts for every row and scores each review by the form rule', { timeout: 120_000 }, async () => {
    const expected = expectedOutcome(csv);
    // The generated file has every messy part at least once.
    expect(expected.rowsReplaced).toBeGreaterThan(0);
    expect(expected.rowsRejected).toBeGreaterThan(0);
    expect(expected.rowsWarned).toBeGreaterThan(0);

    const response = await upload(ops, { name: 'qa.csv', content: csv }, { kind: 'reviews', timeZone: 'UTC' });
    expect(response.statusCode, response.body).toBe(202);
    const view = await waitForImport(ops, response.json<{ id: number }>().id, 60_000);
    expect(view.status, String(view.error)).toBe('succeeded');
    expect(view).toMatchObject({
      kind: 'reviews',
      rowsRead: expected.rowsRead,
      rowsLoaded: expected.rowsLoaded,
      rowsReplaced: expected.rowsReplaced,
      rowsSkipped: 0,
      rowsRejected: expected.rowsRejected,
      rowsWarned: expected.rowsWarned,
    });
    const rejects = (await ops.get(`/api/imports/${view.id}/rejects?limit=500`)).json<{
      total: number;
      items: { reason: string }[];
    }>();
    expect(rejects.total).toBe(expected.rowsRejected);
    const reasons = rejects.items.map((r) => r.reason).join('\n');
    expect(reasons).toMatch(/no case 'NOPE-\d+'/);
    expect(reasons).toMatch(/is the id of 2 cases/);
    expect(reasons).toMatch(/another vendor's/);
    expect(reasons).toMatch(/takes 1\.\.5, not '7'|takes 0\.\.1, not 'Maybe'|takes 1\.\.3, not '7'/);
    const replaced = (await ops.get(`/api/imports/${view.id}/replaced?limit=500`)).json<{ total: number }>();
    expect(replaced.total).toBe(expected.rowsReplaced);

    const stored = await database.db
      .selectFrom('quality_reviews as r')
      .innerJoin('vendors as v', 'v.id', 'r.vendor_id')
      .select(['r.id', 'r.external_id', 'v.name', 'r.tool_score'])
      .where('r.import_id', '=', view.id)
      .execute();
    expect(stored).toHaveLength(expected.rowsLoaded);
    const listed = (await ops.get('/api/quality/reviews')).json<
      { id: number; score: number | null; toolScore: number | null }[]
    >();
    const scoreOf = new Map(listed.map((r) => [r.id, r.score]));
    const toolScoreOf = new Map(listed.map((r) => [r.id, r.toolScore]));
    for (const review of stored) {
      const want = expected.reviews.get(`${review.name}\u0000${review.external_id}`)!;
      const score = expectedScore(want.answers);
      if (score === null) expect(scoreOf.get(review.id)).toBeNull();
      else expect(scoreOf.get(review.id), `review ${review.external_id}`).toBeCloseTo(score, 9);
      expect(review.tool_score).toBeCloseTo(want.tool, 9);
      expect(toolScoreOf.get(review.id)).toBeCloseTo(want.tool, 9);
    }
  });

  it('the same file again is a duplicate; read in another zone it updates the same reviews, without history', async () => {
    const again = await upload(ops, { name: 'qa.csv', content: csv }, { kind: 'reviews', timeZone: 'UTC' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<{ status: string }>().status).toBe('duplicate');

    const before = await database.db.selectFrom('quality_reviews').select('id').execute();
    const response = await upload(ops, { name: 'qa.csv', content: csv }, { kind: 'reviews', timeZone: 'Asia/Kolkata' });
    expect(response.statusCode, response.body).toBe(202);
    const view = await waitForImport(ops, response.json<{ id: number }>().id, 60_000);
    const expected = expectedOutcome(csv);
    expect(view).toMatchObject({ status: 'succeeded', rowsLoaded: expected.rowsLoaded });
    const after = await database.db.selectFrom('quality_reviews').select(['id', 'import_id']).execute();
    expect(after.map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort());
    expect(after.every((r) => r.import_id === view.id)).toBe(true);
    const events = await database.db
      .selectFrom('quality_review_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('kind', '=', 'answer_changed')
      .where('note', 'like', `import ${view.id},%`)
      .executeTakeFirstOrThrow();
    // Only the times moved (they are read in another zone); no answer changed, so no review gets history.
    expect(Number(events.n)).toBe(0);
  });

  it('is ops-only: a vendor user cannot import reviews', async () => {
    const response = await upload(acmeUser, { name: 'qa.csv', content: csv }, { kind: 'reviews' });
    expect(response.statusCode).toBe(403);
  });

  it('a broken file fails its import, not the worker', { timeout: 120_000 }, async () => {
    const [header, first] = csv.split('\n');
    const broken = `${header}\n${first}\n"QA-broken,zendesk,T-1\n`;
    const response = await upload(ops, { name: 'broken.csv', content: broken }, { kind: 'reviews' });
    expect(response.statusCode, response.body).toBe(202);
    const failed = await waitForImport(ops, response.json<{ id: number }>().id, 60_000);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/could not be read to the end/);
    const after = `${header}\n${first}\n`;
    const next = await upload(ops, { name: 'after.csv', content: after }, { kind: 'reviews', timeZone: 'UTC' });
    expect(next.statusCode, next.body).toBe(202);
    const done = await waitForImport(ops, next.json<{ id: number }>().id, 60_000);
    expect(done.status, String(done.error)).toBe('succeeded');
    expect(done.rowsRead).toBe(1);
  });
});
