-- Improvement plans, review meetings and action items (issue 6). Rules: packages/domain/src/plans;
-- decisions where SPEC is silent: docs/plans.md. Every change to a plan, meeting or item writes a
-- plan_events row in the same transaction (packages/db/src/plans), so the history is never partial.

CREATE TABLE plans (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  vendor_id bigint NOT NULL REFERENCES vendors ON DELETE CASCADE,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  -- The scorecard week the baseline values were read from (a Monday).
  baseline_week date NOT NULL CHECK (extract(isodow FROM baseline_week) = 1),
  due_date date NOT NULL,
  owner_user_id bigint NOT NULL REFERENCES users ON DELETE RESTRICT,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'achieved', 'missed', 'cancelled')),
  status_changed_at timestamptz NOT NULL DEFAULT now(),
  created_by bigint REFERENCES users ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (due_date >= baseline_week)
);
CREATE INDEX plans_vendor_status ON plans (vendor_id, status);
CREATE INDEX plans_status ON plans (status);

-- One row per metric the plan tracks; a plan is achieved only when all of them meet their targets.
CREATE TABLE plan_metrics (
  plan_id bigint NOT NULL REFERENCES plans ON DELETE CASCADE,
  metric text NOT NULL CHECK (metric IN (
    'csat', 'service_level', 'aht', 'frt', 'fcr', 'resolution_time',
    'reopen_rate', 'escalation_rate', 'abandon_rate')),
  baseline_value double precision,
  target_value double precision NOT NULL CHECK (target_value >= 0),
  PRIMARY KEY (plan_id, metric)
);

CREATE TABLE plan_meetings (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id bigint NOT NULL REFERENCES plans ON DELETE CASCADE,
  held_on date NOT NULL,
  attendees text[] NOT NULL DEFAULT '{}',
  notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 20000),
  created_by bigint REFERENCES users ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_meetings_plan ON plan_meetings (plan_id, held_on);

CREATE TABLE plan_items (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id bigint NOT NULL REFERENCES plans ON DELETE CASCADE,
  -- NULL when the item was created by hand rather than in a review meeting.
  meeting_id bigint REFERENCES plan_meetings ON DELETE SET NULL,
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  owner_user_id bigint NOT NULL REFERENCES users ON DELETE RESTRICT,
  due_date date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done')),
  done_at timestamptz,
  created_by bigint REFERENCES users ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'done') = (done_at IS NOT NULL))
);
CREATE INDEX plan_items_plan ON plan_items (plan_id);
-- Overdue counts per vendor read the open items by due date.
CREATE INDEX plan_items_open_due ON plan_items (due_date) WHERE status <> 'done';

CREATE TABLE plan_item_comments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id bigint NOT NULL REFERENCES plan_items ON DELETE CASCADE,
  author_user_id bigint REFERENCES users ON DELETE SET NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_item_comments_item ON plan_item_comments (item_id, created_at);

-- The history: who changed what and when. actor_user_id NULL = the system (automatic evaluation) or an
-- API token; `changes` holds { field: { from, to } } for edits, the new values for creations.
CREATE TABLE plan_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id bigint NOT NULL REFERENCES plans ON DELETE CASCADE,
  item_id bigint REFERENCES plan_items ON DELETE CASCADE,
  meeting_id bigint REFERENCES plan_meetings ON DELETE SET NULL,
  actor_user_id bigint REFERENCES users ON DELETE SET NULL,
  actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'token', 'system')),
  kind text NOT NULL CHECK (kind IN (
    'plan_created', 'plan_updated', 'plan_status', 'meeting_added',
    'item_created', 'item_updated', 'item_status', 'item_comment')),
  changes jsonb NOT NULL DEFAULT '{}',
  note text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_events_plan ON plan_events (plan_id, at, id);
CREATE INDEX plan_events_item ON plan_events (item_id, at, id) WHERE item_id IS NOT NULL;
