-- Child cohorts at D that several KPIs share; each is a set of distinct person ids.
-- Rows with no person id cannot be a child and are left out.

-- Children on a CIN plan at D, with the earliest start among their CIN plans open at D.
CREATE TABLE cin_open AS
SELECT cinp_person_id AS person, min(cinp_cin_plan_start_date) AS earliest_start
FROM ssd_cin_plans
WHERE cinp_person_id IS NOT NULL AND open_at_d(cinp_cin_plan_start_date, cinp_cin_plan_end_date)
GROUP BY cinp_person_id;

-- Children on a CP plan at D, with the earliest start among their CP plans open at D.
CREATE TABLE cp_open AS
SELECT cppl_person_id AS person, min(cppl_cp_plan_start_date) AS earliest_start
FROM ssd_cp_plans
WHERE cppl_person_id IS NOT NULL AND open_at_d(cppl_cp_plan_start_date, cppl_cp_plan_end_date)
GROUP BY cppl_person_id;

-- cla_open: children with a CLA episode open at D, excluding those whose only legal status at D is
-- short breaks. Reading: a child is excluded when they have at least one legal status open at D and
-- every legal status open at D is V3 or V4. A child with no legal status open at D is NOT excluded
-- (they do not have a short-breaks-only status; the exclusion needs evidence).
CREATE TABLE short_breaks_only AS
SELECT lega_person_id AS person
FROM ssd_legal_status
WHERE lega_person_id IS NOT NULL AND open_at_d(lega_legal_status_start_date, lega_legal_status_end_date)
GROUP BY lega_person_id
HAVING bool_and(coalesce(lega_legal_status IN ('V3', 'V4'), false));

CREATE TABLE cla_open AS
SELECT DISTINCT clae_person_id AS person
FROM ssd_cla_episodes
WHERE clae_person_id IS NOT NULL
  AND open_at_d(clae_cla_episode_start_date, clae_cla_episode_ceased_date)
  AND clae_person_id NOT IN (SELECT person FROM short_breaks_only);

-- open_cases: children at D on a CIN plan, a CP plan or cared for (cla_open).
CREATE TABLE open_cases AS
SELECT person FROM cin_open
UNION
SELECT person FROM cp_open
UNION
SELECT person FROM cla_open;

-- The placement of each child at D (used by cla_placed_with_parents and cla_visited_in_timescale):
-- an ssd_cla_placement row open at D. Reading: with several open at D, the one with the latest start
-- is "the placement at D" (ties: the greatest clap_cla_placement_id).
CREATE TABLE placement_at_d AS
SELECT clap_person_id AS person,
       clap_cla_placement_start_date AS placement_start,
       clap_cla_placement_type AS placement_type
FROM ssd_cla_placement
WHERE clap_person_id IS NOT NULL
  AND open_at_d(clap_cla_placement_start_date, clap_cla_placement_end_date)
QUALIFY row_number() OVER (PARTITION BY clap_person_id
                           ORDER BY clap_cla_placement_start_date DESC, clap_cla_placement_id DESC) = 1;
