-- cp_visited_20wd: the cin_visited_20wd rule for children on a CP plan at D with CP visits
-- (ssd_cp_visits, cppv_cp_visit_seen true), interval N = {{VISIT_WD}} working days.
-- Readings as cin_visited_20wd: any seen CP visit of the child counts (cppv_cp_plan_id is not matched).
WITH eligible AS (
    SELECT person FROM cp_open WHERE at_least_wd(earliest_start, {{D}}, {{VISIT_WD}})
),
latest_seen AS (
    SELECT cppv_person_id AS person, max(cppv_cp_visit_date) AS visit_date
    FROM ssd_cp_visits
    WHERE cppv_cp_visit_seen AND cppv_cp_visit_date <= {{D}}
      AND cppv_person_id IN (SELECT person FROM eligible)
    GROUP BY cppv_person_id
)
SELECT count(*) FILTER (WHERE wd(v.visit_date, {{D}}) <= {{VISIT_WD}}) AS numerator,
       count(*) AS denominator
FROM eligible AS e
LEFT JOIN latest_seen AS v USING (person);
