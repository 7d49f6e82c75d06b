-- Reviews imported as CSV (a vendor's own QA export, or internal QA from a spreadsheet) through the same import
-- pipeline as case exports: the import row says which kind of rows it loads; everything else (identity,
-- accounting, rejects, replaced and skipped rows, warnings, retry) is shared.
ALTER TABLE imports ADD COLUMN kind text NOT NULL DEFAULT 'cases' CHECK (kind IN ('cases', 'reviews'));

-- The overall score the vendor's QA tool gave, 0..100, kept beside ours (which is always computed from the
-- answers by the form's rule). A disagreement is a warning of the import, never an overwrite.
ALTER TABLE quality_reviews
  ADD COLUMN tool_score double precision CHECK (tool_score BETWEEN 0 AND 100);
