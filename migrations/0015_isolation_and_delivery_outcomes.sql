-- Issue 23 (isolation, exactly-once email).

-- A vendor user sees derived cross-vendor figures (its rank, its case-mix-adjusted composite and values,
-- the pooled share of work the other vendors do not cover) only when the organisation chooses to share
-- them; by default those figures are hidden from vendor users (docs/security.md "Vendor isolation").
ALTER TABLE organisation_settings ADD COLUMN share_rank_with_vendors boolean NOT NULL DEFAULT false;

-- `unknown`: the SMTP conversation broke after the message may have reached the server (a timeout or a
-- dropped connection without a reply to DATA). Never retried automatically: a person checks the server for
-- the Message-ID and resolves the row (marks it sent, or resends). `resolved_by`/`resolved_at` record that.
ALTER TABLE report_deliveries DROP CONSTRAINT report_deliveries_status_check;
ALTER TABLE report_deliveries
  ADD CONSTRAINT report_deliveries_status_check CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'unknown'));
ALTER TABLE report_deliveries ADD COLUMN unknown_at timestamptz;
ALTER TABLE report_deliveries ADD COLUMN resolved_by bigint REFERENCES users ON DELETE SET NULL;
ALTER TABLE report_deliveries ADD COLUMN resolved_at timestamptz;
