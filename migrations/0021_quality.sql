-- Quality reviews (issue 19): versioned review forms, reviews of imported cases (internal QA or the vendor's
-- own), disputes, sampling plans and escalation reviews. Rules: packages/domain/src/quality; the scoring rule
-- is restated once here, in `quality_review_scores`, and a property test holds it to the domain's.
-- Reference: docs/quality.md.

ALTER TABLE organisation_settings
  ADD COLUMN quality_dispute_window_days integer NOT NULL DEFAULT 7
    CHECK (quality_dispute_window_days BETWEEN 0 AND 365),
  -- Whether vendor users see which internal reviewer scored their cases.
  ADD COLUMN quality_reviewers_shown_to_vendors boolean NOT NULL DEFAULT false;

CREATE TABLE quality_forms (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  version integer NOT NULL CHECK (version >= 1),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('qa_audit', 'escalation_review', 'calibration')),
  -- The scoring rule (FormContent.rule): how N/A counts and what a failed critical criterion does.
  na_rule text NOT NULL CHECK (na_rule IN ('excluded', 'pass')),
  critical_rule text NOT NULL CHECK (critical_rule IN ('zero', 'fatal_only')),
  -- The whole FormContent as the editor saved it; quality_form_criteria is its relational copy once published.
  content jsonb NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  created_by bigint REFERENCES users ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  UNIQUE (key, version),
  CHECK ((status = 'published') = (published_at IS NOT NULL))
);
-- At most one draft per form key: the next version is edited in one place.
CREATE UNIQUE INDEX quality_forms_one_draft ON quality_forms (key) WHERE status = 'draft';

-- One row per criterion of a published form, written in the publishing transaction.
CREATE TABLE quality_form_criteria (
  form_id bigint NOT NULL REFERENCES quality_forms ON DELETE CASCADE,
  key text NOT NULL,
  section_key text NOT NULL,
  section_title text NOT NULL,
  section_weight double precision NOT NULL CHECK (section_weight > 0),
  position integer NOT NULL,
  title text NOT NULL,
  scale_min smallint NOT NULL CHECK (scale_min IN (0, 1)),
  scale_max smallint NOT NULL CHECK (scale_max > scale_min),
  allow_na boolean NOT NULL,
  critical boolean NOT NULL,
  root_causes text[] NOT NULL,
  PRIMARY KEY (form_id, key)
);

-- Frozen once published: the rule and content of a published form, and its criteria, never change; a new
-- version is a new row. Enforced here so that no code path can rescore old reviews by editing a form.
CREATE FUNCTION quality_form_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'quality_forms' THEN
    IF OLD.status = 'published' AND (NEW.content, NEW.na_rule, NEW.critical_rule, NEW.kind, NEW.key, NEW.version, NEW.status)
       IS DISTINCT FROM (OLD.content, OLD.na_rule, OLD.critical_rule, OLD.kind, OLD.key, OLD.version, OLD.status) THEN
      RAISE EXCEPTION 'quality form % is published and frozen', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF EXISTS (SELECT 1 FROM quality_forms WHERE id = coalesce(NEW.form_id, OLD.form_id) AND status = 'published') THEN
    RAISE EXCEPTION 'quality form % is published and frozen', coalesce(NEW.form_id, OLD.form_id)
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN coalesce(NEW, OLD);
END $$;
CREATE TRIGGER quality_forms_frozen BEFORE UPDATE ON quality_forms
  FOR EACH ROW EXECUTE FUNCTION quality_form_frozen();
CREATE TRIGGER quality_form_criteria_frozen BEFORE INSERT OR UPDATE OR DELETE ON quality_form_criteria
  FOR EACH ROW EXECUTE FUNCTION quality_form_frozen();

CREATE TABLE quality_reviews (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases ON DELETE CASCADE,
  -- The case's vendor when the review was made: isolation filters on it without joining cases.
  vendor_id bigint NOT NULL REFERENCES vendors ON DELETE CASCADE,
  form_id bigint NOT NULL REFERENCES quality_forms ON DELETE RESTRICT,
  reviewer_kind text NOT NULL CHECK (reviewer_kind IN ('internal', 'vendor')),
  reviewer_user_id bigint REFERENCES users ON DELETE SET NULL,
  -- Who reviewed as the source named them (a vendor QA export's reviewer column), or the user's name.
  reviewer_name text NOT NULL CHECK (length(reviewer_name) BETWEEN 1 AND 200),
  feedback text NOT NULL DEFAULT '' CHECK (length(feedback) <= 20000),
  reviewed_at timestamptz NOT NULL,
  -- Reviews count in the week they were made (reporting time zone), not the case's week.
  week date NOT NULL CHECK (extract(isodow FROM week) = 1),
  -- The review's id in the vendor's QA tool, for re-imports of the same export.
  external_id text,
  import_id bigint REFERENCES imports ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS DISTINCT (vendor_id, external_id)
);
CREATE INDEX quality_reviews_vendor_week ON quality_reviews (vendor_id, week);
CREATE INDEX quality_reviews_case ON quality_reviews (case_id);

-- One answer per criterion; value NULL = N/A.
CREATE TABLE quality_review_answers (
  review_id bigint NOT NULL REFERENCES quality_reviews ON DELETE CASCADE,
  criterion_key text NOT NULL,
  value smallint,
  root_cause text,
  PRIMARY KEY (review_id, criterion_key)
);

-- SPEC (domain restated): packages/domain/src/quality/scoring.ts `scoreReview`. Credit per answer
-- (value − min) ÷ (max − min); N/A left out (NULL credit, which avg ignores) or full marks; section ratio =
-- mean credit; score = 100 × Σ weight·ratio ÷ Σ weight over sections with a counted criterion; a critical
-- criterion at its scale's minimum makes the review fatal, and under rule 'zero' its score 0.
CREATE VIEW quality_review_scores AS
WITH credits AS (
  SELECT r.id AS review_id, f.critical_rule, k.section_key, k.section_weight,
         CASE WHEN a.value IS NULL THEN CASE WHEN f.na_rule = 'pass' THEN 1.0::float8 END
              ELSE (a.value - k.scale_min)::float8 / (k.scale_max - k.scale_min) END AS credit,
         coalesce(k.critical AND a.value = k.scale_min, false) AS critical_failed
  FROM quality_reviews r
  JOIN quality_forms f ON f.id = r.form_id
  JOIN quality_form_criteria k ON k.form_id = r.form_id
  LEFT JOIN quality_review_answers a ON a.review_id = r.id AND a.criterion_key = k.key
), sections AS (
  SELECT review_id, critical_rule, section_weight, avg(credit) AS ratio, bool_or(critical_failed) AS failed
  FROM credits GROUP BY review_id, critical_rule, section_key, section_weight
)
SELECT review_id,
       bool_or(failed) AS fatal,
       CASE WHEN bool_or(failed) AND critical_rule = 'zero' THEN 0::float8
            ELSE 100 * sum(section_weight * ratio) / nullif(sum(section_weight) FILTER (WHERE ratio IS NOT NULL), 0)
       END AS score
FROM sections GROUP BY review_id, critical_rule;

-- The history of a review: creation, disputes and decisions, answer changes, acknowledgements.
CREATE TABLE quality_review_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  review_id bigint NOT NULL REFERENCES quality_reviews ON DELETE CASCADE,
  dispute_id bigint,
  actor_user_id bigint REFERENCES users ON DELETE SET NULL,
  actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'token', 'system')),
  kind text NOT NULL CHECK (kind IN ('review_created', 'dispute_opened', 'dispute_decided', 'answer_changed')),
  -- { criterion: { from, to } } for answer changes; the new values for creations.
  changes jsonb NOT NULL DEFAULT '{}',
  note text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quality_review_events_review ON quality_review_events (review_id, at, id);

CREATE TABLE quality_disputes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  review_id bigint NOT NULL REFERENCES quality_reviews ON DELETE CASCADE,
  vendor_id bigint NOT NULL REFERENCES vendors ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'partly_accepted', 'rejected')),
  comment text NOT NULL CHECK (length(comment) BETWEEN 1 AND 5000),
  opened_by bigint REFERENCES users ON DELETE SET NULL,
  opened_at timestamptz NOT NULL DEFAULT now(),
  decided_by bigint REFERENCES users ON DELETE SET NULL,
  decided_at timestamptz,
  reason text CHECK (length(reason) <= 5000),
  CHECK ((status = 'open') = (decided_at IS NULL)),
  CHECK (status = 'open' OR length(reason) >= 1)
);
-- One dispute per review: a decided dispute is final.
CREATE UNIQUE INDEX quality_disputes_one_per_review ON quality_disputes (review_id);
CREATE INDEX quality_disputes_vendor ON quality_disputes (vendor_id, status);

CREATE TABLE quality_dispute_items (
  dispute_id bigint NOT NULL REFERENCES quality_disputes ON DELETE CASCADE,
  criterion_key text NOT NULL,
  proposed_value smallint,
  comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 5000),
  -- NULL until decided; true = the proposed answer replaced the reviewer's.
  accepted boolean,
  PRIMARY KEY (dispute_id, criterion_key)
);

CREATE TABLE quality_sampling_plans (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  vendor_id bigint NOT NULL REFERENCES vendors ON DELETE CASCADE,
  queue text,
  channel text CHECK (channel IN ('voice', 'chat', 'email', 'web', 'social')),
  period text NOT NULL CHECK (period IN ('week', 'month')),
  -- The Monday of the week, or the first of the month, in the reporting time zone.
  period_start date NOT NULL,
  form_id bigint NOT NULL REFERENCES quality_forms ON DELETE RESTRICT,
  margin_points double precision NOT NULL CHECK (margin_points > 0 AND margin_points <= 50),
  confidence double precision NOT NULL CHECK (confidence IN (0.9, 0.95, 0.99)),
  double_audit_share double precision NOT NULL DEFAULT 0 CHECK (double_audit_share BETWEEN 0 AND 1),
  reviewer_user_ids bigint[] NOT NULL CHECK (cardinality(reviewer_user_ids) >= 1),
  -- What the draw found and promised: the cases in scope and the sample size for the wanted interval.
  population integer NOT NULL CHECK (population >= 0),
  sample_size integer NOT NULL CHECK (sample_size BETWEEN 0 AND population),
  created_by bigint REFERENCES users ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (vendor_id, queue, channel, period, period_start),
  CHECK ((period = 'week' AND extract(isodow FROM period_start) = 1)
      OR (period = 'month' AND extract(day FROM period_start) = 1))
);

CREATE TABLE quality_sample_cases (
  plan_id bigint NOT NULL REFERENCES quality_sampling_plans ON DELETE CASCADE,
  case_id bigint NOT NULL REFERENCES cases ON DELETE CASCADE,
  vendor_id bigint NOT NULL REFERENCES vendors ON DELETE CASCADE,
  -- random: drawn from the stratum; double_audit: a case the vendor's own QA reviewed, audited again.
  purpose text NOT NULL CHECK (purpose IN ('random', 'double_audit')),
  stratum_queue text,
  stratum_channel text NOT NULL,
  assigned_user_id bigint REFERENCES users ON DELETE SET NULL,
  PRIMARY KEY (plan_id, case_id)
);
CREATE INDEX quality_sample_cases_assignee ON quality_sample_cases (assigned_user_id);

-- Escalated cases reviewed by the in-house team: avoidable (the vendor could have solved it) or valid.
CREATE TABLE quality_escalation_reviews (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id bigint NOT NULL UNIQUE REFERENCES cases ON DELETE CASCADE,
  vendor_id bigint NOT NULL REFERENCES vendors ON DELETE CASCADE,
  verdict text NOT NULL CHECK (verdict IN ('avoidable', 'valid')),
  root_cause text NOT NULL CHECK (length(root_cause) BETWEEN 1 AND 63),
  feedback text NOT NULL DEFAULT '' CHECK (length(feedback) <= 20000),
  reviewer_user_id bigint REFERENCES users ON DELETE SET NULL,
  reviewed_at timestamptz NOT NULL DEFAULT now(),
  week date NOT NULL CHECK (extract(isodow FROM week) = 1),
  acknowledged_by bigint REFERENCES users ON DELETE SET NULL,
  acknowledged_at timestamptz,
  CHECK ((acknowledged_by IS NULL) OR (acknowledged_at IS NOT NULL))
);
CREATE INDEX quality_escalation_reviews_vendor_week ON quality_escalation_reviews (vendor_id, week);
