/**
 * The security suites' quality data for one vendor: a review of each of its cases (one internal, one its own
 * QA), a dispute, a sampling plan with its sample, an escalation review; every text carries the vendor's
 * marker. Forms are organisation-wide, so the seeded form carries no marker. Written with SQL like the other
 * seeds: the quality feature owns these tables.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '@scorecard/db/database';
import { sql } from 'kysely';

async function id(db: Db, query: ReturnType<typeof sql<{ id: number }>>): Promise<number> {
  const { rows } = await query.execute(db);
  return Number(rows[0]!.id);
}

export async function seedQuality(
  db: Db,
  tag: string,
  vendorId: number,
  userId: number,
  caseIds: readonly number[],
  monday: string,
): Promise<number[]> {
  const causes = ['agent_error', 'sop_unclear_or_missing', 'tool_or_product_bug', 'policy'];
  const content = {
    name: 'Seed audit',
    kind: 'qa_audit',
    rule: { na: 'excluded', critical: 'zero' },
    sections: [
      {
        key: 'main',
        title: 'Main',
        weight: 1,
        criteria: [{ key: 'ok', title: 'OK', scale: 'pass_fail', allowNa: false, critical: true, rootCauses: causes }],
      },
    ],
  };
  const formId = await id(
    db,
    sql<{ id: number }>`
    INSERT INTO quality_forms (key, version, name, kind, na_rule, critical_rule, content)
    VALUES (${`seed-${randomBytes(4).toString('hex')}`}, 1, 'Seed audit', 'qa_audit', 'excluded', 'zero', ${JSON.stringify(content)})
    RETURNING id`,
  );
  await sql`INSERT INTO quality_form_criteria (form_id, key, section_key, section_title, section_weight, position, title,
              scale_min, scale_max, allow_na, critical, root_causes)
            VALUES (${formId}, 'ok', 'main', 'Main', 1, 0, 'OK', 0, 1, false, true, ${causes})`.execute(db);
  await sql`UPDATE quality_forms SET status = 'published', published_at = now() WHERE id = ${formId}`.execute(db);

  const [internalCase, ownCase, escalatedCase] = caseIds as [number, number, number];
  const review = (caseId: number, kind: string) =>
    id(
      db,
      sql<{ id: number }>`
      INSERT INTO quality_reviews (case_id, vendor_id, form_id, reviewer_kind, reviewer_user_id, reviewer_name, feedback, reviewed_at, week)
      VALUES (${caseId}, ${vendorId}, ${formId}, ${kind}, ${userId}, ${`${tag} reviewer`}, ${`${tag} feedback`},
              ${`${monday}T10:00:00Z`}::timestamptz, ${monday}) RETURNING id`,
    );
  const internalId = await review(internalCase, 'internal');
  const ownId = await review(ownCase, 'vendor');
  for (const [reviewId, value] of [
    [internalId, 0],
    [ownId, 1],
  ] as const) {
    await sql`INSERT INTO quality_review_answers (review_id, criterion_key, value, root_cause)
              VALUES (${reviewId}, 'ok', ${value}, 'agent_error')`.execute(db);
    await sql`INSERT INTO quality_review_events (review_id, actor_user_id, actor_kind, kind, note)
              VALUES (${reviewId}, ${userId}, 'user', 'review_created', ${`${tag} event`})`.execute(db);
  }
  const disputeId = await id(
    db,
    sql<{ id: number }>`
    INSERT INTO quality_disputes (review_id, vendor_id, comment, opened_by)
    VALUES (${internalId}, ${vendorId}, ${`${tag} dispute`}, ${userId}) RETURNING id`,
  );
  await sql`INSERT INTO quality_dispute_items (dispute_id, criterion_key, proposed_value, comment)
            VALUES (${disputeId}, 'ok', 1, ${`${tag} item`})`.execute(db);
  const planId = await id(
    db,
    sql<{ id: number }>`
    INSERT INTO quality_sampling_plans (vendor_id, queue, period, period_start, form_id, margin_points, confidence,
      reviewer_user_ids, population, sample_size)
    VALUES (${vendorId}, ${`${tag}-queue`}, 'week', ${monday}, ${formId}, 5, 0.95, ${[userId]}, 3, 1) RETURNING id`,
  );
  await sql`INSERT INTO quality_sample_cases (plan_id, case_id, vendor_id, purpose, stratum_queue, stratum_channel)
            VALUES (${planId}, ${internalCase}, ${vendorId}, 'random', ${`${tag}-queue`}, 'voice')`.execute(db);
  const escalationId = await id(
    db,
    sql<{ id: number }>`
    INSERT INTO quality_escalation_reviews (case_id, vendor_id, verdict, root_cause, feedback, reviewer_user_id, week)
    VALUES (${escalatedCase}, ${vendorId}, 'avoidable', 'policy', ${`${tag} escalation`}, ${userId}, ${monday}) RETURNING id`,
  );
  return [internalId, ownId, disputeId, planId, escalationId];
}
