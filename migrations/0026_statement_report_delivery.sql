-- A shared statement rides along with the first weekly report email after it was shared, once: the delivery
-- that claimed it (apps/worker/src/reports/send-report.ts; packages/db/src/credits/statement-mail.ts). A retry
-- of that delivery attaches it again (the earlier attempt did not send); no later delivery does. No foreign
-- key: the delivery log is truncated and pruned on its own terms, and the claim must outlive that.
ALTER TABLE credit_statements ADD COLUMN report_delivery_id bigint;
CREATE INDEX credit_statements_unsent ON credit_statements (vendor_id) WHERE report_delivery_id IS NULL AND status <> 'draft';
