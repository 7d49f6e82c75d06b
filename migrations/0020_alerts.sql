-- At-risk alerts on week-to-date figures and plan forecasts (issue 20; docs/alerts.md). Rules say what to
-- watch; states carry the guards between evaluations; firings are the ledger (one row per alert, unique);
-- deliveries are one row per firing × channel × recipient, claimed before sending so none goes out twice.

CREATE TABLE alert_rules (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- null: every vendor of the organisation
  vendor_id bigint REFERENCES vendors ON DELETE CASCADE,
  -- null: every metric with a target in force for the vendor (its contract metrics); ignored by plan rules
  metric text CHECK (metric IN (
    'csat', 'service_level', 'aht', 'frt', 'fcr', 'resolution_time',
    'reopen_rate', 'escalation_rate', 'abandon_rate')),
  condition text NOT NULL CHECK (condition IN ('status', 'projection', 'required_rate', 'plan_unachievable')),
  -- required_rate only, in the metric's unit
  threshold double precision,
  -- null: the minimum sample of the vendor's contract terms
  min_sample integer CHECK (min_sample >= 0),
  email_to text[] NOT NULL DEFAULT '{}',
  webhook_url text CHECK (webhook_url ~ '^https?://'),
  -- the HMAC-SHA256 key of the webhook's signature header; shown once to its creator, never listed
  webhook_secret text,
  enabled boolean NOT NULL DEFAULT true,
  created_by bigint REFERENCES users ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((condition = 'required_rate') = (threshold IS NOT NULL)),
  CHECK ((webhook_url IS NULL) = (webhook_secret IS NULL)),
  CHECK (cardinality(email_to) <= 50)
);
CREATE INDEX alert_rules_vendor ON alert_rules (vendor_id);

-- Vendor users (and others) receive a rule's alerts by email; a vendor user only ever about their own vendor.
CREATE TABLE alert_subscriptions (
  rule_id bigint NOT NULL REFERENCES alert_rules ON DELETE CASCADE,
  user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (rule_id, user_id)
);

-- The guard state of one rule × subject ('vendor:<id>:<metric>' or 'plan:<id>'), locked per evaluation.
CREATE TABLE alert_states (
  rule_id bigint NOT NULL REFERENCES alert_rules ON DELETE CASCADE,
  subject text NOT NULL,
  phase text NOT NULL DEFAULT 'ok' CHECK (phase IN ('ok', 'pending', 'firing')),
  severity text NOT NULL DEFAULT 'ok' CHECK (severity IN ('ok', 'at_risk', 'missed', 'already_lost')),
  streak integer NOT NULL DEFAULT 0,
  -- counts the times the subject went from quiet to firing: each episode alerts once per severity
  episode integer NOT NULL DEFAULT 0,
  evaluated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (rule_id, subject)
);

CREATE TABLE alert_firings (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  rule_id bigint NOT NULL REFERENCES alert_rules ON DELETE CASCADE,
  subject text NOT NULL,
  episode integer NOT NULL,
  severity text NOT NULL CHECK (severity IN ('at_risk', 'missed', 'already_lost')),
  vendor_id bigint NOT NULL REFERENCES vendors ON DELETE CASCADE,
  metric text,
  plan_id bigint REFERENCES plans ON DELETE CASCADE,
  week date NOT NULL CHECK (extract(isodow FROM week) = 1),
  -- the figures at firing time (value so far, n, projection with its inputs) and why it fired
  figures jsonb NOT NULL,
  reason text NOT NULL,
  link text NOT NULL,
  fired_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  -- the ledger's guarantee: a retry or a second worker never records (and so never sends) the same alert twice
  UNIQUE (rule_id, subject, episode, severity)
);
CREATE INDEX alert_firings_recent ON alert_firings (fired_at DESC);
CREATE INDEX alert_firings_vendor ON alert_firings (vendor_id, fired_at DESC);

CREATE TABLE alert_deliveries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  firing_id bigint NOT NULL REFERENCES alert_firings ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
  recipient text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'retrying', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  response text,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sending_at timestamptz,
  delivered_at timestamptz,
  failed_at timestamptz,
  UNIQUE (firing_id, channel, recipient)
);
CREATE INDEX alert_deliveries_recent ON alert_deliveries (created_at DESC);
