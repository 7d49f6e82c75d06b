-- Core model: organisation settings, vendors, imports, canonical cases and the weekly additive parts.
-- Definitions follow shared SPEC.md; docs/metrics.md explains every column.

CREATE TABLE organisation_settings (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  reporting_time_zone text NOT NULL DEFAULT 'UTC',
  sl_threshold_voice_seconds integer NOT NULL DEFAULT 20 CHECK (sl_threshold_voice_seconds >= 0),
  sl_threshold_chat_seconds integer NOT NULL DEFAULT 60 CHECK (sl_threshold_chat_seconds >= 0),
  async_sla_seconds integer NOT NULL DEFAULT 86400 CHECK (async_sla_seconds > 0),
  short_abandon_seconds integer NOT NULL DEFAULT 5 CHECK (short_abandon_seconds >= 0),
  repeat_window_seconds integer NOT NULL DEFAULT 604800 CHECK (repeat_window_seconds >= 0),
  satisfied_score smallint NOT NULL DEFAULT 4 CHECK (satisfied_score BETWEEN 1 AND 5),
  min_sample integer NOT NULL DEFAULT 30 CHECK (min_sample >= 0),
  composite_weights jsonb NOT NULL
    DEFAULT '{"csat": 30, "service_level": 20, "fcr": 20, "aht": 15, "frt": 15}',
  plan_achieved_after_weeks integer NOT NULL DEFAULT 2 CHECK (plan_achieved_after_weeks >= 1),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO organisation_settings DEFAULT VALUES;

-- The Monday (as a date) of the ISO week that contains `ts` in the time zone `tz`.
CREATE FUNCTION scorecard_week(ts timestamptz, tz text) RETURNS date
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN date_trunc('week', ts AT TIME ZONE tz)::date;

CREATE TABLE vendors (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  time_zone text NOT NULL DEFAULT 'UTC',
  report_recipients text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);

-- (source, field, value) → vendor: help desks export the BPO as a group, brand or queue, never as "vendor".
CREATE TABLE vendor_mappings (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source text NOT NULL,
  field text NOT NULL,
  value text NOT NULL,
  vendor_id bigint NOT NULL REFERENCES vendors ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, field, value)
);

-- User-defined column-mapping presets; built-in presets live in code (packages/domain/src/mapping).
CREATE TABLE mapping_presets (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  version integer NOT NULL CHECK (version >= 1),
  name text NOT NULL,
  document jsonb NOT NULL,
  deleted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (key, version)
);

CREATE TABLE imports (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  file_name text NOT NULL,
  stored_path text NOT NULL,
  file_bytes bigint NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'duplicate')),
  duplicate_of bigint REFERENCES imports,
  source text,
  preset_key text,
  preset_version integer,
  mapping jsonb,
  source_time_zone text NOT NULL DEFAULT 'UTC',
  rows_read bigint NOT NULL DEFAULT 0,
  rows_loaded bigint NOT NULL DEFAULT 0,
  rows_rejected bigint NOT NULL DEFAULT 0,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
-- A byte-identical file is imported once; a failed attempt does not block a new upload.
CREATE UNIQUE INDEX imports_sha256_once ON imports (sha256)
  WHERE status IN ('queued', 'running', 'succeeded');
CREATE INDEX imports_created_at ON imports (created_at DESC);

CREATE TABLE import_rejects (
  import_id bigint NOT NULL REFERENCES imports ON DELETE CASCADE,
  line integer NOT NULL,
  column_name text,
  reason text NOT NULL,
  raw text NOT NULL,
  PRIMARY KEY (import_id, line)
);

CREATE TABLE import_unmapped_values (
  import_id bigint NOT NULL REFERENCES imports ON DELETE CASCADE,
  field text NOT NULL,
  value text NOT NULL,
  case_count integer NOT NULL,
  PRIMARY KEY (import_id, field, value)
);

CREATE TABLE cases (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source text NOT NULL CHECK (source IN ('zendesk', 'freshdesk', 'salesforce', 'telephony', 'generic')),
  external_id text NOT NULL,
  vendor_id bigint REFERENCES vendors ON DELETE SET NULL,
  -- The attribution key as the export carried it; vendor_mappings resolve it to vendor_id.
  vendor_field text,
  vendor_value text,
  site text,
  queue text,
  channel text NOT NULL CHECK (channel IN ('voice', 'chat', 'email', 'web', 'social')),
  tier smallint CHECK (tier IN (1, 2)),
  customer_id text,
  agent_id text,
  created_at timestamptz NOT NULL,
  first_response_at timestamptz,
  solved_at timestamptz,
  status text,
  reopen_count integer CHECK (reopen_count >= 0),
  handle_seconds integer CHECK (handle_seconds >= 0),
  wait_seconds integer CHECK (wait_seconds >= 0),
  answered boolean,
  abandoned boolean,
  csat_score smallint,
  csat_scale smallint CHECK (csat_scale IN (2, 5)),
  csat_at timestamptz,
  escalated boolean,
  first_contact_resolved boolean,
  updated_at timestamptz,
  -- The help desk's own figures (e.g. Zendesk "First reply time in minutes"), kept for reconciliation.
  reported jsonb,
  import_id bigint REFERENCES imports ON DELETE SET NULL,
  loaded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, external_id),
  CHECK (csat_score IS NULL OR (csat_scale IS NOT NULL AND csat_score BETWEEN 1 AND csat_scale)),
  CHECK (first_response_at IS NULL OR first_response_at >= created_at),
  CHECK (solved_at IS NULL OR solved_at >= created_at)
);
CREATE INDEX cases_vendor_created ON cases (vendor_id, created_at);
CREATE INDEX cases_vendor_solved ON cases (vendor_id, solved_at) WHERE solved_at IS NOT NULL;
CREATE INDEX cases_vendor_csat ON cases (vendor_id, csat_at) WHERE csat_at IS NOT NULL;
CREATE INDEX cases_repeat_contact ON cases (customer_id, queue, created_at) WHERE customer_id IS NOT NULL;
CREATE INDEX cases_unmapped ON cases (source, vendor_field, vendor_value) WHERE vendor_id IS NULL;

-- Additive parts per vendor × week × queue × channel × tier × site: every ratio is rebuilt from sums,
-- never averaged. `week` is the Monday of the ISO week in the reporting time zone.
CREATE TABLE weekly_parts (
  vendor_id bigint NOT NULL REFERENCES vendors ON DELETE CASCADE,
  week date NOT NULL CHECK (extract(isodow FROM week) = 1),
  queue text,
  channel text NOT NULL,
  tier smallint,
  site text,
  -- arrival week (created_at)
  volume integer NOT NULL DEFAULT 0,
  escalated integer NOT NULL DEFAULT 0,
  live_offered integer NOT NULL DEFAULT 0,
  live_answered_within integer NOT NULL DEFAULT 0,
  live_abandoned integer NOT NULL DEFAULT 0,
  async_due integer NOT NULL DEFAULT 0,
  async_met integer NOT NULL DEFAULT 0,
  frt_count integer NOT NULL DEFAULT 0,
  frt_seconds_sum double precision NOT NULL DEFAULT 0,
  -- completion week (solved_at)
  solved integer NOT NULL DEFAULT 0,
  handle_count integer NOT NULL DEFAULT 0,
  handle_seconds_sum bigint NOT NULL DEFAULT 0,
  fcr_resolved integer NOT NULL DEFAULT 0,
  reopened integer NOT NULL DEFAULT 0,
  resolution_count integer NOT NULL DEFAULT 0,
  resolution_seconds_sum double precision NOT NULL DEFAULT 0,
  -- survey week (csat_at, else solved_at)
  csat_responses integer NOT NULL DEFAULT 0,
  csat_satisfied integer NOT NULL DEFAULT 0,
  computed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (vendor_id, week, queue, channel, tier, site)
);
CREATE INDEX weekly_parts_week ON weekly_parts (week, vendor_id);

-- Medians and p90 per vendor-week, computed from the cases with percentile_cont (never averaged).
CREATE TABLE weekly_distributions (
  vendor_id bigint NOT NULL REFERENCES vendors ON DELETE CASCADE,
  week date NOT NULL,
  metric text NOT NULL CHECK (metric IN ('frt', 'resolution_time')),
  n integer NOT NULL,
  median_seconds double precision,
  p90_seconds double precision,
  mean_seconds double precision,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (vendor_id, week, metric)
);

CREATE TABLE targets (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  metric text NOT NULL CHECK (metric IN (
    'csat', 'service_level', 'aht', 'frt', 'fcr', 'resolution_time',
    'reopen_rate', 'escalation_rate', 'abandon_rate')),
  value double precision NOT NULL CHECK (value >= 0),
  vendor_id bigint REFERENCES vendors ON DELETE CASCADE,
  channel text CHECK (channel IN ('voice', 'chat', 'email', 'web', 'social')),
  queue text,
  effective_from date NOT NULL CHECK (extract(isodow FROM effective_from) = 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (channel IS NULL OR queue IS NULL),
  UNIQUE NULLS NOT DISTINCT (metric, vendor_id, channel, queue, effective_from)
);
