-- Weekly report emails (SPEC "Weekly report emails"; docs/reports.md).

-- One schedule per vendor. A vendor without a row gets the default (Monday 09:00 in its time zone, enabled);
-- the worker reconciles BullMQ's job schedulers with this table on start, the API upserts one on change.
CREATE TABLE report_schedules (
  vendor_id bigint PRIMARY KEY REFERENCES vendors ON DELETE CASCADE,
  cron text NOT NULL CHECK (length(cron) BETWEEN 9 AND 100),
  enabled boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The delivery log and the last guard against sending twice. The normal send of a vendor-week is one row
-- (partial unique index below): a worker claims it atomically (queued/failed → sending) before it talks to
-- SMTP, and marks it sent with the server's message id afterwards. A resend is a new row pointing at the
-- delivery it repeats. A row left in `sending` (crash between SMTP accept and the update) is never retried
-- automatically: at-most-once; a person checks the mailbox for its Message-ID and resends if needed.
CREATE TABLE report_deliveries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  vendor_id bigint NOT NULL REFERENCES vendors ON DELETE CASCADE,
  week date NOT NULL CHECK (extract(isodow FROM week) = 1),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  recipients text[] NOT NULL DEFAULT '{}',
  message_id text,
  server_response text,
  error text,
  resend_of bigint REFERENCES report_deliveries,
  requested_by bigint REFERENCES users ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  sending_at timestamptz,
  sent_at timestamptz,
  failed_at timestamptz
);
CREATE UNIQUE INDEX report_deliveries_once ON report_deliveries (vendor_id, week) WHERE resend_of IS NULL;
CREATE INDEX report_deliveries_recent ON report_deliveries (created_at DESC);
