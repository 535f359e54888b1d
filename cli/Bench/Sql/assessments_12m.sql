-- assessments_12m: ssd_cin_assessments with cina_assessment_auth_date (completion = authorisation) in the window.
SELECT count(*) AS numerator, NULL AS denominator
FROM ssd_cin_assessments
WHERE in_window(cina_assessment_auth_date);
