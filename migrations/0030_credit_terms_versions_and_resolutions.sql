-- Service-credit corrections (docs/credits.md): versioned money terms, a dispute accepted in part as its own
-- resolution, and statements shared before the weekly email carried statements kept out of it.

-- Money terms are versioned. A change to terms that a statement was computed under writes a new version
-- (packages/db/src/credits/credit-terms.ts upsertCreditTerms), so a statement's terms_id keeps naming exactly the
-- terms it used; the newest version of a vendor's month (superseded_at null) is the one in force.
ALTER TABLE credit_terms DROP CONSTRAINT credit_terms_vendor_id_effective_month_key;
ALTER TABLE credit_terms
  ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  ADD COLUMN superseded_at timestamptz,
  ADD CONSTRAINT credit_terms_version_key UNIQUE (vendor_id, effective_month, version);
CREATE UNIQUE INDEX credit_terms_current ON credit_terms (vendor_id, effective_month) WHERE superseded_at IS NULL;

-- A dispute accepted in part is stored as such, with the part waived (a whole acceptance waives the line's whole
-- charge: no amount). Until now it was stored as 'accepted'; the stored statement's line formula said which.
ALTER TABLE credit_disputes DROP CONSTRAINT credit_disputes_status_check;
ALTER TABLE credit_disputes
  ADD CONSTRAINT credit_disputes_status_check CHECK (status IN ('open', 'accepted', 'accepted_in_part', 'rejected')),
  ADD COLUMN waived_minor bigint CHECK (waived_minor > 0),
  ADD CONSTRAINT credit_disputes_waived_in_part CHECK ((status = 'accepted_in_part') = (waived_minor IS NOT NULL));
ALTER TABLE credit_statement_events DROP CONSTRAINT credit_statement_events_kind_check;
ALTER TABLE credit_statement_events ADD CONSTRAINT credit_statement_events_kind_check
  CHECK (kind IN ('computed', 'recomputed', 'shared', 'disputed', 'accepted', 'accepted_in_part', 'rejected', 'finalised'));

-- Earlier partial acceptances: the waived amount is in the line's formula, written by moneyText with two decimals
-- ("partly waived: 1,000.00 EUR of 3,000.00 EUR"), so its digits are the minor units.
WITH partial AS (
  SELECT d.statement_id, d.metric,
    regexp_replace(substring(line ->> 'formula' FROM 'partly waived: ([0-9.,]+) '), '[^0-9]', '', 'g')::bigint AS waived
  FROM credit_disputes d
  JOIN credit_statements s ON s.id = d.statement_id
  CROSS JOIN LATERAL jsonb_array_elements(s.computed -> 'lines') AS line
  WHERE d.status = 'accepted' AND line ->> 'metric' = d.metric AND line ->> 'formula' LIKE '%partly waived: %'
)
UPDATE credit_disputes d SET status = 'accepted_in_part', waived_minor = p.waived
FROM partial p WHERE d.statement_id = p.statement_id AND d.metric = p.metric;
UPDATE credit_statement_events e SET kind = 'accepted_in_part'
FROM credit_disputes d
WHERE e.kind = 'accepted' AND d.status = 'accepted_in_part' AND e.statement_id = d.statement_id AND e.metric = d.metric;

-- A statement shared before 0026 (the weekly email carrying statements) was sent to the vendor by other means
-- then, and its "first weekly email after sharing" has gone out without it: it is never attached, rather than a
-- backlog of old (often final) statements riding along with the next email. Statements shared since 0026 was
-- applied keep their place in the next email. Kysely's migration log records when 0026 was applied; run in the
-- same deploy as this one, every statement past draft at the deploy is exempt.
ALTER TABLE credit_statements ADD COLUMN report_exempt boolean NOT NULL DEFAULT false;
UPDATE credit_statements SET report_exempt = true
WHERE status <> 'draft' AND report_delivery_id IS NULL
  AND coalesce(shared_at, '-infinity') <
    (SELECT "timestamp"::timestamptz FROM kysely_migration WHERE name = '0026_statement_report_delivery');
DROP INDEX credit_statements_unsent;
CREATE INDEX credit_statements_unsent ON credit_statements (vendor_id)
  WHERE report_delivery_id IS NULL AND status <> 'draft' AND NOT report_exempt;
