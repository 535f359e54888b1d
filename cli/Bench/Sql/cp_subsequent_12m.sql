-- cp_subsequent_12m: of CP plans starting in the window (each plan counts), those where the child had
-- any earlier CP plan, however long ago: another ssd_cp_plans row of the same child starting strictly
-- before this one, or cppl_previous_cp_plans > 0.
-- Readings: two plans of one child starting on the same day are not "earlier" than each other.
WITH plans AS (
    SELECT cppl_person_id AS person,
           cppl_cp_plan_start_date AS start_date,
           cppl_previous_cp_plans AS previous_plans,
           min(cppl_cp_plan_start_date) OVER (PARTITION BY cppl_person_id) AS first_start
    FROM ssd_cp_plans
    WHERE cppl_cp_plan_start_date IS NOT NULL
)
SELECT count(*) FILTER (WHERE (person IS NOT NULL AND first_start < start_date)
                          OR coalesce(previous_plans, 0) > 0) AS numerator,
       count(*) AS denominator
FROM plans
WHERE in_window(start_date);
