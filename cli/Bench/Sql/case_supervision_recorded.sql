-- case_supervision_recorded: of open_cases children, those with a SUPERVISION record (ext_case_supervision,
-- supv_type, trimmed and upper-cased) dated on or before D with wd(record, D) <= {{SUPERVISION_WD}}.
-- Only the latest record <= D per child is needed (wd grows as the record moves back).
WITH latest AS (
    SELECT supv_person_id AS person, max(supv_date) AS record_date
    FROM ext_case_supervision
    WHERE supv_type = 'SUPERVISION' AND supv_date <= {{D}}
      AND supv_person_id IN (SELECT person FROM open_cases)
    GROUP BY supv_person_id
)
SELECT count(*) FILTER (WHERE wd(l.record_date, {{D}}) <= {{SUPERVISION_WD}}) AS numerator,
       count(*) AS denominator
FROM open_cases AS o
LEFT JOIN latest AS l USING (person);
