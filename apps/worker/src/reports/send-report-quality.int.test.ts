/**
 * The weekly report email's quality block, sent to a real in-process SMTP peer: the quality score with its n
 * and interval, the top root causes, the calibration gap, the escalation reviews of the week and the open
 * disputes. Expected values are computed here by loops over the reviews the test wrote; nothing of the other
 * vendor's quality data reaches the email.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { sendReport } from './send-report.ts';
import { startSmtpCatcher, type SmtpCatcher } from './smtp-catcher.ts';

const WEEK = '2026-11-16'; // 2026-W47 (reporting zone UTC)
const REVIEWED_AT = '2026-11-17T10:00:00Z';
const causes = ['agent_error', 'sop_unclear_or_missing', 'tool_or_product_bug', 'policy'];

interface WrittenReview {
  externalId: string;
  kind: 'internal' | 'vendor';
  accuracy: number; // 1..5
  policy: number; // 0/1, critical
  accuracyCause: string | null;
  policyCause: string | null;
}
/** One section: accuracy (5-point) and policy (pass/fail, critical); N/A left out, a failed critical → 0. */
const scoreOf = (r: WrittenReview) => (r.policy === 0 ? 0 : (100 * ((r.accuracy - 1) / 4 + r.policy)) / 2);

const alphaReviews: WrittenReview[] = [
  { externalId: 'A-1', kind: 'internal', accuracy: 5, policy: 1, accuracyCause: null, policyCause: null },
  {
    externalId: 'A-2',
    kind: 'internal',
    accuracy: 3,
    policy: 1,
    accuracyCause: 'sop_unclear_or_missing',
    policyCause: null,
  },
  {
    externalId: 'A-3',
    kind: 'internal',
    accuracy: 2,
    policy: 0,
    accuracyCause: 'sop_unclear_or_missing',
    policyCause: 'agent_error',
  },
  {
    externalId: 'A-1',
    kind: 'vendor',
    accuracy: 4,
    policy: 1,
    accuracyCause: 'tool_or_product_bug',
    policyCause: null,
  },
];
const alphaEscalations = [
  { externalId: 'A-2', verdict: 'avoidable', rootCause: 'agent_error' },
  { externalId: 'A-3', verdict: 'valid', rootCause: 'policy' },
];

let database: TestDatabase;
let alpha: number;
let bravo: number;
let smtp: SmtpCatcher;
const caseIds = new Map<string, number>();

async function one<T>(query: { execute: (db: TestDatabase['db']) => Promise<{ rows: T[] }> }): Promise<T> {
  return (await query.execute(database.db)).rows[0]!;
}

async function writeReview(vendorId: number, formId: number, review: WrittenReview): Promise<number> {
  const { id } = await one(sql<{ id: number }>`
    INSERT INTO quality_reviews (case_id, vendor_id, form_id, reviewer_kind, reviewer_name, reviewed_at, week)
    VALUES (${caseIds.get(review.externalId)}, ${vendorId}, ${formId}, ${review.kind}, 'QA', ${REVIEWED_AT}::timestamptz,
            ${WEEK}) RETURNING id`);
  await sql`INSERT INTO quality_review_answers (review_id, criterion_key, value, root_cause)
            VALUES (${id}, 'accuracy', ${review.accuracy}, ${review.accuracyCause}),
                   (${id}, 'policy', ${review.policy}, ${review.policyCause})`.execute(database.db);
  return id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const vendors = await database.db
    .insertInto('vendors')
    .values([
      { name: 'Alpha Support', report_recipients: ['lead@alpha.example'] },
      { name: 'Bravo Contact', report_recipients: ['lead@bravo.example'] },
    ])
    .returning('id')
    .execute();
  [alpha, bravo] = vendors.map((v) => v.id) as [number, number];
  const cases = [
    ['A-1', alpha],
    ['A-2', alpha],
    ['A-3', alpha],
    ['B-SECRET-1', bravo],
  ] as const;
  for (const [externalId, vendorId] of cases) {
    const { id } = await database.db
      .insertInto('cases')
      .values({
        source: 'generic',
        external_id: externalId,
        vendor_id: vendorId,
        channel: 'email',
        queue: 'Buyer',
        escalated: true,
        created_at: new Date('2026-11-10T09:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    caseIds.set(externalId, id);
  }
  const content = {
    name: 'Audit',
    kind: 'qa_audit',
    rule: { na: 'excluded', critical: 'zero' },
    sections: [{ key: 'main', title: 'Main', weight: 1, criteria: [] }],
  };
  const { id: formId } = await one(sql<{ id: number }>`
    INSERT INTO quality_forms (key, version, name, kind, na_rule, critical_rule, content)
    VALUES ('audit', 1, 'Audit', 'qa_audit', 'excluded', 'zero', ${JSON.stringify(content)}) RETURNING id`);
  await sql`INSERT INTO quality_form_criteria (form_id, key, section_key, section_title, section_weight, position, title,
              scale_min, scale_max, allow_na, critical, root_causes)
            VALUES (${formId}, 'accuracy', 'main', 'Main', 1, 0, 'Accuracy', 1, 5, false, false, ${causes}),
                   (${formId}, 'policy', 'main', 'Main', 1, 1, 'Policy', 0, 1, false, true, ${causes})`.execute(
    database.db,
  );
  await sql`UPDATE quality_forms SET status = 'published', published_at = now() WHERE id = ${formId}`.execute(
    database.db,
  );

  const ids: number[] = [];
  for (const review of alphaReviews) ids.push(await writeReview(alpha, formId, review));
  for (const e of alphaEscalations) {
    await sql`INSERT INTO quality_escalation_reviews (case_id, vendor_id, verdict, root_cause, reviewed_at, week)
              VALUES (${caseIds.get(e.externalId)}, ${alpha}, ${e.verdict}, ${e.rootCause}, ${REVIEWED_AT}::timestamptz, ${WEEK})`.execute(
      database.db,
    );
  }
  // Alpha disputes the fatal review's policy answer; the dispute is still open.
  const fatal = ids[alphaReviews.findIndex((r) => r.policy === 0)]!;
  const dispute = await one(sql<{ id: number }>`
    INSERT INTO quality_disputes (review_id, vendor_id, comment) VALUES (${fatal}, ${alpha}, 'Allowed') RETURNING id`);
  await sql`INSERT INTO quality_dispute_items (dispute_id, criterion_key, proposed_value)
            VALUES (${dispute.id}, 'policy', 1)`.execute(database.db);

  // Bravo's quality data, which must never reach Alpha's email.
  const bravoReview = await writeReview(bravo, formId, {
    externalId: 'B-SECRET-1',
    kind: 'internal',
    accuracy: 1,
    policy: 1,
    accuracyCause: 'tool_or_product_bug',
    policyCause: null,
  });
  await sql`INSERT INTO quality_disputes (review_id, vendor_id, comment) VALUES (${bravoReview}, ${bravo}, 'No')`.execute(
    database.db,
  );
  await sql`INSERT INTO quality_escalation_reviews (case_id, vendor_id, verdict, root_cause, reviewed_at, week)
            VALUES (${caseIds.get('B-SECRET-1')}, ${bravo}, 'avoidable', 'tool_or_product_bug', ${REVIEWED_AT}::timestamptz, ${WEEK})`.execute(
    database.db,
  );
});
afterAll(async () => database?.drop());
afterEach(async () => smtp?.close());

describe('the weekly report email’s quality block', () => {
  it('carries the quality score with n and interval, root causes, calibration gap, escalations and open disputes', async () => {
    smtp = await startSmtpCatcher();
    const config = testConfig(database.url, { SMTP_PORT: String(smtp.port), PUBLIC_URL: 'https://scorecard.test' });
    const result = await sendReport(database.db, config, { vendorId: alpha, week: WEEK, firedAt: new Date() });
    expect(result.outcome).toBe('sent');
    const { text, html } = smtp.messages[0]!.mail;

    // Quality score: the mean of the internal reviews, with the 95 % normal interval, by hand.
    const internal = alphaReviews.filter((r) => r.kind === 'internal');
    const scores = internal.map(scoreOf);
    let sum = 0;
    for (const s of scores) sum += s;
    const mean = sum / scores.length;
    let squares = 0;
    for (const s of scores) squares += (s - mean) ** 2;
    const half = (1.959963984540054 * Math.sqrt(squares / (scores.length - 1))) / Math.sqrt(scores.length);
    const [low, high] = [Math.max(0, mean - half), Math.min(100, mean + half)];
    const shown = `${mean.toFixed(1)} of 100 (n = ${scores.length}, 95 % interval ${low.toFixed(1)}–${high.toFixed(1)})`;
    expect(text).toContain(`Quality score: ${shown}`);
    expect(html).toContain(shown);
    expect(text).toContain('scored under: N/A left out; a failed critical criterion sets the score to 0');

    // Calibration gap: internal − the vendor QA's review of the same case.
    const gaps: number[] = [];
    for (const r of internal) {
      const own = alphaReviews.find((v) => v.kind === 'vendor' && v.externalId === r.externalId);
      if (own) gaps.push(scoreOf(r) - scoreOf(own));
    }
    const gap = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(text).toContain(
      `Calibration gap: ${gap > 0 ? '+' : ''}${gap.toFixed(1)} points, internal − your QA, over ${gaps.length} case(s)`,
    );

    // Root causes of every review answer of the week and of the avoidable escalation reviews, counted by hand.
    const counts = new Map<string, number>();
    const count = (cause: string | null) => cause && counts.set(cause, (counts.get(cause) ?? 0) + 1);
    for (const r of alphaReviews) [r.accuracyCause, r.policyCause].forEach(count);
    for (const e of alphaEscalations) if (e.verdict === 'avoidable') count(e.rootCause);
    for (const [cause, n] of counts) expect(text).toContain(`  - ${cause.replaceAll('_', ' ')}: ${n}`);

    let avoidable = 0;
    for (const e of alphaEscalations) if (e.verdict === 'avoidable') avoidable += 1;
    expect(text).toContain(`${alphaEscalations.length} escalation review(s) made this week, ${avoidable} avoidable`);
    expect(text).toContain('A-2: avoidable (agent error), not yet acknowledged');
    expect(text).toContain('1 open dispute(s)');
    expect(text).toContain('A-3 (reviewed 2026-W47): policy');

    const raw = smtp.messages[0]!.raw.toString('utf8');
    for (const secret of ['Bravo', 'B-SECRET']) expect(raw).not.toContain(secret);
  });
});
