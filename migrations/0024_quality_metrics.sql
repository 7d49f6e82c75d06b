-- Quality metrics in the metric catalogue: the additive parts of the quality figures per vendor × review week ×
-- the reviewed case's queue × channel × tier × site, beside weekly_parts (which holds the parts of case_facts).
-- Reviews and escalation reviews count in the week they were made (quality_reviews.week,
-- quality_escalation_reviews.week). Reference: docs/quality.md "Metrics", docs/metrics.md.
--
-- The parts follow every write by themselves: statement triggers on the quality tables rebuild the touched
-- vendor-weeks in the writer's transaction, and the table's own trigger bumps the `metrics` serving generation,
-- so no cache serves a figure older than the review, dispute decision or escalation review it shows.
-- Targets and improvement plans on the quality metrics (the calibration gap, signed, takes no target).
ALTER TABLE targets DROP CONSTRAINT targets_metric_check;
ALTER TABLE targets ADD CONSTRAINT targets_metric_check CHECK (metric IN (
  'csat', 'service_level', 'aht', 'frt', 'fcr', 'resolution_time', 'reopen_rate', 'escalation_rate', 'abandon_rate',
  'quality_score', 'fatal_error_rate', 'dispute_rate', 'dispute_acceptance_rate', 'avoidable_escalation_rate'));
ALTER TABLE plan_metrics DROP CONSTRAINT plan_metrics_metric_check;
ALTER TABLE plan_metrics ADD CONSTRAINT plan_metrics_metric_check CHECK (metric IN (
  'csat', 'service_level', 'aht', 'frt', 'fcr', 'resolution_time', 'reopen_rate', 'escalation_rate', 'abandon_rate',
  'quality_score', 'fatal_error_rate', 'dispute_rate', 'dispute_acceptance_rate', 'avoidable_escalation_rate'));

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

-- The one home of the quality parts' rules: one row per internal review and per escalation review, with its
-- 0/1 (or summed) contribution to every quality part, the reviewed case's groups and its own arrival week.
-- The refresh sums it per vendor-week; the drill-down (GET /api/quality/drill-down) lists its rows.
-- The calibration pair of an internal review is the vendor QA's latest scored review of the same case
-- (reviewed_at, then id), as GET /api/quality/calibration pairs them per criterion.
CREATE VIEW quality_contributions AS
SELECT 'review'::text AS kind, r.id AS review_id, NULL::bigint AS escalation_review_id, r.vendor_id, r.week,
  r.case_id, r.reviewed_at, c.queue, c.channel, c.tier, c.site,
  scorecard_week(c.created_at, o.reporting_time_zone) AS case_week,
  1 AS reviews, (x.score IS NOT NULL)::int AS scored, x.score, x.fatal, d.status AS dispute_status,
  (d.id IS NOT NULL)::int AS disputed, (d.status IS NOT NULL AND d.status <> 'open')::int AS decided,
  coalesce(d.status IN ('accepted', 'partly_accepted'), false)::int AS accepted,
  pair.vendor_review_id, pair.vendor_score, x.score - pair.vendor_score AS gap,
  0 AS escalation_reviews, 0 AS avoidable, NULL::text AS verdict
FROM quality_reviews r
JOIN quality_review_scores x ON x.review_id = r.id
JOIN cases c ON c.id = r.case_id
CROSS JOIN organisation_settings o
LEFT JOIN quality_disputes d ON d.review_id = r.id
LEFT JOIN LATERAL (
  SELECT v.id AS vendor_review_id, vx.score AS vendor_score
  FROM quality_reviews v JOIN quality_review_scores vx ON vx.review_id = v.id
  WHERE v.case_id = r.case_id AND v.reviewer_kind = 'vendor' AND vx.score IS NOT NULL AND x.score IS NOT NULL
  ORDER BY v.reviewed_at DESC, v.id DESC LIMIT 1
) pair ON true
WHERE r.reviewer_kind = 'internal'
UNION ALL
SELECT 'escalation', NULL, e.id, e.vendor_id, e.week, e.case_id, e.reviewed_at, c.queue, c.channel, c.tier, c.site,
  scorecard_week(c.created_at, o.reporting_time_zone),
  0, 0, NULL, false, NULL, 0, 0, 0, NULL, NULL, NULL, 1, (e.verdict = 'avoidable')::int, e.verdict
FROM quality_escalation_reviews e
JOIN cases c ON c.id = e.case_id
CROSS JOIN organisation_settings o;

-- Rebuilds exactly the given (vendor, week) pairs. Rebuilds are serialised (a delete-then-insert of the same
-- vendor-week by two writers would collide); the recompute takes the same lock before it writes anything, so
-- both take it before the serving-generation row.
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
  SELECT x.vendor_id, x.week, x.queue, x.channel, x.tier, x.site, sum(x.reviews), sum(x.scored),
    coalesce(sum(x.score), 0), coalesce(sum(x.score * x.score), 0), count(*) FILTER (WHERE x.fatal),
    sum(x.disputed), sum(x.decided), sum(x.accepted), count(x.gap), coalesce(sum(x.gap), 0),
    coalesce(sum(x.gap * x.gap), 0), sum(x.escalation_reviews), sum(x.avoidable)
  FROM (SELECT DISTINCT vendor_id, week FROM unnest(vendor_ids, weeks) AS u(vendor_id, week)) s
  JOIN quality_contributions x ON x.vendor_id = s.vendor_id AND x.week = s.week
  GROUP BY x.vendor_id, x.week, x.queue, x.channel, x.tier, x.site;
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
