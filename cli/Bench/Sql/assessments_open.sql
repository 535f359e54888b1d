-- assessments_open: assessments started <= D and not authorised by D (auth date null or after D).
-- Reading: assessments (rows) are counted, not distinct children.
SELECT count(*) AS numerator, NULL AS denominator
FROM ssd_cin_assessments
WHERE cina_assessment_start_date <= {{D}}
  AND (cina_assessment_auth_date IS NULL OR cina_assessment_auth_date > {{D}});
