-- assessments_nfa_12m: of assessments authorised in the window, those with outcome NFA:
-- cina_assessment_outcome_nfa when it is given (true/false), else the "NFA_FLAG" member of
-- cina_assessment_outcome_json (the SSD writes {"NFA_FLAG": "Y", ...}) read in the contract's boolean forms.
-- Reading: no flag in either place = not NFA.
SELECT count(*) FILTER (WHERE coalesce(cina_assessment_outcome_nfa,
                                       flag_value(json_extract_string(cina_assessment_outcome_json, '$.NFA_FLAG')),
                                       false)) AS numerator,
       count(*) AS denominator
FROM ssd_cin_assessments
WHERE in_window(cina_assessment_auth_date);
