-- Every row accounted for (issue 17, SPEC "Imports"): rows read = distinct cases loaded + rows replaced by a
-- later row with the same id in the same file + rows skipped by a mapping rule + rows rejected. Each group is
-- counted on the import and listed with its line numbers; optional fields that failed alone are warnings.

ALTER TABLE imports
  ADD COLUMN rows_replaced bigint NOT NULL DEFAULT 0 CHECK (rows_replaced >= 0),
  ADD COLUMN rows_skipped bigint NOT NULL DEFAULT 0 CHECK (rows_skipped >= 0),
  ADD COLUMN rows_warned bigint NOT NULL DEFAULT 0 CHECK (rows_warned >= 0);

-- Imports that succeeded before this migration counted every accepted row as loaded, duplicates included:
-- their figures cannot be split any more, so the rule binds the imports that succeed from now on.
ALTER TABLE imports ADD COLUMN rows_accounted boolean NOT NULL DEFAULT true;
UPDATE imports SET rows_accounted = false WHERE status = 'succeeded';
-- The last guard: a succeeded import whose counts do not add up cannot be written.
ALTER TABLE imports ADD CONSTRAINT imports_rows_add_up CHECK (
  status <> 'succeeded' OR NOT rows_accounted
  OR rows_read = rows_loaded + rows_replaced + rows_skipped + rows_rejected);

-- A row whose external id a later line of the same file repeats: the later line's case is the one loaded.
CREATE TABLE import_replaced_rows (
  import_id bigint NOT NULL REFERENCES imports ON DELETE CASCADE,
  line integer NOT NULL,
  external_id text NOT NULL,
  replaced_by_line integer NOT NULL CHECK (replaced_by_line > line),
  PRIMARY KEY (import_id, line)
);

-- A row left out by the mapping's `skip` rule (e.g. ghost calls), with the rule that matched.
CREATE TABLE import_skipped_rows (
  import_id bigint NOT NULL REFERENCES imports ON DELETE CASCADE,
  line integer NOT NULL,
  reason text NOT NULL,
  PRIMARY KEY (import_id, line)
);

-- An optional field whose value was bad in a loaded row: the field was left empty, the case kept.
CREATE TABLE import_warnings (
  import_id bigint NOT NULL REFERENCES imports ON DELETE CASCADE,
  line integer NOT NULL,
  ordinal smallint NOT NULL,
  column_name text,
  reason text NOT NULL,
  PRIMARY KEY (import_id, line, ordinal)
);
