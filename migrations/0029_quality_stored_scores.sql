-- Each review's score and fatal flag, stored (quality_review_scores becomes a table) instead of aggregated by
-- a view over every review: the view made each review write rebuild its vendor-week's parts, and the
-- calibration pairs of its case, from a sum over all answers (O(all reviews) per write). The scoring rule is
-- restated once, in `quality_score_reviews`, computed for the given reviews only; the triggers that already
-- rebuild the quality parts rescore the touched reviews first, in the writer's transaction: a review's insert
-- or update (its form), its answers (an accepted dispute or a re-import writes them) and a draft form's rule or
-- criteria. A property test holds the stored score to the domain's `scoreReview` after random answer and
-- dispute sequences. Reference: docs/quality.md "Scoring rule".

DROP VIEW quality_contributions;
DROP VIEW quality_review_scores;

-- A review without a row has no criteria to score (its form has none).
CREATE TABLE quality_review_scores (
  review_id bigint PRIMARY KEY REFERENCES quality_reviews ON DELETE CASCADE,
  fatal boolean NOT NULL,
  score double precision
);

-- For the rescore of a draft form's reviews when its rule or criteria change.
CREATE INDEX quality_reviews_form ON quality_reviews (form_id);

-- SPEC (domain restated): packages/domain/src/quality/scoring.ts `scoreReview`. Credit per answer
-- (value − min) ÷ (max − min); N/A left out (NULL credit, which avg ignores) or full marks; section ratio =
-- mean credit; score = 100 × Σ weight·ratio ÷ Σ weight over sections with a counted criterion; a critical
-- criterion at its scale's minimum makes the review fatal, and under rule 'zero' its score 0.
CREATE FUNCTION quality_score_reviews(review_ids bigint[])
RETURNS TABLE (review_id bigint, fatal boolean, score double precision)
LANGUAGE sql STABLE AS $$
WITH credits AS (
  SELECT r.id AS review_id, f.critical_rule, k.section_key, k.section_weight,
         CASE WHEN a.value IS NULL THEN CASE WHEN f.na_rule = 'pass' THEN 1.0::float8 END
              ELSE (a.value - k.scale_min)::float8 / (k.scale_max - k.scale_min) END AS credit,
         coalesce(k.critical AND a.value = k.scale_min, false) AS critical_failed
  FROM quality_reviews r
  JOIN quality_forms f ON f.id = r.form_id
  JOIN quality_form_criteria k ON k.form_id = r.form_id
  LEFT JOIN quality_review_answers a ON a.review_id = r.id AND a.criterion_key = k.key
  WHERE r.id = ANY (review_ids)
), sections AS (
  SELECT credits.review_id, critical_rule, section_weight, avg(credit) AS ratio, bool_or(critical_failed) AS failed
  FROM credits GROUP BY credits.review_id, critical_rule, section_key, section_weight
)
SELECT sections.review_id,
       bool_or(failed),
       CASE WHEN bool_or(failed) AND critical_rule = 'zero' THEN 0::float8
            ELSE 100 * sum(section_weight * ratio) / nullif(sum(section_weight) FILTER (WHERE ratio IS NOT NULL), 0)
       END
FROM sections GROUP BY sections.review_id, critical_rule
$$;

-- PL/pgSQL so that its plans are cached per session (a SQL function's are made again on every call).
CREATE FUNCTION rescore_quality_reviews(review_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM quality_review_scores s WHERE s.review_id = ANY (review_ids);
  INSERT INTO quality_review_scores (review_id, fatal, score) SELECT * FROM quality_score_reviews(review_ids);
END $$;

INSERT INTO quality_review_scores (review_id, fatal, score)
SELECT * FROM quality_score_reviews((SELECT coalesce(array_agg(id), '{}') FROM quality_reviews));

-- As in 0024, reading the stored scores.
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

-- As in 0024, with the vendor-weeks joined laterally behind OFFSET 0: a plain join (or a lateral subquery the
-- planner flattens) filters the view's rows after computing all of them; kept as a subquery, its (vendor, week)
-- reach the view's scans as index conditions, so a rebuild reads the given vendor-weeks' reviews only.
CREATE OR REPLACE FUNCTION refresh_weekly_quality_parts(vendor_ids bigint[], weeks date[]) RETURNS void
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
  CROSS JOIN LATERAL (
    SELECT * FROM quality_contributions c WHERE c.vendor_id = s.vendor_id AND c.week = s.week OFFSET 0
  ) x
  GROUP BY x.vendor_id, x.week, x.queue, x.channel, x.tier, x.site;
END $$;

-- Which reviews a write rescores and which vendor-weeks it moves. A review's insert or update rescores it (its
-- form may have changed); its answers rescore it; a draft form's rule or criteria rescore the form's reviews.
-- Moved: a review's own week (old and new); for a rescored review also every review week of the same case,
-- because an internal review's calibration gap pairs it with the vendor QA's latest review of the case, made in
-- any week. A dispute moves its review's week; an escalation review its own (old and new).
CREATE OR REPLACE FUNCTION weekly_quality_parts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched_vendors bigint[] := '{}';
  touched_weeks date[] := '{}';
  touched_cases bigint[] := '{}';
  touched_reviews bigint[] := '{}';
  rescored bigint[] := '{}';
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
    ELSIF TG_OP IN ('INSERT', 'UPDATE') THEN
      SELECT coalesce(array_agg(id), '{}') INTO rescored FROM new_rows;
    END IF;
  ELSIF TG_TABLE_NAME = 'quality_forms' THEN
    SELECT coalesce(array_agg(r.id), '{}') INTO rescored
    FROM quality_reviews r WHERE r.form_id IN (SELECT id FROM new_rows);
  ELSIF TG_TABLE_NAME = 'quality_form_criteria' THEN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      SELECT rescored || coalesce(array_agg(r.id), '{}') INTO rescored
      FROM quality_reviews r WHERE r.form_id IN (SELECT form_id FROM new_rows);
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
      SELECT rescored || coalesce(array_agg(r.id), '{}') INTO rescored
      FROM quality_reviews r WHERE r.form_id IN (SELECT form_id FROM old_rows);
    END IF;
  ELSE
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      SELECT touched_reviews || coalesce(array_agg(review_id), '{}') INTO touched_reviews FROM new_rows;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
      SELECT touched_reviews || coalesce(array_agg(review_id), '{}') INTO touched_reviews FROM old_rows;
    END IF;
    IF TG_TABLE_NAME = 'quality_review_answers' THEN
      rescored := touched_reviews;
    ELSE
      SELECT touched_vendors || coalesce(array_agg(vendor_id), '{}'), touched_weeks || coalesce(array_agg(week), '{}')
      INTO touched_vendors, touched_weeks FROM quality_reviews WHERE id = ANY (touched_reviews);
    END IF;
  END IF;

  IF cardinality(rescored) > 0 THEN
    PERFORM rescore_quality_reviews(rescored);
    SELECT touched_cases || coalesce(array_agg(case_id), '{}') INTO touched_cases
    FROM quality_reviews WHERE id = ANY (rescored);
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

-- A draft form's rule (quality_forms) or criteria rescore its reviews; a published form is frozen (0021).
CREATE TRIGGER quality_forms_parts_update AFTER UPDATE ON quality_forms REFERENCING OLD TABLE AS old_rows
  NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION weekly_quality_parts_follow();
CREATE TRIGGER quality_form_criteria_parts_insert AFTER INSERT ON quality_form_criteria
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION weekly_quality_parts_follow();
CREATE TRIGGER quality_form_criteria_parts_update AFTER UPDATE ON quality_form_criteria
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION weekly_quality_parts_follow();
CREATE TRIGGER quality_form_criteria_parts_delete AFTER DELETE ON quality_form_criteria
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION weekly_quality_parts_follow();
