-- Quality metrics in the metric catalogue: the additive parts of the quality figures per vendor × review week ×
-- the reviewed case's queue × channel × tier × site, beside weekly_parts (which holds the parts of case_facts).
-- Reviews and escalation reviews count in the week they were made (quality_reviews.week,
-- quality_escalation_reviews.week). Reference: docs/quality.md "Metrics", docs/metrics.md.
--
-- The parts follow every write by themselves: statement triggers on the quality tables rebuild the touched
-- vendor-weeks in the writer's transaction, and the table's own trigger bumps the `metrics` serving generation,
-- so no cache serves a figure older than the review, dispute decision or escalation review it shows.
CREATE TABLE weekly_quality_parts (
  vendor_id bigint NOT NULL REFERENCES vendors ON DELETE CASCADE,
  week date NOT NULL CHECK (extract(isodow FROM week) = 1),
  queue text,
  channel text NOT NULL,
  tier smallint,
  site text,
  -- internal reviews made in the week; those with a score; Σ score and Σ score² (for the mean's interval)
  quality_reviews integer NOT NULL DEFAULT 0,
  quality_scored integer NOT NULL DEFAULT 0,
  quality_score_sum double precision NOT NULL DEFAULT 0,
  quality_score_squares double precision NOT NULL DEFAULT 0,
  quality_fatal integer NOT NULL DEFAULT 0,
  -- of those reviews: disputed, dispute decided, decided accepted or partly accepted
  quality_disputed integer NOT NULL DEFAULT 0,
  quality_disputes_decided integer NOT NULL DEFAULT 0,
  quality_disputes_accepted integer NOT NULL DEFAULT 0,
  -- internal score − the vendor QA's latest score of the same case, over the reviews with such a pair
  calibration_pairs integer NOT NULL DEFAULT 0,
  calibration_gap_sum double precision NOT NULL DEFAULT 0,
  calibration_gap_squares double precision NOT NULL DEFAULT 0,
  -- escalation reviews made in the week, and those marked avoidable
  escalation_reviews integer NOT NULL DEFAULT 0,
  escalations_avoidable integer NOT NULL DEFAULT 0,
  computed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (vendor_id, week, queue, channel, tier, site)
);
CREATE INDEX weekly_quality_parts_week ON weekly_quality_parts (week, vendor_id);

CREATE TRIGGER weekly_quality_parts_bump_metrics AFTER INSERT OR UPDATE OR DELETE ON weekly_quality_parts
  FOR EACH STATEMENT EXECUTE FUNCTION bump_serving_generation('metrics');
CREATE TRIGGER weekly_quality_parts_truncate_metrics AFTER TRUNCATE ON weekly_quality_parts
  FOR EACH STATEMENT EXECUTE FUNCTION bump_serving_generation('metrics');

-- The one home of the quality parts' rules. Rebuilds exactly the given (vendor, week) pairs. The calibration
-- pair of an internal review is the vendor QA's latest scored review of the same case (reviewed_at, then id),
-- as GET /api/quality/calibration pairs them per criterion (packages/db/src/quality/weekly.ts).
-- Rebuilds are serialised (a delete-then-insert of the same vendor-week by two writers would collide); the
-- recompute takes the same lock before it writes anything, so both take it before the generation row.
CREATE FUNCTION refresh_weekly_quality_parts(vendor_ids bigint[], weeks date[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('scorecard:quality-parts'));
  DELETE FROM weekly_quality_parts p
  USING unnest(vendor_ids, weeks) AS u(vendor_id, week)
  WHERE p.vendor_id = u.vendor_id AND p.week = u.week;

  INSERT INTO weekly_quality_parts (vendor_id, week, queue, channel, tier, site, quality_reviews, quality_scored,
    quality_score_sum, quality_score_squares, quality_fatal, quality_disputed, quality_disputes_decided,
    quality_disputes_accepted, calibration_pairs, calibration_gap_sum, calibration_gap_squares,
    escalation_reviews, escalations_avoidable)
  WITH scope AS (
    SELECT DISTINCT vendor_id, week FROM unnest(vendor_ids, weeks) AS u(vendor_id, week)
  ), internal AS (
    SELECT r.id, r.vendor_id, r.week, r.case_id, q.score, q.fatal, d.status AS dispute_status,
      (SELECT q.score - vq.score
       FROM quality_reviews v JOIN quality_review_scores vq ON vq.review_id = v.id
       WHERE v.case_id = r.case_id AND v.reviewer_kind = 'vendor' AND vq.score IS NOT NULL AND q.score IS NOT NULL
       ORDER BY v.reviewed_at DESC, v.id DESC LIMIT 1) AS gap
    FROM scope s
    JOIN quality_reviews r ON r.vendor_id = s.vendor_id AND r.week = s.week AND r.reviewer_kind = 'internal'
    JOIN quality_review_scores q ON q.review_id = r.id
    LEFT JOIN quality_disputes d ON d.review_id = r.id
  ), contributions AS (
    SELECT vendor_id, week, case_id, 1 AS reviews, (score IS NOT NULL)::int AS scored, coalesce(score, 0) AS score,
      coalesce(score * score, 0) AS score_squared, fatal::int AS fatal, (dispute_status IS NOT NULL)::int AS disputed,
      (dispute_status IS NOT NULL AND dispute_status <> 'open')::int AS decided,
      (dispute_status IN ('accepted', 'partly_accepted'))::int AS accepted,
      (gap IS NOT NULL)::int AS pairs, coalesce(gap, 0) AS gap, coalesce(gap * gap, 0) AS gap_squared,
      0 AS escalation_reviews, 0 AS avoidable
    FROM internal
    UNION ALL
    SELECT e.vendor_id, e.week, e.case_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (e.verdict = 'avoidable')::int
    FROM scope s
    JOIN quality_escalation_reviews e ON e.vendor_id = s.vendor_id AND e.week = s.week
  )
  SELECT x.vendor_id, x.week, c.queue, c.channel, c.tier, c.site, sum(x.reviews), sum(x.scored), sum(x.score),
    sum(x.score_squared), sum(x.fatal), sum(x.disputed), sum(x.decided), sum(x.accepted), sum(x.pairs), sum(x.gap),
    sum(x.gap_squared), sum(x.escalation_reviews), sum(x.avoidable)
  FROM contributions x
  JOIN cases c ON c.id = x.case_id
  GROUP BY x.vendor_id, x.week, c.queue, c.channel, c.tier, c.site;
END $$;

-- Which vendor-weeks a write to a quality table moves. A review's own week; for a review (or its answers) also
-- every review week of the same case, because an internal review's calibration gap pairs it with the vendor
-- QA's latest review of the case, made in any week. A dispute moves its review's week; an escalation review
-- its own (old and new, when a revision moves it).
CREATE FUNCTION weekly_quality_parts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched_vendors bigint[] := '{}';
  touched_weeks date[] := '{}';
  touched_cases bigint[] := '{}';
  touched_reviews bigint[] := '{}';
BEGIN
  IF TG_TABLE_NAME IN ('quality_reviews', 'quality_escalation_reviews') THEN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      SELECT touched_vendors || coalesce(array_agg(vendor_id), '{}'), touched_weeks || coalesce(array_agg(week), '{}'),
             touched_cases || coalesce(array_agg(case_id), '{}')
      INTO touched_vendors, touched_weeks, touched_cases FROM new_rows;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
      SELECT touched_vendors || coalesce(array_agg(vendor_id), '{}'), touched_weeks || coalesce(array_agg(week), '{}'),
             touched_cases || coalesce(array_agg(case_id), '{}')
      INTO touched_vendors, touched_weeks, touched_cases FROM old_rows;
    END IF;
    IF TG_TABLE_NAME = 'quality_escalation_reviews' THEN
      touched_cases := '{}';
    END IF;
  ELSE
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      SELECT touched_reviews || coalesce(array_agg(review_id), '{}') INTO touched_reviews FROM new_rows;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
      SELECT touched_reviews || coalesce(array_agg(review_id), '{}') INTO touched_reviews FROM old_rows;
    END IF;
    IF TG_TABLE_NAME = 'quality_review_answers' THEN
      SELECT touched_cases || coalesce(array_agg(case_id), '{}') INTO touched_cases
      FROM quality_reviews WHERE id = ANY (touched_reviews);
    ELSE
      SELECT touched_vendors || coalesce(array_agg(vendor_id), '{}'), touched_weeks || coalesce(array_agg(week), '{}')
      INTO touched_vendors, touched_weeks FROM quality_reviews WHERE id = ANY (touched_reviews);
    END IF;
  END IF;

  PERFORM refresh_weekly_quality_parts(array_agg(t.vendor_id), array_agg(t.week))
  FROM (
    SELECT u.vendor_id, u.week FROM unnest(touched_vendors, touched_weeks) AS u(vendor_id, week)
    UNION
    SELECT r.vendor_id, r.week FROM quality_reviews r WHERE r.case_id = ANY (touched_cases)
  ) t
  HAVING count(*) > 0;
  RETURN NULL;
END $$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['quality_reviews', 'quality_review_answers', 'quality_disputes',
                           'quality_escalation_reviews'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION weekly_quality_parts_follow()', t || '_parts_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION weekly_quality_parts_follow()', t || '_parts_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION weekly_quality_parts_follow()', t || '_parts_delete', t);
  END LOOP;
END $$;

-- Quality figures already recorded before this migration.
SELECT refresh_weekly_quality_parts(array_agg(vendor_id), array_agg(week))
FROM (SELECT vendor_id, week FROM quality_reviews UNION SELECT vendor_id, week FROM quality_escalation_reviews) s;
