-- Import identity (issue 11): an import is its file's bytes AND how they are read. The same bytes under another
-- mapping document or source time zone (a fixed preset, an edited mapping) are a new import that re-attributes
-- and recomputes like any other; only the same bytes read the same way are a duplicate.
--
-- mapping_sha256 = sha-256 (hex) of the canonical JSON of {"document": <mapping>, "timeZone": <source zone>}:
-- object keys sorted at every depth, no whitespace (packages/domain/src/mapping/identity.ts computes it for
-- new uploads). The temporary function below writes the same text from the stored jsonb, so an import stored
-- before this migration still recognises its own file. (Keys sort by code point here and by UTF-16 unit there;
-- the two orders differ only between characters above U+FFFF and U+E000–U+FFFF.) Imports without a document
-- (duplicates recorded before the mapping was resolved) hash {"document": null, …}; the index ignores them.

CREATE FUNCTION pg_temp.canonical_json(value jsonb) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN CASE jsonb_typeof(value)
    WHEN 'object' THEN '{' || coalesce((
      SELECT string_agg(to_jsonb(e.key)::text || ':' || pg_temp.canonical_json(e.value), ',' ORDER BY e.key COLLATE "C")
      FROM jsonb_each(value) AS e), '') || '}'
    WHEN 'array' THEN '[' || coalesce((
      SELECT string_agg(pg_temp.canonical_json(e.value), ',' ORDER BY e.n)
      FROM jsonb_array_elements(value) WITH ORDINALITY AS e(value, n)), '') || ']'
    -- Scalars: jsonb writes strings with the escapes JSON.stringify uses, and integers the same way.
    ELSE value::text
  END;
END
$$;

ALTER TABLE imports ADD COLUMN mapping_sha256 text;
UPDATE imports SET mapping_sha256 = encode(sha256(convert_to(
  pg_temp.canonical_json(jsonb_build_object('document', mapping, 'timeZone', source_time_zone)), 'UTF8')), 'hex');
ALTER TABLE imports
  ALTER COLUMN mapping_sha256 SET NOT NULL,
  ADD CONSTRAINT imports_mapping_sha256_check CHECK (mapping_sha256 ~ '^[0-9a-f]{64}$');

DROP FUNCTION pg_temp.canonical_json(jsonb);

-- A file read one way is imported once; a failed attempt does not block a new upload.
DROP INDEX imports_sha256_once;
CREATE UNIQUE INDEX imports_identity_once ON imports (sha256, mapping_sha256)
  WHERE status IN ('queued', 'running', 'succeeded');
