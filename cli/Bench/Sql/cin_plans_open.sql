-- cin_plans_open: distinct children with a CIN plan open at D (cohort cin_open, _cohorts.sql).
SELECT count(*) AS numerator, NULL AS denominator FROM cin_open;
