-- API speed (issue 9): generation counters that let the API cache what it serves and still never serve a
-- result older than the last committed write (docs/metrics.md "Serving", docs/security.md "Auth cache").
--   metrics: bumped by every write to what GET /api/scorecards reads (stored parts and medians, targets,
--            settings, vendors, contract terms and calendars).
--   auth:    bumped by every write that can end or narrow a principal (token revoked or changed, session
--            deleted or shortened, user disabled, re-roled or moved to another vendor).
-- The bump is transactional: a reader sees the new generation exactly when it can see the new data. One row
-- per counter, so that a long recompute holding the metrics row never delays a sign-out.
CREATE TABLE serving_generations (
  name text PRIMARY KEY CHECK (name IN ('metrics', 'auth')),
  generation bigint NOT NULL DEFAULT 0
);
INSERT INTO serving_generations (name) VALUES ('metrics'), ('auth');

CREATE FUNCTION bump_serving_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE serving_generations SET generation = generation + 1 WHERE name = TG_ARGV[0];
  RETURN NULL;
END $$;

-- Per statement: a recompute's DELETE and INSERT … SELECT bump twice, not once per row.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['weekly_parts', 'weekly_distributions', 'targets', 'organisation_settings', 'vendors',
                           'contract_terms', 'business_calendars', 'calendar_hours', 'calendar_holidays'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
                    FOR EACH STATEMENT EXECUTE FUNCTION bump_serving_generation(''metrics'')', t || '_bump_metrics', t);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
                    FOR EACH STATEMENT EXECUTE FUNCTION bump_serving_generation(''metrics'')', t || '_truncate_metrics', t);
  END LOOP;
END $$;

-- Per row with a condition: routine writes (last_used_at, the sliding session expiry) must not bump.
CREATE TRIGGER api_tokens_bump_auth AFTER UPDATE ON api_tokens FOR EACH ROW
  WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.role IS DISTINCT FROM NEW.role
        OR OLD.vendor_id IS DISTINCT FROM NEW.vendor_id OR OLD.token_hash IS DISTINCT FROM NEW.token_hash)
  EXECUTE FUNCTION bump_serving_generation('auth');
CREATE TRIGGER api_tokens_delete_auth AFTER DELETE OR TRUNCATE ON api_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION bump_serving_generation('auth');
CREATE TRIGGER sessions_bump_auth AFTER UPDATE ON sessions FOR EACH ROW
  WHEN (NEW.expires_at < OLD.expires_at OR NEW.absolute_expires_at < OLD.absolute_expires_at
        OR OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.csrf_token IS DISTINCT FROM NEW.csrf_token
        OR OLD.id_hash IS DISTINCT FROM NEW.id_hash)
  EXECUTE FUNCTION bump_serving_generation('auth');
CREATE TRIGGER sessions_delete_auth AFTER DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_serving_generation('auth');
CREATE TRIGGER users_bump_auth AFTER UPDATE ON users FOR EACH ROW
  WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.vendor_id IS DISTINCT FROM NEW.vendor_id
        OR OLD.disabled_at IS DISTINCT FROM NEW.disabled_at)
  EXECUTE FUNCTION bump_serving_generation('auth');
CREATE TRIGGER users_delete_auth AFTER DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION bump_serving_generation('auth');
