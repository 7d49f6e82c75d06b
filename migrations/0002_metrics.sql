-- Metrics engine: the one per-case definition (`case_facts`) that the recompute, the drill-down and the
-- tests all read. Rules: shared SPEC.md "Metric definitions"; decisions where it is silent: docs/metrics.md.
-- The TypeScript oracle of the same rules is packages/domain/src/metrics/case-facts.ts (property-tested).

-- The terms each vendor's cases are measured under. Today every vendor gets the organisation's settings;
-- per-vendor contract terms (issue 12) replace this view without touching `case_facts`.
CREATE VIEW metric_terms AS
SELECT v.id AS vendor_id,
       s.sl_threshold_voice_seconds,
       s.sl_threshold_chat_seconds,
       s.async_sla_seconds,
       s.short_abandon_seconds,
       s.repeat_window_seconds,
       s.satisfied_score
FROM vendors v
CROSS JOIN organisation_settings s;

-- One row per case with a vendor: its three attribution weeks (reporting time zone) and its 0/1
-- contribution to every additive part of weekly_parts, plus the fields that decided each one.
-- Async "due" depends on now(): an unanswered async case becomes due (missed) once it is older than the SLA.
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
       scorecard_week(c.created_at, s.reporting_time_zone) AS arrival_week,
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
         AND (c.first_response_at IS NOT NULL
              OR now() - c.created_at > make_interval(secs => t.async_sla_seconds)))::int AS async_due,
       coalesce(c.channel IN ('email', 'web', 'social')
         AND c.first_response_at - c.created_at <= make_interval(secs => t.async_sla_seconds), false)::int AS async_met,
       extract(epoch FROM c.first_response_at - c.created_at)::double precision AS frt_seconds,
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
       extract(epoch FROM c.solved_at - c.created_at)::double precision AS resolution_seconds,
       -- survey parts
       (c.csat_score IS NOT NULL)::int AS csat_responded,
       (CASE c.csat_scale WHEN 2 THEN c.csat_score = 2 ELSE c.csat_score >= t.satisfied_score END IS TRUE)::int
         AS csat_satisfied,
       c.csat_score,
       c.csat_scale,
       t.repeat_window_seconds,
       t.satisfied_score
FROM cases c
JOIN metric_terms t ON t.vendor_id = c.vendor_id
CROSS JOIN organisation_settings s
CROSS JOIN LATERAL (
  SELECT l.threshold_seconds, l.wait_seconds,
         -- an abandon with an unknown wait counts: nothing shows it was a short abandon
         coalesce(l.is_abandon AND coalesce(l.wait_seconds >= t.short_abandon_seconds, true), false) AS abandoned,
         coalesce(l.is_abandon AND l.wait_seconds < t.short_abandon_seconds, false) AS short_abandon,
         -- an explicit answered flag decides; without one, a first response means answered
         l.is_live AND NOT l.is_abandon AND coalesce(c.answered, c.first_response_at IS NOT NULL) AS answered
  FROM (SELECT c.channel IN ('voice', 'chat') AS is_live,
               c.channel IN ('voice', 'chat') AND c.abandoned IS TRUE AS is_abandon,
               CASE c.channel WHEN 'voice' THEN t.sl_threshold_voice_seconds
                              WHEN 'chat' THEN t.sl_threshold_chat_seconds END AS threshold_seconds,
               CASE WHEN c.channel IN ('voice', 'chat') THEN
                 coalesce(c.wait_seconds::double precision,
                          extract(epoch FROM c.first_response_at - c.created_at)::double precision) END AS wait_seconds
       ) l
) live
-- SPEC repeat contact: the first other case (any vendor) of the same customer in the same queue opened after
-- this case's created_at and at or before solved_at + window. Looked up only where it decides FCR.
CROSS JOIN LATERAL (
  SELECT CASE WHEN c.solved_at IS NOT NULL AND c.first_contact_resolved IS NULL AND coalesce(c.reopen_count, 0) = 0
                   AND c.customer_id IS NOT NULL THEN
    (SELECT o.id FROM cases o
     WHERE o.customer_id = c.customer_id
       AND o.queue IS NOT DISTINCT FROM c.queue
       AND o.created_at > c.created_at
       AND o.created_at <= c.solved_at + make_interval(secs => t.repeat_window_seconds)
     ORDER BY o.created_at, o.id LIMIT 1) END AS case_id
) repeat;

-- Repeat contacts are looked up per (customer, queue) whatever the vendor; 0001 has that index.
-- The recompute of one vendor-week reads cases by vendor and created/solved/csat time: 0001's indexes.

-- A one-row table never reaches autovacuum's analyze threshold; without statistics the planner assumes
-- hundreds of rows in every join with it.
ANALYZE organisation_settings;
