-- Scheduled imports (issue 24): sources that are pulled on a schedule (SFTP folder, S3-compatible bucket,
-- Zendesk incremental ticket export). Every pull creates ordinary `imports` rows; this schema only records
-- where they came from, so that each file or page is imported once.

CREATE TABLE import_sources (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('sftp', 's3', 'zendesk')),
  -- Connection settings without secrets (host, folder, bucket, …), shown by the API.
  settings jsonb NOT NULL,
  -- The secrets (password, private key, access key, API token) as one AES-256-GCM envelope; never returned.
  secret_ciphertext text,
  -- How the pulled files are read: a mapping preset (built-in or user) and the source time zone.
  preset_key text NOT NULL,
  time_zone text NOT NULL DEFAULT 'UTC',
  -- A BullMQ Job Scheduler `source-<id>` runs `cron` in `schedule_time_zone` while the source is enabled.
  cron text NOT NULL,
  schedule_time_zone text NOT NULL DEFAULT 'UTC',
  enabled boolean NOT NULL DEFAULT true,
  -- Zendesk: the `after_cursor` of the last page whose cases are committed; a pull resumes from it.
  cursor text,
  consecutive_failures integer NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
  last_run_at timestamptz,
  last_success_at timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per file or page a source handed to the import pipeline, written in the same transaction as its
-- import. The unique key is the last guard against two workers importing the same file or page twice.
CREATE TABLE import_source_items (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source_id bigint NOT NULL REFERENCES import_sources ON DELETE CASCADE,
  -- SFTP: path, size and modification time; S3: key and ETag; Zendesk: the cursor the page was requested with.
  item_key text NOT NULL CHECK (length(item_key) BETWEEN 1 AND 2000),
  -- The import holding this item's rows (the earlier live import when the bytes were a duplicate).
  import_id bigint NOT NULL REFERENCES imports ON DELETE CASCADE,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  -- Zendesk: the page's `after_cursor` and `end_of_stream`, so a pull resuming after a crash knows where the
  -- page led without fetching it again. The source's cursor moves there only once the page's import commits.
  next_cursor text,
  end_of_stream boolean,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source_id, item_key)
);
CREATE INDEX import_source_items_import ON import_source_items (import_id);

-- One row per pull: what it found and created, and why it failed.
CREATE TABLE import_source_runs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source_id bigint NOT NULL REFERENCES import_sources ON DELETE CASCADE,
  trigger text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  -- The BullMQ job of the pull: a pull taken over after its worker died continues the same run row.
  job_id text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed', 'skipped')),
  items_found integer NOT NULL DEFAULT 0,
  imports_created integer NOT NULL DEFAULT 0,
  error text,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX import_source_runs_source ON import_source_runs (source_id, started_at DESC);
