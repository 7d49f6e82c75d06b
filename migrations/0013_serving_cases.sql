-- API speed (issue 9): a third serving generation, `cases`, bumped by every write to the cases table, so
-- that what the API reads straight from the cases (the drill-down, filtered scorecards' medians) can be cached
-- under it as the scorecard is under `metrics` (docs/metrics.md "Serving"). Per statement, like `metrics`: an
-- import's upsert bumps once, whatever its size.
ALTER TABLE serving_generations DROP CONSTRAINT serving_generations_name_check;
ALTER TABLE serving_generations ADD CONSTRAINT serving_generations_name_check
  CHECK (name IN ('metrics', 'auth', 'cases'));
INSERT INTO serving_generations (name) VALUES ('cases');

CREATE TRIGGER cases_bump_cases AFTER INSERT OR UPDATE OR DELETE ON cases
  FOR EACH STATEMENT EXECUTE FUNCTION bump_serving_generation('cases');
CREATE TRIGGER cases_truncate_cases AFTER TRUNCATE ON cases
  FOR EACH STATEMENT EXECUTE FUNCTION bump_serving_generation('cases');
