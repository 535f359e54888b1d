-- management_oversight_recorded: as case_supervision_recorded, with OVERSIGHT records.
-- Reading: the same interval as supervision ({{SUPERVISION_WD}} working days) applies; the catalogue
-- says "same with OVERSIGHT records" and names no separate interval.
WITH latest AS (
    SELECT supv_person_id AS person, max(supv_date) AS record_date
    FROM ext_case_supervision
    WHERE supv_type = 'OVERSIGHT' AND supv_date <= {{D}}
      AND supv_person_id IN (SELECT person FROM open_cases)
    GROUP BY supv_person_id
)
SELECT count(*) FILTER (WHERE wd(l.record_date, {{D}}) <= {{SUPERVISION_WD}}) AS numerator,
       count(*) AS denominator
FROM open_cases AS o
LEFT JOIN latest AS l USING (person);
