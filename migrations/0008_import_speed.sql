-- Import speed (issue 3 benchmark). Each change is justified by a measurement on a 1,000,000-row import
-- (docs/imports.md, "Pipeline"); nothing here changes what a case means.

-- cases.import_id records which import last wrote a case (provenance, shown nowhere as a join). No route,
-- job or retention rule deletes an import, so the foreign key's ON DELETE SET NULL never fires, while its
-- per-row check (one index probe of `imports` per inserted or updated case) cost ~7 s of the final upsert
-- of a million cases. The column stays; it is written only by the import's own transaction with its own id.
ALTER TABLE cases DROP CONSTRAINT cases_import_id_fkey;

-- cases.vendor_id → vendors: the same two rules as the foreign key it replaces, enforced per statement
-- instead of per row. The foreign key's check ran once per inserted case (4.7 s of the million-case upsert
-- under EXPLAIN ANALYZE); this statement trigger reads the statement's new rows once (1.0 s).
--   1. Every non-NULL vendor_id written to cases names an existing vendor. Like the foreign key, the check
--      locks those vendors FOR KEY SHARE, so a concurrent DELETE of one waits for the writing transaction,
--      and a vendor deleted before the lock is not found (each statement of the function sees a new snapshot
--      in READ COMMITTED), which raises foreign_key_violation with the foreign key's own message.
--   2. Deleting a vendor sets vendor_id to NULL on its cases (the foreign key's ON DELETE SET NULL).
-- Vendor ids are GENERATED ALWAYS identities and are never updated, so ON UPDATE needs no rule. TRUNCATE of
-- vendors is no longer refused while cases point at it; nothing in the product truncates vendors.
ALTER TABLE cases DROP CONSTRAINT cases_vendor_id_fkey;

CREATE FUNCTION cases_vendor_exists() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids bigint[];
  missing bigint;
BEGIN
  SELECT array_agg(DISTINCT vendor_id) INTO ids FROM new_cases WHERE vendor_id IS NOT NULL;
  IF ids IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM 1 FROM vendors WHERE id = ANY (ids) ORDER BY id FOR KEY SHARE;
  SELECT min(wanted) INTO missing FROM unnest(ids) AS wanted
  WHERE NOT EXISTS (SELECT 1 FROM vendors WHERE id = wanted);
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'insert or update on table "cases" violates foreign key constraint "cases_vendor_id_fkey"'
      USING ERRCODE = 'foreign_key_violation',
            DETAIL = format('Key (vendor_id)=(%s) is not present in table "vendors".', missing);
  END IF;
  RETURN NULL;
END $$;

-- Transition tables cannot be combined with a column list (UPDATE OF vendor_id), so every UPDATE is checked.
CREATE TRIGGER cases_vendor_exists_insert AFTER INSERT ON cases REFERENCING NEW TABLE AS new_cases
  FOR EACH STATEMENT EXECUTE FUNCTION cases_vendor_exists();
CREATE TRIGGER cases_vendor_exists_update AFTER UPDATE ON cases REFERENCING NEW TABLE AS new_cases
  FOR EACH STATEMENT EXECUTE FUNCTION cases_vendor_exists();

CREATE FUNCTION vendors_detach_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases SET vendor_id = NULL WHERE vendor_id IN (SELECT id FROM old_vendors);
  RETURN NULL;
END $$;

CREATE TRIGGER vendors_detach_cases AFTER DELETE ON vendors REFERENCING OLD TABLE AS old_vendors
  FOR EACH STATEMENT EXECUTE FUNCTION vendors_detach_cases();
