/**
 * Edges of the review import, on small hand-written QA files: a review id that two vendors' QA both use (the dry
 * run must report the repeats the import then replaces, per vendor), rows the import's final transaction refuses
 * (the dry run must count them as rejects, not repeats), and re-imports that do or do not change an answer, its
 * root cause or its N/A (history only for a change), and a vendor name two vendors share but for case (one
 * vendor, each row counted once). Expected values come from the rows written here, by plain
 * loops.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaCase } from '../../../../scripts/demo/qa-export.ts';
import { multipart, upload, waitForImport } from '../../../../test/imports.ts';
import { FORM_KEY, startReviewImportFixture, type ReviewImportFixture } from './review-import.testing.ts';

let fixture: ReviewImportFixture;
beforeAll(async () => {
  fixture = await startReviewImportFixture();
});
afterAll(async () => {
  await fixture?.close();
});

const HEADER =
  'review_id,case_source,case_id,form,reviewer,reviewed_at,review_by,vendor,accuracy,policy,greeting,tone,root_causes';
/** `source` and `vendor` default to Zendesk and the case's own vendor ('' writes an empty cell). */
interface Row {
  reviewId: string;
  caseId: string;
  answers?: [number, string, string, number | string];
  source?: string;
  vendor?: string;
  /** `criterion: cause; …` */
  rootCauses?: string;
}

/** Zendesk cases unless a row says otherwise; each row names its case's vendor unless it says otherwise. */
function qaFile(rows: readonly Row[]): string {
  const lines = rows.map((row) => {
    const { reviewId, caseId, answers = [4, 'yes', 'yes', 3], source = 'zendesk', vendor, rootCauses = '' } = row;
    return [
      reviewId,
      source,
      caseId,
      FORM_KEY,
      'Priya S',
      '2026-11-16T09:00:00+00:00',
      'internal',
      vendor ?? vendorOf(caseId),
      ...answers,
      rootCauses,
    ];
  });
  return `${[HEADER, ...lines.map((cells) => cells.join(','))].join('\n')}\n`;
}

function vendorOf(caseId: string): string {
  const kase = fixture.cases.find((c: QaCase) => c.source === 'zendesk' && c.externalId === caseId);
  return kase!.vendorName;
}

async function importFile(content: string, timeZone: string) {
  const response = await upload(fixture.ops, { name: 'qa.csv', content }, { kind: 'reviews', timeZone });
  expect(response.statusCode, response.body).toBe(202);
  const view = await waitForImport(fixture.ops, response.json<{ id: number }>().id, 60_000);
  expect(view.status, String(view.error)).toBe('succeeded');
  return view;
}

describe('a review id used by two vendors', () => {
  // T-even cases are Acme's, T-odd Globex's: QA-1 and QA-2 are used by both vendors' QA, QA-3 by Acme's twice.
  const rows: Row[] = [
    { reviewId: 'QA-1', caseId: 'T-0' },
    { reviewId: 'QA-1', caseId: 'T-1' },
    { reviewId: 'QA-2', caseId: 'T-2' },
    { reviewId: 'QA-1', caseId: 'T-4' },
    { reviewId: 'QA-1', caseId: 'T-3' },
    { reviewId: 'QA-2', caseId: 'T-5' },
    { reviewId: 'QA-3', caseId: 'T-6' },
    { reviewId: 'QA-3', caseId: 'T-8' },
  ];

  it("the dry run's repeated ids are the rows the import replaces", { timeout: 120_000 }, async () => {
    // By hand: a row is replaced by the last later row with the same review id of the same vendor.
    const expected: { line: number; replacedBy: number }[] = [];
    rows.forEach((row, i) => {
      let last = -1;
      for (let j = i + 1; j < rows.length; j++) {
        const later = rows[j]!;
        if (later.reviewId === row.reviewId && vendorOf(later.caseId) === vendorOf(row.caseId)) last = j;
      }
      if (last >= 0) expected.push({ line: i + 2, replacedBy: last + 2 });
    });
    expect(expected).toHaveLength(3);
    const csv = qaFile(rows);

    const dryRun = await fixture.ops.inject({
      method: 'POST',
      url: '/api/imports/reviews/dry-run',
      ...multipart({ timeZone: 'UTC' }, { name: 'qa.csv', content: csv }),
    });
    expect(dryRun.statusCode, dryRun.body).toBe(200);
    const { accounting } = dryRun.json<{
      accounting: {
        rowsLoaded: number;
        rowsReplaced: number;
        duplicates: { ids: number; examples: { externalId: string; lines: number[] }[] };
      };
    }>();
    const reported = accounting.duplicates.examples
      .flatMap(({ lines }) => lines.slice(0, -1).map((line) => ({ line, replacedBy: lines.at(-1)! })))
      .sort((a, b) => a.line - b.line);

    const view = await importFile(csv, 'UTC');
    const replaced = (await fixture.ops.get(`/api/imports/${view.id}/replaced?limit=50`)).json<{
      items: { line: number; reason: string }[];
    }>();
    const imported = replaced.items.map((item) => ({
      line: item.line,
      replacedBy: Number(/on line (\d+)/.exec(item.reason)![1]),
    }));

    expect(imported).toEqual(expected);
    expect(reported).toEqual(imported);
    expect(accounting.duplicates.ids).toBe(3);
    expect([accounting.rowsLoaded, accounting.rowsReplaced]).toEqual([view.rowsLoaded, view.rowsReplaced]);
  });
});

describe('rows the import refuses', () => {
  // Each refused row shares its review id with a row before it, so a dry run that kept it would count a repeat.
  // T-2 is a Zendesk and a Freshdesk id; NV-1 has no vendor; T-20 is Acme's. Only the last row truly repeats.
  const rows: (Row & { refused: boolean })[] = [
    { reviewId: 'QA-7', caseId: 'T-20', refused: false },
    { reviewId: 'QA-7', caseId: 'T-20', vendor: 'Globex', refused: true },
    { reviewId: 'QA-8', caseId: 'T-22', refused: false },
    { reviewId: 'QA-8', caseId: 'T-2', source: '', vendor: 'Acme', refused: true },
    { reviewId: 'QA-9', caseId: 'NV-1', vendor: '', refused: true },
    { reviewId: 'QA-9', caseId: 'NV-1', vendor: '', refused: true },
    { reviewId: 'QA-8', caseId: 'T-24', refused: false },
  ];

  it('are rejects in the dry run as in the import, never repeats', { timeout: 120_000 }, async () => {
    await fixture.database.db
      .insertInto('cases')
      .values({ source: 'zendesk', external_id: 'NV-1', vendor_id: null, channel: 'email', created_at: new Date() })
      .execute();
    // By hand: refused rows are rejects; the others load once per (vendor, review id), the rest are replaced.
    let rejected = 0;
    const seen = new Set<string>();
    for (const row of rows) {
      if (row.refused) rejected += 1;
      else seen.add(`${vendorOf(row.caseId)} ${row.reviewId}`);
    }
    const expected = {
      rowsLoaded: seen.size,
      rowsReplaced: rows.length - rejected - seen.size,
      rowsRejected: rejected,
    };
    expect(expected).toEqual({ rowsLoaded: 2, rowsReplaced: 1, rowsRejected: 4 });
    const csv = qaFile(rows);

    const dryRun = await fixture.ops.inject({
      method: 'POST',
      url: '/api/imports/reviews/dry-run',
      ...multipart({ timeZone: 'UTC' }, { name: 'qa.csv', content: csv }),
    });
    expect(dryRun.statusCode, dryRun.body).toBe(200);
    const reported = dryRun.json<{
      rejects: { line: number; column: string | null; reason: string }[];
      accounting: { rowsLoaded: number; rowsReplaced: number; rowsRejected: number };
    }>();

    const view = await importFile(csv, 'UTC');
    const imported = (await fixture.ops.get(`/api/imports/${view.id}/rejects?limit=50`)).json<{
      items: { line: number; column: string | null; reason: string }[];
    }>();

    const counts = (r: { rowsLoaded: number; rowsReplaced: number; rowsRejected: number }) => ({
      rowsLoaded: r.rowsLoaded,
      rowsReplaced: r.rowsReplaced,
      rowsRejected: r.rowsRejected,
    });
    expect(counts({ ...view, rowsReplaced: Number(view.rowsReplaced) })).toEqual(expected);
    expect(counts(reported.accounting)).toEqual(expected);
    const refusedLines = rows.flatMap((row, i) => (row.refused ? [i + 2] : []));
    const byLine = (items: { line: number; column: string | null; reason: string }[]) =>
      items.map(({ line, column, reason }) => ({ line, column, reason })).sort((a, b) => a.line - b.line);
    expect(byLine(imported.items).map((r) => r.line)).toEqual(refusedLines);
    expect(byLine(reported.rejects)).toEqual(byLine(imported.items));
  });
});

describe('re-importing reviews', () => {
  const rows: Row[] = [
    { reviewId: 'R-1', caseId: 'T-10', answers: [5, 'yes', 'n/a', 3] },
    { reviewId: 'R-2', caseId: 'T-11', answers: [3, 'no', 'yes', 2] },
    { reviewId: 'R-3', caseId: 'T-12', answers: [4, 'yes', 'no', 1] },
  ];
  const historyOf = async (importId: number) =>
    fixture.database.db
      .selectFrom('quality_review_events')
      .select(['kind', 'changes'])
      .where('note', 'like', `import ${importId},%`)
      .execute();

  it('records history only for the answers a re-import changes', { timeout: 120_000 }, async () => {
    const first = await importFile(qaFile(rows), 'UTC');
    expect((await historyOf(first.id)).map((e) => e.kind)).toEqual(Array(rows.length).fill('review_created'));

    // The same rows read in another zone (every time carries its offset): nothing changes, so no history.
    const unchanged = await importFile(qaFile(rows), 'Asia/Kolkata');
    expect(unchanged.rowsLoaded).toBe(rows.length);
    expect(await historyOf(unchanged.id)).toEqual([]);

    // One answer changed: R-2's accuracy 3 → 5. One history entry, naming only that answer.
    const changed = rows.map((row) =>
      row.reviewId === 'R-2' ? { ...row, answers: [5, 'no', 'yes', 2] as Row['answers'] } : row,
    );
    const updated = await importFile(qaFile(changed), 'UTC');
    expect(updated.rowsLoaded).toBe(rows.length);
    const history = await historyOf(updated.id);
    let changedAnswers = 0;
    rows.forEach((row, i) => row.answers!.forEach((a, k) => (changedAnswers += a === changed[i]!.answers![k] ? 0 : 1)));
    expect(history).toHaveLength(changedAnswers);
    expect(history[0]).toEqual({ kind: 'answer_changed', changes: { accuracy: { from: 3, to: 5 } } });
  });
  it('records a changed root cause and a newly N/A answer', { timeout: 120_000 }, async () => {
    const before: Row[] = [
      { reviewId: 'R-4', caseId: 'T-14', answers: [3, 'yes', 'yes', 2], rootCauses: 'accuracy: agent error' },
      { reviewId: 'R-5', caseId: 'T-15', answers: [4, 'yes', 'yes', 2] },
    ];
    await importFile(qaFile(before), 'UTC');
    // only its root cause changes; R-5: only its tone turns N/A. One entry per review, one criterion each.
    const after: Row[] = [
      { ...before[0]!, rootCauses: 'accuracy: policy' },
      { ...before[1]!, answers: [4, 'yes', 'yes', 'n/a'] },
    ];
    const reimport = await importFile(qaFile(after), 'UTC');
    const history = await historyOf(reimport.id);
    expect(history).toHaveLength(2);
    expect(history).toEqual(
      expect.arrayContaining([
        {
          kind: 'answer_changed',
          changes: { accuracy: { from: 3, to: 3, rootCause: { from: 'agent_error', to: 'policy' } } },
        },
        { kind: 'answer_changed', changes: { tone: { from: 2, to: null } } },
      ]),
    );
  });
});

describe('a vendor name that two vendors share but for case', () => {
  it('names one vendor, the first created, so each row is counted once', { timeout: 120_000 }, async () => {
    const acme = await fixture.database.db
      .selectFrom('vendors')
      .select('id')
      .where('name', '=', vendorOf('T-20'))
      .executeTakeFirstOrThrow();
    await fixture.database.db
      .insertInto('vendors')
      .values({ name: vendorOf('T-20').toUpperCase() })
      .execute();
    // The rows name the vendor in lower case: both vendors match it ignoring case; the first created is T-20's.
    const rows: Row[] = [
      { reviewId: 'QA-CASE-1', caseId: 'T-20', vendor: vendorOf('T-20').toLowerCase() },
      { reviewId: 'QA-CASE-2', caseId: 'T-22', vendor: vendorOf('T-22').toLowerCase() },
    ];
    const view = await importFile(qaFile(rows), 'UTC');
    expect({ read: view.rowsRead, loaded: view.rowsLoaded, rejected: view.rowsRejected }).toEqual({
      read: rows.length,
      loaded: rows.length,
      rejected: 0,
    });
    const stored = await fixture.database.db
      .selectFrom('quality_reviews')
      .select(['external_id', 'vendor_id'])
      .where('external_id', 'in', ['QA-CASE-1', 'QA-CASE-2'])
      .orderBy('external_id')
      .execute();
    expect(stored.map((r) => r.external_id)).toEqual(['QA-CASE-1', 'QA-CASE-2']);
    expect(stored[0]!.vendor_id).toBe(acme.id);
  });
});
