-- case_weeks returns a case's week once per kind (arrival, completion, survey), repeats included. Its DISTINCT
-- ran one hash aggregate per case: 5.3 of the 47.7 s an import's upsert of 1,000,000 new cases took (auto_explain).
-- Every caller takes DISTINCT over all its cases at once (the import's touched weeks, a re-attribution's), which
-- removes the repeats in one hash table.
CREATE OR REPLACE FUNCTION case_weeks(created_at timestamptz, solved_at timestamptz, csat_at timestamptz, tz text)
  RETURNS SETOF date
  LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT week
  FROM attribution_weeks(created_at, solved_at, csat_at, true, tz) a
  CROSS JOIN LATERAL (VALUES (a.arrival_week), (a.completion_week), (a.survey_week)) AS v(week)
  WHERE week IS NOT NULL
$$;
