-- Import pipeline (issue 3): what each import touched, so a retry after the commit can re-enqueue
-- the recompute without re-reading the file.

-- The vendor-weeks whose metrics an import changed (old and new versions of every upserted case and
-- the earlier cases whose FCR the new ones decide). Written in the import's final transaction.
CREATE TABLE import_touched_weeks (
  import_id bigint NOT NULL REFERENCES imports ON DELETE CASCADE,
  vendor_id bigint NOT NULL REFERENCES vendors ON DELETE CASCADE,
  week date NOT NULL CHECK (extract(isodow FROM week) = 1),
  PRIMARY KEY (import_id, vendor_id, week)
);

-- Latest version of a user preset by key.
CREATE INDEX mapping_presets_key_version ON mapping_presets (key, version DESC);
