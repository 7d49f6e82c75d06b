-- One home for the attribution rule (docs/definitions.md "Weeks and attribution"). Until now the three weeks of a
-- case were spelt out in case_facts, twice in the import commit and again in vendor re-attribution; from here
-- they all call these functions. Both are plain SQL so that PostgreSQL inlines them: case_facts keeps the plan
-- of 0011 (the recompute's range conditions on the case columns still reach the scan of cases).

-- The arrival (created_at), completion (solved_at) and survey (csat_at, else solved_at; only for a response)
-- weeks of a case in the reporting zone `tz`; NULL where the instant is missing.
CREATE FUNCTION attribution_weeks(created_at timestamptz, solved_at timestamptz, csat_at timestamptz,
                                  responded boolean, tz text)
  RETURNS TABLE (arrival_week date, completion_week date, survey_week date)
  LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT scorecard_week(created_at, tz),
         scorecard_week(solved_at, tz),
         CASE WHEN responded THEN scorecard_week(coalesce(csat_at, solved_at), tz) END
$$;

-- Every week a version of a case counts in, one row each: what an import or a re-attribution must recompute
-- for the old and the new version of a case. The survey week is included whether or not the case has a
-- response (a superset costs at most one extra vendor-week; missing one would leave a stale figure).
CREATE FUNCTION case_weeks(created_at timestamptz, solved_at timestamptz, csat_at timestamptz, tz text)
  RETURNS SETOF date
  LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT DISTINCT week
  FROM attribution_weeks(created_at, solved_at, csat_at, true, tz) a
  CROSS JOIN LATERAL (VALUES (a.arrival_week), (a.completion_week), (a.survey_week)) AS v(week)
  WHERE week IS NOT NULL
$$;

-- case_facts of 0011 with its weeks from attribution_weeks; every column, rule and join is unchanged.
CREATE OR REPLACE VIEW case_facts AS
SELECT c.id AS case_id,
       c.vendor_id,
       c.source,
       c.external_id,
       c.queue,
       c.channel,
       c.tier,
       c.site,
       c.customer_id,
       c.created_at,
       c.first_response_at,
       c.solved_at,
       c.csat_at,
       w.arrival_week,
       w.completion_week,
       w.survey_week,
       -- arrival parts
       1 AS volume,
       (c.escalated IS TRUE)::int AS escalated,
       live.threshold_seconds AS live_threshold_seconds,
       live.wait_seconds AS live_wait_seconds,
       (live.answered OR live.abandoned)::int AS live_offered,
       (live.answered AND live.wait_seconds IS NOT NULL AND live.wait_seconds <= live.threshold_seconds)::int
         AS live_answered_within,
       live.abandoned::int AS live_abandoned,
       live.short_abandon AS live_short_abandon,
       t.async_sla_seconds,
       (c.channel IN ('email', 'web', 'social')
         AND (c.first_response_at IS NOT NULL OR d.async_age_seconds > t.async_sla_seconds))::int AS async_due,
       coalesce(c.channel IN ('email', 'web', 'social') AND d.async_response_seconds <= t.async_sla_seconds, false)::int
         AS async_met,
       d.frt_seconds,
       -- completion parts (only solved cases contribute)
       (c.solved_at IS NOT NULL)::int AS solved,
       CASE WHEN c.solved_at IS NOT NULL THEN c.handle_seconds END AS handle_seconds,
       CASE WHEN c.solved_at IS NOT NULL THEN
         coalesce(c.first_contact_resolved, coalesce(c.reopen_count, 0) = 0 AND repeat.case_id IS NULL)::int
         ELSE 0 END AS fcr_resolved,
       repeat.case_id AS repeat_contact_id,
       c.first_contact_resolved AS fcr_flag,
       c.reopen_count,
       (c.solved_at IS NOT NULL AND coalesce(c.reopen_count, 0) > 0)::int AS reopened,
       d.resolution_seconds,
       -- survey parts
       (c.csat_score IS NOT NULL)::int AS csat_responded,
       (CASE c.csat_scale WHEN 2 THEN c.csat_score = 2 ELSE c.csat_score >= t.satisfied_score END IS TRUE)::int
         AS csat_satisfied,
       c.csat_score,
       c.csat_scale,
       t.repeat_window_seconds,
       t.satisfied_score,
       -- the terms and both clocks, for the drill-down and reconciliation
       t.calendar_id,
       t.frt_basis,
       t.async_sl_basis,
       t.resolution_basis,
       t.short_abandon_seconds,
       d.frt_calendar_seconds,
       d.frt_business_seconds,
       d.resolution_calendar_seconds,
       d.resolution_business_seconds
FROM cases c
CROSS JOIN organisation_settings s
CROSS JOIN LATERAL attribution_weeks(c.created_at, c.solved_at, c.csat_at, c.csat_score IS NOT NULL,
                                    s.reporting_time_zone) w
LEFT JOIN contract_terms_periods tc
  ON tc.vendor_id = c.vendor_id AND tc.channel = c.channel AND tc.queue IS NULL
 AND w.arrival_week >= tc.effective_from AND w.arrival_week < tc.effective_to
LEFT JOIN contract_terms_periods tq
  ON tq.vendor_id = c.vendor_id AND tq.queue = c.queue AND tq.channel IS NULL
 AND w.arrival_week >= tq.effective_from AND w.arrival_week < tq.effective_to
LEFT JOIN contract_terms_periods tv
  ON tv.vendor_id = c.vendor_id AND tv.queue IS NULL AND tv.channel IS NULL
 AND w.arrival_week >= tv.effective_from AND w.arrival_week < tv.effective_to
CROSS JOIN LATERAL (
  SELECT coalesce(tc.calendar_id, tq.calendar_id, tv.calendar_id) AS calendar_id,
         CASE WHEN coalesce(tc.calendar_id, tq.calendar_id, tv.calendar_id) IS NULL THEN 'calendar'
              ELSE coalesce(tc.frt_basis, tq.frt_basis, tv.frt_basis, 'calendar') END AS frt_basis,
         CASE WHEN coalesce(tc.calendar_id, tq.calendar_id, tv.calendar_id) IS NULL THEN 'calendar'
              ELSE coalesce(tc.async_sl_basis, tq.async_sl_basis, tv.async_sl_basis, 'calendar') END AS async_sl_basis,
         CASE WHEN coalesce(tc.calendar_id, tq.calendar_id, tv.calendar_id) IS NULL THEN 'calendar'
              ELSE coalesce(tc.resolution_basis, tq.resolution_basis, tv.resolution_basis, 'calendar') END AS resolution_basis,
         coalesce(tc.sl_threshold_voice_seconds, tq.sl_threshold_voice_seconds, tv.sl_threshold_voice_seconds,
                  s.sl_threshold_voice_seconds) AS sl_threshold_voice_seconds,
         coalesce(tc.sl_threshold_chat_seconds, tq.sl_threshold_chat_seconds, tv.sl_threshold_chat_seconds,
                  s.sl_threshold_chat_seconds) AS sl_threshold_chat_seconds,
         coalesce(tc.async_sla_seconds, tq.async_sla_seconds, tv.async_sla_seconds, s.async_sla_seconds) AS async_sla_seconds,
         coalesce(tc.short_abandon_seconds, tq.short_abandon_seconds, tv.short_abandon_seconds,
                  s.short_abandon_seconds) AS short_abandon_seconds,
         coalesce(tc.repeat_window_seconds, tq.repeat_window_seconds, tv.repeat_window_seconds,
                  s.repeat_window_seconds) AS repeat_window_seconds,
         coalesce(tc.satisfied_score, tq.satisfied_score, tv.satisfied_score, s.satisfied_score) AS satisfied_score
) t
-- Calendar positions (business seconds before an instant): scalar sub-selects evaluated only where a calendar
-- is in force (a CASE branch not taken costs nothing; a LATERAL join costs a node per case either way).
CROSS JOIN LATERAL (
  SELECT CASE WHEN t.calendar_id IS NOT NULL THEN coalesce((
           SELECT i.seconds_before + extract(epoch FROM least(c.created_at, i.end_ts) - i.start_ts)
           FROM calendar_intervals i WHERE i.calendar_id = t.calendar_id AND i.start_ts <= c.created_at
           ORDER BY i.start_ts DESC LIMIT 1), 0) END AS at_created,
         CASE WHEN t.calendar_id IS NOT NULL AND c.first_response_at IS NOT NULL THEN coalesce((
           SELECT i.seconds_before + extract(epoch FROM least(c.first_response_at, i.end_ts) - i.start_ts)
           FROM calendar_intervals i WHERE i.calendar_id = t.calendar_id AND i.start_ts <= c.first_response_at
           ORDER BY i.start_ts DESC LIMIT 1), 0) END AS at_first_response,
         CASE WHEN t.calendar_id IS NOT NULL AND c.solved_at IS NOT NULL THEN coalesce((
           SELECT i.seconds_before + extract(epoch FROM least(c.solved_at, i.end_ts) - i.start_ts)
           FROM calendar_intervals i WHERE i.calendar_id = t.calendar_id AND i.start_ts <= c.solved_at
           ORDER BY i.start_ts DESC LIMIT 1), 0) END AS at_solved,
         CASE WHEN t.calendar_id IS NOT NULL AND c.first_response_at IS NULL AND c.channel IN ('email', 'web', 'social') AND t.async_sl_basis = 'business' THEN coalesce((
           SELECT i.seconds_before + extract(epoch FROM least(now(), i.end_ts) - i.start_ts)
           FROM calendar_intervals i WHERE i.calendar_id = t.calendar_id AND i.start_ts <= now()
           ORDER BY i.start_ts DESC LIMIT 1), 0) END AS at_now
) p
CROSS JOIN LATERAL (
  SELECT extract(epoch FROM c.first_response_at - c.created_at)::double precision AS frt_calendar_seconds,
         extract(epoch FROM c.solved_at - c.created_at)::double precision AS resolution_calendar_seconds,
         extract(epoch FROM now() - c.created_at)::double precision AS age_calendar_seconds,
         CASE WHEN t.calendar_id IS NOT NULL AND c.first_response_at IS NOT NULL
              THEN p.at_first_response - p.at_created END AS frt_business_seconds,
         CASE WHEN t.calendar_id IS NOT NULL AND c.solved_at IS NOT NULL
              THEN p.at_solved - p.at_created END AS resolution_business_seconds,
         CASE WHEN t.calendar_id IS NOT NULL THEN greatest(coalesce(p.at_now, 0) - p.at_created, 0) END
           AS age_business_seconds
) e
CROSS JOIN LATERAL (
  SELECT e.frt_calendar_seconds, e.frt_business_seconds, e.resolution_calendar_seconds, e.resolution_business_seconds,
         CASE t.frt_basis WHEN 'business' THEN e.frt_business_seconds ELSE e.frt_calendar_seconds END AS frt_seconds,
         CASE t.resolution_basis WHEN 'business' THEN e.resolution_business_seconds ELSE e.resolution_calendar_seconds END
           AS resolution_seconds,
         CASE t.async_sl_basis WHEN 'business' THEN e.frt_business_seconds ELSE e.frt_calendar_seconds END
           AS async_response_seconds,
         CASE t.async_sl_basis WHEN 'business' THEN e.age_business_seconds ELSE e.age_calendar_seconds END
           AS async_age_seconds
) d
CROSS JOIN LATERAL (
  SELECT l.threshold_seconds, l.wait_seconds,
         coalesce(l.is_abandon AND coalesce(l.wait_seconds >= t.short_abandon_seconds, true), false) AS abandoned,
         coalesce(l.is_abandon AND l.wait_seconds < t.short_abandon_seconds, false) AS short_abandon,
         l.is_live AND NOT l.is_abandon AND coalesce(c.answered, c.first_response_at IS NOT NULL) AS answered
  FROM (SELECT c.channel IN ('voice', 'chat') AS is_live,
               c.channel IN ('voice', 'chat') AND c.abandoned IS TRUE AS is_abandon,
               CASE c.channel WHEN 'voice' THEN t.sl_threshold_voice_seconds
                              WHEN 'chat' THEN t.sl_threshold_chat_seconds END AS threshold_seconds,
               CASE WHEN c.channel IN ('voice', 'chat') THEN
                 coalesce(c.wait_seconds::double precision, e.frt_calendar_seconds) END AS wait_seconds
       ) l
) live
CROSS JOIN LATERAL (
  SELECT CASE WHEN c.solved_at IS NOT NULL AND c.first_contact_resolved IS NULL AND coalesce(c.reopen_count, 0) = 0
                   AND c.customer_id IS NOT NULL THEN
    (SELECT o.id FROM cases o
     WHERE o.customer_id = c.customer_id
       AND o.queue IS NOT DISTINCT FROM c.queue
       AND o.created_at > c.created_at
       AND o.created_at <= c.solved_at + make_interval(secs => t.repeat_window_seconds)
     ORDER BY o.created_at, o.id LIMIT 1) END AS case_id
) repeat
WHERE c.vendor_id IS NOT NULL;
