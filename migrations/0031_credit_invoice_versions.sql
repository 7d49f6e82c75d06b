-- A month's own invoice amount is versioned like the money terms (0030, docs/credits.md "Versions"): a statement
-- names the invoice version it was computed with (invoice_id; null: the month had no invoice of its own and the
-- terms' amount applied), and a change to an invoice that any statement used marks it superseded and stores the
-- change as the next version (packages/db/src/credits/invoices.ts setMonthInvoice), so a final statement keeps
-- the invoice it used. The newest version of a vendor's month (superseded_at null) is the one in force.
ALTER TABLE credit_invoices DROP CONSTRAINT credit_invoices_pkey;
ALTER TABLE credit_invoices
  ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  ADD COLUMN superseded_at timestamptz,
  ADD CONSTRAINT credit_invoices_version_key UNIQUE (vendor_id, month, version);
CREATE UNIQUE INDEX credit_invoices_current ON credit_invoices (vendor_id, month) WHERE superseded_at IS NULL;

ALTER TABLE credit_statements ADD COLUMN invoice_id bigint REFERENCES credit_invoices;
-- Until now an invoice was only ever replaced in place, so what an earlier statement used is not recorded
-- anywhere but in its amounts; the month's invoice as it stands at the deploy is the one it is linked to.
UPDATE credit_statements s SET invoice_id = i.id
FROM credit_invoices i WHERE i.vendor_id = s.vendor_id AND i.month = s.month;
