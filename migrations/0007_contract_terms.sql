-- Contract terms per vendor (issue 12): business-hours calendars, dated terms per vendor (optionally per queue
-- or channel) overriding the organisation settings, and `case_facts` measured under the terms in force.
-- Decisions: docs/terms.md. The TypeScript oracles: packages/domain/src/calendars, packages/domain/src/terms.

CREATE TABLE business_calendars (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  time_zone text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Weekly opening hours in local wall-clock minutes; end at or before start: the shift ends the next day.
CREATE TABLE calendar_hours (
  calendar_id bigint NOT NULL REFERENCES business_calendars ON DELETE CASCADE,
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_minute smallint NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  end_minute smallint NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
  PRIMARY KEY (calendar_id, weekday, start_minute, end_minute)
);

-- Closed local dates, 00:00–24:00 in the calendar's zone.
CREATE TABLE calendar_holidays (
  calendar_id bigint NOT NULL REFERENCES business_calendars ON DELETE CASCADE,
  day date NOT NULL,
  name text,
  PRIMARY KEY (calendar_id, day)
);

-- The calendar's opening time as merged instants with the business seconds before each: business time between
-- two instants is then the difference of two positions, one index probe each, whatever the distance.
-- Materialised for 2000–2040 by calendar_rebuild(); outside that range the calendar counts as closed.
CREATE TABLE calendar_intervals (
  calendar_id bigint NOT NULL REFERENCES business_calendars ON DELETE CASCADE,
  start_ts timestamptz NOT NULL,
  end_ts timestamptz NOT NULL,
  seconds_before double precision NOT NULL,
  PRIMARY KEY (calendar_id, start_ts)
);

-- Rebuilds calendar_intervals of one calendar from its hours and holidays, set-based with multiranges:
-- the same construction as packages/domain/src/calendars/business-time.ts openingIntervals().
CREATE FUNCTION calendar_rebuild(cal bigint) RETURNS void LANGUAGE sql AS $$
  DELETE FROM calendar_intervals WHERE calendar_id = cal;
  INSERT INTO calendar_intervals (calendar_id, start_ts, end_ts, seconds_before)
  WITH c AS (SELECT time_zone FROM business_calendars WHERE id = cal),
  shifts AS (
    SELECT tstzrange((d + make_interval(mins => h.start_minute)) AT TIME ZONE c.time_zone,
                     (d + CASE WHEN h.end_minute <= h.start_minute THEN 1 ELSE 0 END * interval '1 day'
                        + make_interval(mins => h.end_minute)) AT TIME ZONE c.time_zone) AS r
    FROM c
    CROSS JOIN generate_series(timestamp '1999-12-31', timestamp '2040-01-01', interval '1 day') d
    JOIN calendar_hours h ON h.calendar_id = cal AND h.weekday = extract(isodow FROM d)
  ),
  closed AS (
    SELECT tstzrange(hd.day::timestamp AT TIME ZONE c.time_zone, (hd.day + 1)::timestamp AT TIME ZONE c.time_zone) AS r
    FROM c JOIN calendar_holidays hd ON hd.calendar_id = cal
  ),
  open_time AS (
    SELECT coalesce((SELECT range_agg(r) FROM shifts WHERE NOT isempty(r)), '{}'::tstzmultirange)
         - coalesce((SELECT range_agg(r) FROM closed), '{}'::tstzmultirange) AS m
  ),
  pieces AS (SELECT lower(p) AS s, upper(p) AS e FROM open_time, unnest(m) p)
  SELECT cal, s, e, coalesce(sum(extract(epoch FROM e - s)) OVER (ORDER BY s ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
  FROM pieces;
  UPDATE business_calendars SET updated_at = now() WHERE id = cal;
$$;

-- Business seconds of the calendar before instant t (0 before its first opening).
CREATE FUNCTION calendar_position(cal bigint, t timestamptz) RETURNS double precision
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN coalesce((SELECT i.seconds_before + extract(epoch FROM least(t, i.end_ts) - i.start_ts)
                   FROM calendar_intervals i WHERE i.calendar_id = cal AND i.start_ts <= t
                   ORDER BY i.start_ts DESC LIMIT 1), 0);

-- Seconds of [from, to) inside the calendar's opening hours; 0 when to <= from.
CREATE FUNCTION business_seconds(cal bigint, from_ts timestamptz, to_ts timestamptz) RETURNS double precision
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN CASE WHEN to_ts > from_ts THEN calendar_position(cal, to_ts) - calendar_position(cal, from_ts) ELSE 0 END;

-- Dated terms. A basis of 'business' without a calendar in force counts as calendar time. A NULL field inherits: channel row, then queue row, then vendor-wide row (each the latest in
-- force at the case's arrival week), then organisation_settings.
CREATE TABLE contract_terms (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  vendor_id bigint NOT NULL REFERENCES vendors ON DELETE CASCADE,
  queue text,
  channel text CHECK (channel IN ('voice', 'chat', 'email', 'web', 'social')),
  effective_from date NOT NULL CHECK (extract(isodow FROM effective_from) = 1),
  calendar_id bigint REFERENCES business_calendars ON DELETE RESTRICT,
  frt_basis text CHECK (frt_basis IN ('calendar', 'business')),
  async_sl_basis text CHECK (async_sl_basis IN ('calendar', 'business')),
  resolution_basis text CHECK (resolution_basis IN ('calendar', 'business')),
  sl_threshold_voice_seconds integer CHECK (sl_threshold_voice_seconds >= 0),
  sl_threshold_chat_seconds integer CHECK (sl_threshold_chat_seconds >= 0),
  async_sla_seconds integer CHECK (async_sla_seconds > 0),
  short_abandon_seconds integer CHECK (short_abandon_seconds >= 0),
  repeat_window_seconds integer CHECK (repeat_window_seconds >= 0),
  satisfied_score smallint CHECK (satisfied_score BETWEEN 1 AND 5),
  min_sample integer CHECK (min_sample >= 0),
  composite_weights jsonb,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (queue IS NULL OR channel IS NULL),
  UNIQUE NULLS NOT DISTINCT (vendor_id, queue, channel, effective_from)
);
CREATE INDEX contract_terms_lookup ON contract_terms (vendor_id, effective_from DESC);

-- case_facts now reads the terms in force per case instead of one set per vendor; every column of 0002 is kept.
DROP VIEW case_facts;
DROP VIEW metric_terms;

-- One row per case with a vendor (see 0002 for the rules). Terms: the latest row in force at the case's arrival
-- week for its channel, its queue, and the vendor as a whole, field by field, then the organisation's settings.
-- FRT, async service level and resolution time are measured in business time when the terms say so.
CREATE VIEW case_facts AS
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
       scorecard_week(c.solved_at, s.reporting_time_zone) AS completion_week,
       CASE WHEN c.csat_score IS NOT NULL
            THEN scorecard_week(coalesce(c.csat_at, c.solved_at), s.reporting_time_zone) END AS survey_week,
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
       -- issue 12: the terms and both clocks, for the drill-down and reconciliation
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
CROSS JOIN LATERAL (SELECT scorecard_week(c.created_at, s.reporting_time_zone) AS arrival_week) w
LEFT JOIN LATERAL (
  SELECT * FROM contract_terms x
  WHERE x.vendor_id = c.vendor_id AND x.channel = c.channel AND x.queue IS NULL AND x.effective_from <= w.arrival_week
  ORDER BY x.effective_from DESC LIMIT 1) tc ON true
LEFT JOIN LATERAL (
  SELECT * FROM contract_terms x
  WHERE x.vendor_id = c.vendor_id AND x.queue = c.queue AND x.channel IS NULL AND x.effective_from <= w.arrival_week
  ORDER BY x.effective_from DESC LIMIT 1) tq ON true
LEFT JOIN LATERAL (
  SELECT * FROM contract_terms x
  WHERE x.vendor_id = c.vendor_id AND x.queue IS NULL AND x.channel IS NULL AND x.effective_from <= w.arrival_week
  ORDER BY x.effective_from DESC LIMIT 1) tv ON true
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
-- Calendar positions (business seconds before an instant), looked up only where business time is used.
LEFT JOIN LATERAL (
  SELECT i.seconds_before + extract(epoch FROM least(c.created_at, i.end_ts) - i.start_ts) AS at_created
  FROM calendar_intervals i WHERE i.calendar_id = t.calendar_id AND i.start_ts <= c.created_at
  ORDER BY i.start_ts DESC LIMIT 1) pc ON true
LEFT JOIN LATERAL (
  SELECT i.seconds_before + extract(epoch FROM least(c.first_response_at, i.end_ts) - i.start_ts) AS at_first_response
  FROM calendar_intervals i WHERE i.calendar_id = t.calendar_id AND i.start_ts <= c.first_response_at
  ORDER BY i.start_ts DESC LIMIT 1) pf ON true
LEFT JOIN LATERAL (
  SELECT i.seconds_before + extract(epoch FROM least(c.solved_at, i.end_ts) - i.start_ts) AS at_solved
  FROM calendar_intervals i WHERE i.calendar_id = t.calendar_id AND i.start_ts <= c.solved_at
  ORDER BY i.start_ts DESC LIMIT 1) ps ON true
LEFT JOIN LATERAL (
  SELECT i.seconds_before + extract(epoch FROM least(now(), i.end_ts) - i.start_ts) AS at_now
  FROM calendar_intervals i
  WHERE i.calendar_id = t.calendar_id AND c.first_response_at IS NULL AND c.channel IN ('email', 'web', 'social')
    AND t.async_sl_basis = 'business' AND i.start_ts <= now()
  ORDER BY i.start_ts DESC LIMIT 1) pn ON true
CROSS JOIN LATERAL (
  SELECT extract(epoch FROM c.first_response_at - c.created_at)::double precision AS frt_calendar_seconds,
         extract(epoch FROM c.solved_at - c.created_at)::double precision AS resolution_calendar_seconds,
         extract(epoch FROM now() - c.created_at)::double precision AS age_calendar_seconds,
         CASE WHEN t.calendar_id IS NOT NULL AND c.first_response_at IS NOT NULL
              THEN coalesce(pf.at_first_response, 0) - coalesce(pc.at_created, 0) END AS frt_business_seconds,
         CASE WHEN t.calendar_id IS NOT NULL AND c.solved_at IS NOT NULL
              THEN coalesce(ps.at_solved, 0) - coalesce(pc.at_created, 0) END AS resolution_business_seconds,
         CASE WHEN t.calendar_id IS NOT NULL THEN greatest(coalesce(pn.at_now, 0) - coalesce(pc.at_created, 0), 0) END
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
