-- Archiving a vendor (docs/definitions.md "Archived vendors"): the vendor keeps its cases, history and terms,
-- and leaves the scorecards of the weeks from the one it was archived in, the pickers, the report schedules,
-- alert evaluation and sampling. Its users and tokens are refused while it is archived.
ALTER TABLE vendors ADD COLUMN archived_at timestamptz;

-- Archiving or restoring narrows or widens every principal of the vendor: cached principals must be looked up
-- again (the metrics generation moves already through the statement trigger on vendors).
CREATE TRIGGER vendors_bump_auth AFTER UPDATE ON vendors FOR EACH ROW
  WHEN (OLD.archived_at IS DISTINCT FROM NEW.archived_at)
  EXECUTE FUNCTION bump_serving_generation('auth');

-- Rows of an import attributed to a vendor that was archived when it committed: still loaded and counted
-- (never dropped), and named on the import so the user sees where they went.
CREATE TABLE import_archived_vendor_cases (
  import_id bigint NOT NULL REFERENCES imports ON DELETE CASCADE,
  vendor_id bigint NOT NULL REFERENCES vendors ON DELETE CASCADE,
  case_count integer NOT NULL,
  PRIMARY KEY (import_id, vendor_id)
);
