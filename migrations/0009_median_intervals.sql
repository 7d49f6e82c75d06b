-- Distribution-free 95 % interval of each stored median (issue 13): the order statistics x(r) and x(n−r+1) of
-- the vendor-week's values, r from median_ci_rank(n). Written by the recompute (packages/db/src/metrics/
-- recompute.ts); NULL when n < 6 (no such interval exists) and on rows stored before this migration until
-- their week is recomputed (nightly for the last 8 weeks, or POST /api/recompute).
ALTER TABLE weekly_distributions
  ADD COLUMN median_low_seconds double precision,
  ADD COLUMN median_high_seconds double precision;

-- The largest rank r with P(X ≤ r − 1) ≤ 0.025 for X ~ Binomial(n, ½); NULL for n < 6. The same algorithm as
-- medianRanks() in packages/domain/src/stats/intervals.ts (tested against each other): the pmf by the ratio
-- P(k+1)/P(k) = (n−k)/(k+1) in log space. exp() of a tiny log raises an underflow error in PostgreSQL, and
-- terms under e^−700 cannot move a sum compared with 0.025, so they count as 0.
CREATE FUNCTION median_ci_rank(n bigint) RETURNS integer
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  log_pmf double precision := n * ln(0.5);
  term double precision;
  cumulative double precision := 0;
  k bigint := 0;
BEGIN
  IF n < 6 THEN
    RETURN NULL;
  END IF;
  LOOP
    term := CASE WHEN log_pmf < -700 THEN 0 ELSE exp(log_pmf) END;
    EXIT WHEN cumulative + term > 0.025;
    cumulative := cumulative + term;
    log_pmf := log_pmf + ln((n - k)::double precision / (k + 1));
    k := k + 1;
  END LOOP;
  RETURN k;
END
$$;
