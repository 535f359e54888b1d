-- cla_visited_in_timescale: of cla_open children, those whose visit due date is on or after D.
-- Placement open at D: start S, type T. Latest visit V with the child seen (clav_cla_visit_seen true),
-- S <= V <= D. No such visit: due = S + 7 days. Otherwise due = V + 42 days, or V + 3 calendar months
-- when S is more than one year before D (S < D - 1 year) and T is a long-term type ({{LONG_TERM_TYPES}}).
-- Readings: "the placement open at D" is cohort placement_at_d (_cohorts.sql: with several open, the
-- one with the latest start; ties: the greatest clap_cla_placement_id); a cla_open child with no
-- placement open at D has no due date and counts as not visited in timescale (stays in the denominator).
-- V + 3 months clamps to the month end (30 Nov + 3 months = 28/29 Feb), as DateOnly.AddMonths does.
WITH latest_seen AS (
    SELECT p.person, max(v.clav_cla_visit_date) AS visit_date
    FROM placement_at_d AS p
    JOIN ssd_cla_visits AS v
      ON v.clav_person_id = p.person
     AND v.clav_cla_visit_seen
     AND v.clav_cla_visit_date >= p.placement_start
     AND v.clav_cla_visit_date <= {{D}}
    GROUP BY p.person
),
due AS (
    SELECT c.person,
           CASE WHEN p.person IS NULL THEN NULL
                WHEN v.visit_date IS NULL THEN p.placement_start + 7
                WHEN p.placement_start < {{W0}} AND list_contains({{LONG_TERM_TYPES}}, p.placement_type)
                    THEN CAST(v.visit_date + INTERVAL 3 MONTH AS DATE)
                ELSE v.visit_date + 42
           END AS due_date
    FROM cla_open AS c
    LEFT JOIN placement_at_d AS p USING (person)
    LEFT JOIN latest_seen AS v USING (person)
)
SELECT count(*) FILTER (WHERE due_date >= {{D}}) AS numerator,
       count(*) AS denominator
FROM due;
