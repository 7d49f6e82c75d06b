-- Monthly service credits (issue 21): money terms dated by month, service levels per metric, volume forecasts,
-- relief events, statements with their dispute and history, and the finance role. Rules: docs/credits.md;
-- the TypeScript rules: packages/domain/src/credits.

ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'ops', 'viewer', 'vendor', 'finance'));
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_role_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_role_check
  CHECK (role IN ('admin', 'ops', 'viewer', 'vendor', 'finance'));

-- Ops see amounts unless the organisation hides them; viewers never do (apps/api/src/credits/amounts.ts).
ALTER TABLE organisation_settings ADD COLUMN hide_amounts_from_ops boolean NOT NULL DEFAULT false;

-- Money terms per vendor, in force from the first day of a month until the next row. Money in minor units,
-- rates in basis points (1 % = 100).
CREATE TABLE credit_terms (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  vendor_id bigint NOT NULL REFERENCES vendors ON DELETE CASCADE,
  effective_month date NOT NULL CHECK (extract(day FROM effective_month) = 1),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  invoice_minor bigint NOT NULL CHECK (invoice_minor >= 0),
  at_risk_bp integer NOT NULL CHECK (at_risk_bp BETWEEN 0 AND 10000),
  pool_bp integer NOT NULL CHECK (pool_bp BETWEEN 0 AND 100000),
  cap_bp integer CHECK (cap_bp BETWEEN 0 AND 10000),
  default_misses integer NOT NULL DEFAULT 4 CHECK (default_misses >= 1),
  default_window_months integer NOT NULL DEFAULT 12 CHECK (default_window_months BETWEEN 1 AND 36),
  earn_back_months integer CHECK (earn_back_months BETWEEN 1 AND 24),
  bonus_bp integer CHECK (bonus_bp BETWEEN 0 AND 10000),
  volume_low_bp integer NOT NULL DEFAULT 9000 CHECK (volume_low_bp BETWEEN 0 AND 10000),
  volume_high_bp integer NOT NULL DEFAULT 11000 CHECK (volume_high_bp >= 10000),
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (vendor_id, effective_month)
);

CREATE TABLE credit_levels (
  terms_id bigint NOT NULL REFERENCES credit_terms ON DELETE CASCADE,
  metric text NOT NULL CHECK (metric <> 'volume'),
  kind text NOT NULL CHECK (kind IN ('critical', 'key')),
  expected double precision NOT NULL,
  minimum double precision NOT NULL,
  allocation_bp integer NOT NULL DEFAULT 0 CHECK (allocation_bp >= 0),
  bonus_level double precision,
  volume_sensitive boolean NOT NULL DEFAULT true,
  PRIMARY KEY (terms_id, metric),
  CHECK (kind = 'critical' OR allocation_bp = 0)
);

-- The month's invoice when it differs from the terms' amount (monthly input).
CREATE TABLE credit_invoices (
  vendor_id bigint NOT NULL REFERENCES vendors ON DELETE CASCADE,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  invoice_minor bigint NOT NULL CHECK (invoice_minor >= 0),
  PRIMARY KEY (vendor_id, month)
);

CREATE TABLE volume_forecasts (
  vendor_id bigint NOT NULL REFERENCES vendors ON DELETE CASCADE,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  forecast integer NOT NULL CHECK (forecast >= 0),
  source text NOT NULL CHECK (source IN ('entered', 'csv')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (vendor_id, month)
);

-- A dated incident where the vendor is not at fault; it excuses its metrics in the months it touches once the
-- client agreed (agreed_at set).
CREATE TABLE relief_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  vendor_id bigint NOT NULL REFERENCES vendors ON DELETE CASCADE,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
  metrics text[] NOT NULL CHECK (cardinality(metrics) > 0),
  case_ids bigint[] NOT NULL DEFAULT '{}',
  agreed_at timestamptz,
  agreed_by bigint REFERENCES users ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX relief_events_vendor ON relief_events (vendor_id, starts_at);

-- One statement per vendor and month. `computed` is the statement as computed (packages/domain
-- credits/statement.ts Statement): frozen once final; a later recompute is shown beside it as a difference.
CREATE TABLE credit_statements (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  vendor_id bigint NOT NULL REFERENCES vendors ON DELETE CASCADE,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'shared', 'disputed', 'final')),
  terms_id bigint NOT NULL REFERENCES credit_terms ON DELETE RESTRICT,
  computed jsonb NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  shared_at timestamptz,
  finalised_at timestamptz,
  UNIQUE (vendor_id, month)
);

CREATE TABLE credit_disputes (
  statement_id bigint NOT NULL REFERENCES credit_statements ON DELETE CASCADE,
  metric text NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
  decision_note text,
  raised_by bigint REFERENCES users ON DELETE SET NULL,
  decided_by bigint REFERENCES users ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  PRIMARY KEY (statement_id, metric)
);

-- Every change of a statement, as plan_events are for action items.
CREATE TABLE credit_statement_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  statement_id bigint NOT NULL REFERENCES credit_statements ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('computed', 'recomputed', 'shared', 'disputed', 'accepted', 'rejected', 'finalised')),
  metric text,
  detail text,
  actor_user_id bigint REFERENCES users ON DELETE SET NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX credit_statement_events_statement ON credit_statement_events (statement_id, id);
