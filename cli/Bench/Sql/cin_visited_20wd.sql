-- cin_visited_20wd: of children on a CIN plan at D whose earliest open CIN plan began >= N working days
-- before D (wd(earliest_start, D) >= N, N = {{VISIT_WD}}), those with a CIN visit where the child was
-- seen in the last N working days to D (a visit V <= D with wd(V, D) <= N).
-- Readings: "child seen" = cinv_cin_visit_seen true (null = not seen); any seen CIN visit of the child
-- counts, whether or not it falls inside the current plan. Only the latest seen visit <= D is needed,
-- since wd(V, D) grows as V moves back.
WITH eligible AS (
    SELECT person FROM cin_open WHERE at_least_wd(earliest_start, {{D}}, {{VISIT_WD}})
),
latest_seen AS (
    SELECT cinv_person_id AS person, max(cinv_cin_visit_date) AS visit_date
    FROM ssd_cin_visits
    WHERE cinv_cin_visit_seen AND cinv_cin_visit_date <= {{D}}
      AND cinv_person_id IN (SELECT person FROM eligible)
    GROUP BY cinv_person_id
)
SELECT count(*) FILTER (WHERE wd(v.visit_date, {{D}}) <= {{VISIT_WD}}) AS numerator,
       count(*) AS denominator
FROM eligible AS e
LEFT JOIN latest_seen AS v USING (person);
